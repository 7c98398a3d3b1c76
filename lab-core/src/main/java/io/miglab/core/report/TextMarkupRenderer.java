package io.miglab.core.report;

import io.miglab.core.finding.Finding;
import io.miglab.core.report.ReportSection.CodeBlock;

/**
 * The walk that a plain-text markup (Markdown, Jira wiki) makes of a report: title, summary, environment, then each
 * section's paragraphs, code, goals, tables, findings, charts and attachments, in that order. Each format supplies
 * only its own pieces (headings, bullets, tables, escapes); none is made from another's output.
 */
abstract class TextMarkupRenderer implements ReportRenderer {

    /** A heading of {@code level} 1 to 3, with its text escaped, ending its line. */
    abstract String heading(int level, String text);

    /** A bullet line's opening ({@code "- "}, {@code "* "}). */
    abstract String bullet();

    abstract String escape(String text);

    abstract String paragraph(String text);

    abstract String code(CodeBlock block);

    abstract void table(StringBuilder out, Table table);

    abstract void finding(StringBuilder out, Finding finding);

    abstract String chart(Chart chart);

    abstract String attachment(ReportArtifact artifact);

    @Override
    public final String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(heading(1, report.title())).append('\n');
        if (!report.summary().isEmpty()) {
            out.append(escape(report.summary())).append("\n\n");
        }
        Environment env = report.environment();
        if (!env.isEmpty()) {
            out.append(heading(2, "Environment")).append('\n');
            item(out, "Target", env.target());
            item(out, "Server version", env.serverVersion());
            item(out, "Dataset", env.dataset());
            for (Environment.Setting s : env.settings()) {
                item(out, s.name(), s.value());
            }
            out.append('\n');
        }
        for (ReportSection s : report.sections()) {
            section(out, s);
        }
        return out.toString();
    }

    private void item(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(bullet())
                    .append(escape(name))
                    .append(": ")
                    .append(escape(value))
                    .append('\n');
        }
    }

    private void section(StringBuilder out, ReportSection s) {
        out.append(heading(2, s.heading())).append('\n');
        for (String p : s.paragraphs()) {
            out.append(paragraph(p)).append("\n\n");
        }
        for (CodeBlock c : s.code()) {
            out.append(code(c)).append("\n\n");
        }
        if (!s.goalChecks().isEmpty()) {
            out.append(heading(3, "Goals")).append('\n');
            table(out, GoalTable.of(s.goalChecks()));
        }
        for (Table t : s.tables()) {
            out.append(heading(3, t.title())).append('\n');
            table(out, t);
        }
        if (!s.findings().isEmpty()) {
            out.append(heading(3, "Findings")).append('\n');
            for (Finding f : s.findings()) {
                finding(out, f);
                out.append('\n');
            }
            out.append('\n');
        }
        for (Chart c : s.charts()) {
            out.append(chart(c)).append("\n\n");
        }
        if (!s.artifacts().isEmpty()) {
            out.append(heading(3, "Attachments")).append('\n');
            for (ReportArtifact a : s.artifacts()) {
                out.append(attachment(a)).append('\n');
            }
            out.append('\n');
        }
    }
}
