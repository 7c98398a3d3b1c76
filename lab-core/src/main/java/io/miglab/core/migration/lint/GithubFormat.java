package io.miglab.core.migration.lint;

/**
 * GitHub Actions workflow commands, one per finding, which GitHub shows as annotations on the pull request's diff:
 * {@code ::warning file=F,line=L,col=C,title=RULE::message}. Info findings become {@code ::notice}.
 */
public final class GithubFormat implements LintFormat {
    @Override
    public String render(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (Finding f : report.findings()) {
            String level =
                    switch (f.severity()) {
                        case ERROR -> "error";
                        case WARNING -> "warning";
                        case INFO -> "notice";
                    };
            out.append("::")
                    .append(level)
                    .append(" file=")
                    .append(property(f.file()))
                    .append(",line=")
                    .append(f.line())
                    .append(",col=")
                    .append(f.column())
                    .append(",title=")
                    .append(property(f.rule().id()))
                    .append("::")
                    .append(data(f.message() + "\n" + f.help()))
                    .append('\n');
        }
        return out.toString();
    }

    /** The message part: GitHub decodes %25, %0D and %0A. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as data, and also : and , which would end it. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
