package io.miglab.core.report;

import io.miglab.core.MigLabException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a report is written in, by the names the CLI takes. */
public enum ReportFormat {
    MD("md"),
    JIRA("jira"),
    ADF("adf"),
    HTML("html"),
    CSV("csv"),
    BUNDLE("bundle");

    private final String id;

    ReportFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The renderer of a one-document format; null for CSV (one file per table) and the bundle. */
    public ReportRenderer renderer(ChartRenderer charts) {
        return switch (this) {
            case MD -> new MarkdownRenderer();
            case JIRA -> new JiraWikiRenderer();
            case ADF -> new AdfRenderer();
            case HTML -> new HtmlRenderer(charts);
            case CSV, BUNDLE -> null;
        };
    }

    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) {
            if (f.id.equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new MigLabException("'" + text + "' is not a report format; use "
                + Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", ")) + ".");
    }
}
