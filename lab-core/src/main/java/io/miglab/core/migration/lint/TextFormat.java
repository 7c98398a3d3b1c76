package io.miglab.core.migration.lint;

/**
 * {@code file:line:col: severity rule: message}, the fix indented on the next line, and a count at the end: the shape
 * compilers use, so editors and CI logs link each finding to its line.
 */
public final class TextFormat implements LintFormat {
    @Override
    public String render(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (Finding f : report.findings()) {
            out.append(f.file())
                    .append(':')
                    .append(f.line())
                    .append(':')
                    .append(f.column())
                    .append(": ")
                    .append(f.severity().label())
                    .append(' ')
                    .append(f.rule().id())
                    .append(": ")
                    .append(oneLine(f.message()))
                    .append('\n');
            out.append("  help: ").append(oneLine(f.help())).append('\n');
        }
        out.append(report.file())
                .append(": ")
                .append(report.count(Severity.ERROR))
                .append(" errors, ")
                .append(report.count(Severity.WARNING))
                .append(" warnings, ")
                .append(report.count(Severity.INFO))
                .append(" notes")
                .append(
                        report.target() != null
                                ? " (sizes from target " + report.target() + ")"
                                : report.sized()
                                        ? " (sizes from the catalog given)"
                                        : " (no target: table sizes unknown)")
                .append('\n');
        return out.toString();
    }

    /** Line breaks would split a finding in two for grep and editors' error parsers. */
    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
