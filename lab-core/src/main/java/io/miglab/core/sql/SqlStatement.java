package io.miglab.core.sql;

import java.util.List;

/**
 * One statement cut from SQL text, without its terminating semicolon.
 *
 * @param text the statement as written, from its first token up to its semicolon (comments kept, ends stripped)
 * @param line the 1-based line of its first token in the text it was cut from
 * @param tokens its tokens, positions relative to the text it was cut from
 */
public record SqlStatement(String text, int line, List<SqlToken> tokens) {
    public SqlStatement {
        tokens = List.copyOf(tokens);
    }

    /** The first line of the statement, shortened, for messages. */
    public String firstLine() {
        return abbreviate(text);
    }

    /** The first line of {@code text}, at most 80 characters, for messages. */
    public static String abbreviate(String text) {
        String first = text.strip();
        int newline = first.indexOf('\n');
        if (newline >= 0) {
            first = first.substring(0, newline).strip() + " ...";
        }
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }
}
