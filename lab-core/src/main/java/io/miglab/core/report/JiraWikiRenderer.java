package io.miglab.core.report;

import io.miglab.core.finding.Finding;
import io.miglab.core.report.ReportSection.CodeBlock;
import java.util.List;

/**
 * Jira wiki markup (Jira Server and Data Center). Text is escaped with a backslash before each character that starts
 * text effects, tables, links, lists or macros ({@code * _ ? - + ^ ~ { } [ ] | ! #}, Jira's "Text Formatting
 * Notation": "\X escapes the special character X"); a backslash itself is written {@code &#92;} because
 * {@code \\} is a line break there. Code goes in {@code {noformat}}, or {@code {code}} when the text holds
 * {@code {noformat}}. Wiki tables have no column alignment, so numbers are not right-aligned.
 */
public final class JiraWikiRenderer extends TextMarkupRenderer {
    static final String ESCAPED = "*_?-+^~{}[]|!#";
    /** Emoticons Jira draws from text: {@code (y)}, {@code (on)}, {@code :)}, {@code ;P}. */
    private static final java.util.regex.Pattern EMOTICON =
            java.util.regex.Pattern.compile("\\([a-z/*]{1,8}\\)|[:;][()PpDd]");

    static final String BACKSLASH = "&#92;";
    static final String AMPERSAND = "&#38;";

    @Override
    public String mediaType() {
        return "text/plain";
    }

    @Override
    public String extension() {
        return ".jira.txt";
    }

    @Override
    String heading(int level, String text) {
        return "h" + level + ". " + escape(text) + "\n";
    }

    @Override
    String bullet() {
        return "* ";
    }

    @Override
    String escape(String text) {
        return escapeText(text);
    }

    @Override
    String paragraph(String text) {
        return paragraphText(text);
    }

    @Override
    String code(CodeBlock c) {
        return codeBlock(c);
    }

    @Override
    void finding(StringBuilder out, Finding f) {
        out.append("* *")
                .append(escape(f.severity().toString()))
                .append("* ")
                .append(escape(f.title()))
                .append(" \\\\ ")
                .append(escape(f.evidence()));
        if (f.advice() != null) {
            out.append(" \\\\ Advice: ").append(escape(f.advice()));
        }
    }

    @Override
    String chart(Chart c) {
        // The bundle's PNG, shown inline once it is attached to the issue under that name.
        return "!" + ReportBundle.chartFileHint(c) + "|thumbnail!";
    }

    @Override
    String attachment(ReportArtifact a) {
        return "* [^" + a.name().replaceAll("[\\[\\]|^\\\\]", "_") + "]: " + escape(a.description());
    }

    @Override
    void table(StringBuilder out, Table t) {
        tableText(out, t);
    }

    private static void tableText(StringBuilder out, Table t) {
        out.append("||");
        for (Table.Column c : t.columns()) {
            out.append(cell(c.name())).append("||");
        }
        out.append('\n');
        for (List<String> row : t.rows()) {
            out.append('|');
            for (String cell : row) {
                out.append(cell(cell)).append('|');
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** An empty cell would merge with its neighbour's bars: a space keeps it. */
    static String cell(String text) {
        String escaped = escapeText(text).replace("\r\n", "\n").replace("\n", " \\\\ ");
        return escaped.isEmpty() ? " " : escaped;
    }

    /** A paragraph: its lines kept apart with Jira's line break, each escaped. */
    static String paragraphText(String text) {
        return escapeText(text).replace("\r\n", "\n").replace("\n", " \\\\\n");
    }

    /**
     * Text with every markup character escaped. A line that would start a heading or a quote ({@code h1.},
     * {@code bq.}) has its dot escaped too.
     */
    public static String escapeText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append(BACKSLASH);
            } else if (c == '&') {
                out.append(AMPERSAND);
            } else if (ESCAPED.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if ((c == '(' || c == ':' || c == ';') && emoticonAt(text, i)) {
                out.append('\\').append(c);
            } else if (c == '.' && blockMarkerBefore(text, i, lineStart)) {
                out.append("\\.");
            } else {
                out.append(c);
            }
            if (c == '\n') {
                lineStart = true;
            } else if (c != ' ' && c != '\t' && !Character.isLetterOrDigit(c)) {
                lineStart = false;
            }
        }
        return out.toString();
    }

    private static boolean emoticonAt(String text, int i) {
        java.util.regex.Matcher m = EMOTICON.matcher(text);
        m.region(i, Math.min(text.length(), i + 10));
        return m.lookingAt();
    }

    /** Whether the dot at {@code i} ends {@code h1} to {@code h6} or {@code bq} at the start of a line. */
    private static boolean blockMarkerBefore(String text, int i, boolean lineStart) {
        if (!lineStart || i < 2) {
            return false;
        }
        int start = text.lastIndexOf('\n', i - 1) + 1;
        String head = text.substring(start, i).strip();
        return head.matches("h[1-6]") || head.equals("bq");
    }

    /** Jira's reading of the escapes above, for tests: what a person sees. */
    static String unescape(String wiki) {
        String s = wiki.replace(BACKSLASH, "\u0000").replace(AMPERSAND, "&");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString().replace('\u0000', '\\');
    }

    static String codeBlock(CodeBlock c) {
        if (!c.text().contains("{noformat}")) {
            return "{noformat}\n" + c.text() + "\n{noformat}";
        }
        if (!c.text().contains("{code")) {
            return "{code}\n" + c.text() + "\n{code}";
        }
        // Text holding both macros' names cannot go in either: escaped lines instead.
        return paragraphText(c.text());
    }
}
