package io.miglab.core.report;

import io.miglab.core.finding.Finding;
import io.miglab.core.report.ReportSection.CodeBlock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub flavoured Markdown. Text is escaped with backslashes before every ASCII punctuation character that
 * CommonMark lets a backslash escape (spec section 2.4, "Backslash escapes"), (only where it can start markup), so {@code _},
 * {@code *}, {@code |}, backticks and {@code <script>} read as themselves; code goes in a fence longer than any backtick run inside it.
 * Charts are linked as the bundle's PNG files; a table's column alignment is GFM's {@code :---:} row.
 */
public final class MarkdownRenderer extends TextMarkupRenderer {
    /** Escaped wherever they are: they open inline markup (emphasis, code, links, tags, entities, math, mentions). */
    static final String ALWAYS = "\\`*_{}[]<>|~&$@";
    /** Escaped at the start of a line only, where they open a list, a heading or a setext underline. */
    static final String LINE_START = "-+=#";

    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+-]+:");

    @Override
    public String mediaType() {
        return "text/markdown";
    }

    @Override
    public String extension() {
        return ".md";
    }

    @Override
    String heading(int level, String text) {
        return "#".repeat(level) + " " + escapeText(text) + "\n";
    }

    @Override
    String bullet() {
        return "- ";
    }

    @Override
    String escape(String text) {
        return escapeText(text);
    }

    @Override
    String paragraph(String text) {
        return escapeText(text);
    }

    @Override
    String code(CodeBlock c) {
        return fence(c);
    }

    @Override
    void finding(StringBuilder out, Finding f) {
        out.append("- **")
                .append(escapeText(f.severity().toString()))
                .append("** ")
                .append(escapeText(f.title()))
                .append("  \n  ")
                .append(escapeText(f.evidence()));
        if (f.advice() != null) {
            out.append("  \n  Advice: ").append(escapeText(f.advice()));
        }
    }

    @Override
    String chart(Chart c) {
        return "![" + escapeText(c.title()) + "](" + ReportBundle.chartFileHint(c) + ")";
    }

    @Override
    String attachment(ReportArtifact a) {
        return "- `" + a.name().replace("`", "") + "`: " + escapeText(a.description());
    }

    @Override
    void table(StringBuilder out, Table t) {
        tableText(out, t);
    }

    private static void tableText(StringBuilder out, Table t) {
        out.append('|');
        for (Table.Column c : t.columns()) {
            out.append(' ').append(cell(c.name())).append(" |");
        }
        out.append("\n|");
        for (Table.Column c : t.columns()) {
            out.append(
                    switch (c.align()) {
                        case LEFT -> " :--- |";
                        case RIGHT -> " ---: |";
                        case CENTER -> " :---: |";
                    });
        }
        out.append('\n');
        for (List<String> row : t.rows()) {
            out.append('|');
            for (String cell : row) {
                out.append(' ').append(cell(cell)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** A table cell: escaped, line breaks as {@code <br>} (GFM cells are one line). */
    static String cell(String text) {
        return escapeText(text).replace("\r\n", "\n").replace("\n", "<br>");
    }

    /**
     * Text with every markup character backslash-escaped; {@link #unescape} reads it back. Besides {@link #ALWAYS}
     * and {@link #LINE_START}: the dot or parenthesis after digits that start a line (an ordered list), and a colon
     * that opens an emoji shortcode ({@code :smile:}); times such as 11:35 stay as they are.
     */
    public static String escapeText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String before = text.substring(lineStart, i).stripLeading();
            boolean escape = ALWAYS.indexOf(c) >= 0
                    || (LINE_START.indexOf(c) >= 0 && before.isEmpty())
                    || ((c == '.' || c == ')') && before.matches("[0-9]{1,9}"))
                    || (c == ':' && shortcodeAt(text, i));
            if (escape) {
                out.append('\\');
            }
            out.append(c);
            if (c == '\n') {
                lineStart = i + 1;
            }
        }
        return out.toString();
    }

    private static boolean shortcodeAt(String text, int i) {
        boolean afterDigit = i > 0 && Character.isDigit(text.charAt(i - 1));
        return !afterDigit && SHORTCODE.matcher(text).region(i, text.length()).lookingAt();
    }

    /** CommonMark's reading of backslash escapes: a backslash before ASCII punctuation stands for that character. */
    static String unescape(String markdown) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
                out.append(markdown.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isAsciiPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    /** A fenced code block whose fence is longer than any backtick run in the text (CommonMark 4.5). */
    static String fence(CodeBlock c) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(c.text());
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        String language = c.language() == null
                ? ""
                : c.language().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return fence + language + "\n" + c.text() + "\n" + fence;
    }
}
