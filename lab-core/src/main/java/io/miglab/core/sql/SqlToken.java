package io.miglab.core.sql;

import java.util.Locale;

/**
 * One token of PostgreSQL SQL as the server's lexer (scan.l) cuts it. Comments and white space are not tokens.
 *
 * @param kind what it is
 * @param text the token exactly as written
 * @param value for a word, its lower-case form (what PostgreSQL folds an unquoted name to); for a quoted identifier,
 *     its name with escapes resolved; for a string, its contents; otherwise the text
 * @param start offset of the first character in the statement text
 * @param line 1-based line of the first character, counted from the start of the text given to the lexer
 */
public record SqlToken(Kind kind, String text, String value, int start, int line) {

    public enum Kind {
        /** An unquoted identifier or key word: {@code select}, {@code pg_class}, {@code a$b}. */
        WORD,
        /** {@code "Name"} or {@code U&"..."}. */
        QUOTED_IDENTIFIER,
        /** {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'}. */
        STRING,
        /** {@code $$...$$} or {@code $tag$...$tag$}. */
        DOLLAR_STRING,
        NUMBER,
        /** {@code $1}. */
        PARAMETER,
        /** A run of operator characters: {@code =}, {@code ::}, {@code ->>}, {@code ?}. */
        OPERATOR,
        /** One of {@code ( ) [ ] , ; . :} and the JDBC escape braces. */
        PUNCTUATION,
        /** A backslash outside quotes: a psql meta-command, which the server would not accept. */
        BACKSLASH
    }

    public boolean isWord(String lowerCase) {
        return kind == Kind.WORD && value.equals(lowerCase);
    }

    public boolean isPunctuation(char c) {
        return kind == Kind.PUNCTUATION && text.length() == 1 && text.charAt(0) == c;
    }

    /** A name a function or relation could be called by: a word or a quoted identifier, in lower case. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    public String lowerValue() {
        return value.toLowerCase(Locale.ROOT);
    }
}
