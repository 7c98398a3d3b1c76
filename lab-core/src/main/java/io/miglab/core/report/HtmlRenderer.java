package io.miglab.core.report;

import io.miglab.core.finding.Finding;
import io.miglab.core.report.ReportSection.CodeBlock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page: inline CSS, charts embedded as {@code data:} PNGs, no script, nothing fetched. Text is
 * escaped ({@code & < > " '}) and the page is well-formed XML too, so a test can parse it back with the JDK's parser.
 */
public final class HtmlRenderer implements ReportRenderer {
    private static final String CSS =
            """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 72em;
                   color: #1d2125; line-height: 1.45; padding: 0 1em; }
            h1 { border-bottom: 2px solid #0c66e4; padding-bottom: .2em; }
            h2 { margin-top: 2em; border-bottom: 1px solid #dcdfe4; }
            table { border-collapse: collapse; margin: .5em 0 1.5em; font-size: .92em; }
            th, td { border: 1px solid #dcdfe4; padding: .25em .6em; vertical-align: top; }
            th { background: #f1f2f4; }
            td.right, th.right { text-align: right; font-variant-numeric: tabular-nums; }
            td.center, th.center { text-align: center; }
            td.fail { color: #ae2e24; font-weight: bold; }
            td.pass { color: #216e4e; }
            pre { background: #f7f8f9; border: 1px solid #dcdfe4; padding: .8em; overflow-x: auto; }
            .severity { font-weight: bold; }
            img { max-width: 100%; border: 1px solid #dcdfe4; margin: .5em 0; }
            """;

    private final ChartRenderer charts;

    public HtmlRenderer(ChartRenderer charts) {
        this.charts = charts;
    }

    @Override
    public String mediaType() {
        return "text/html";
    }

    @Override
    public String extension() {
        return ".html";
    }

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(escape(report.title()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(escape(report.title())).append("</h1>\n");
        if (!report.summary().isEmpty()) {
            out.append("<p>").append(escape(report.summary())).append("</p>\n");
        }
        Environment env = report.environment();
        if (!env.isEmpty()) {
            out.append("<h2>Environment</h2>\n<ul>\n");
            item(out, "Target", env.target());
            item(out, "Server version", env.serverVersion());
            item(out, "Dataset", env.dataset());
            env.settings().forEach(s -> item(out, s.name(), s.value()));
            out.append("</ul>\n");
        }
        for (ReportSection s : report.sections()) {
            section(out, s);
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private void section(StringBuilder out, ReportSection s) {
        out.append("<section>\n<h2>").append(escape(s.heading())).append("</h2>\n");
        for (String p : s.paragraphs()) {
            out.append("<p>").append(lines(p)).append("</p>\n");
        }
        for (CodeBlock c : s.code()) {
            out.append("<pre><code>").append(escape(c.text())).append("</code></pre>\n");
        }
        if (!s.goalChecks().isEmpty()) {
            out.append("<h3>Goals</h3>\n");
            table(out, GoalTable.of(s.goalChecks()), true);
        }
        for (Table t : s.tables()) {
            out.append("<h3>").append(escape(t.title())).append("</h3>\n");
            table(out, t, false);
        }
        if (!s.findings().isEmpty()) {
            out.append("<h3>Findings</h3>\n<ul>\n");
            for (Finding f : s.findings()) {
                out.append("<li><span class=\"severity\">")
                        .append(escape(f.severity().toString()))
                        .append("</span> ")
                        .append(escape(f.title()))
                        .append("<br/>")
                        .append(lines(f.evidence()));
                if (f.advice() != null) {
                    out.append("<br/>Advice: ").append(lines(f.advice()));
                }
                out.append("</li>\n");
            }
            out.append("</ul>\n");
        }
        for (Chart c : s.charts()) {
            out.append("<figure><img alt=\"")
                    .append(escape(c.title()))
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(charts.png(c)))
                    .append("\"/></figure>\n");
        }
        if (!s.artifacts().isEmpty()) {
            out.append("<h3>Attachments</h3>\n<ul>\n");
            for (ReportArtifact a : s.artifacts()) {
                out.append("<li><code>")
                        .append(escape(a.name()))
                        .append("</code>: ")
                        .append(escape(a.description()))
                        .append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private static void table(StringBuilder out, Table t, boolean goals) {
        out.append("<table>\n<thead><tr>");
        for (Table.Column c : t.columns()) {
            out.append("<th")
                    .append(align(c.align(), ""))
                    .append('>')
                    .append(escape(c.name()))
                    .append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String extra = goals && i == row.size() - 1 ? (row.get(i).equals("pass") ? "pass" : "fail") : "";
                out.append("<td")
                        .append(align(t.columns().get(i).align(), extra))
                        .append('>')
                        .append(lines(row.get(i)))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String align(Table.Align align, String extra) {
        String cls = (align == Table.Align.LEFT ? "" : align.name().toLowerCase(Locale.ROOT)) + " " + extra;
        return cls.isBlank() ? "" : " class=\"" + cls.strip() + "\"";
    }

    private static void item(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append("<li>")
                    .append(escape(name))
                    .append(": ")
                    .append(escape(value))
                    .append("</li>\n");
        }
    }

    private static String lines(String text) {
        return escape(text).replace("\r\n", "\n").replace("\n", "<br/>\n");
    }

    /** The five characters that HTML (and XML) give meaning to. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters have no place in HTML (nor in XML 1.0): a replacement character instead.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
