package io.miglab.core.report;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A report of one or more experiments, independent of any output format: every renderer (Markdown, Jira wiki, ADF,
 * HTML, CSV) walks this model, so no format is derived from another by text substitution. Immutable; the strings it
 * holds are plain text (never markup), each renderer escapes them for its format.
 *
 * @param summary one paragraph saying what the report covers, or "" for none
 */
public record Report(String title, String summary, Environment environment, List<ReportSection> sections) {
    public Report {
        title = title == null || title.isBlank() ? "MigLab report" : title;
        summary = summary == null ? "" : summary;
        environment = environment == null ? Environment.UNKNOWN : environment;
        sections = List.copyOf(sections);
    }

    /** Every table of every section, in order; what the CSV renderer and the bundle write out one file each. */
    public List<Table> tables() {
        return sections.stream().flatMap(s -> s.tables().stream()).toList();
    }

    public List<Chart> charts() {
        return sections.stream().flatMap(s -> s.charts().stream()).toList();
    }

    /** The same report with {@code f} applied to every piece of text (redaction is one such pass). */
    public Report mapText(UnaryOperator<String> f) {
        return new Report(
                f.apply(title),
                f.apply(summary),
                environment.mapText(f),
                sections.stream().map(s -> s.mapText(f)).toList());
    }
}
