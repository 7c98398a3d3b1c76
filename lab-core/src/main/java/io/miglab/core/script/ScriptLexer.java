package io.miglab.core.script;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Cuts a script into statements and meta-commands the way psql's lexer does, streaming one line at a time.
 *
 * <p>A semicolon ends a statement only outside string literals ({@code '...'}, and {@code E'...'} where a backslash
 * escapes the next character; plain literals too when {@code standard_conforming_strings} is off), quoted identifiers
 * ({@code "..."}), dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}), comments ({@code --} and nested
 * {@code /* ... *}{@code /}), parentheses, and the {@code BEGIN ... END} body of a SQL-standard {@code CREATE FUNCTION}
 * or {@code PROCEDURE} (PostgreSQL 14's {@code BEGIN ATOMIC}). A backslash outside all of these starts a meta-command
 * that runs to the end of its line. Memory is bounded by the longest statement, never by the file.
 */
final class ScriptLexer {
    private enum State {
        NORMAL,
        QUOTE,
        ESCAPE_QUOTE,
        IDENTIFIER,
        DOLLAR,
        COMMENT
    }

    private final LineSource source;
    private final Supplier<Charset> charset;
    private final BooleanSupplier standardConformingStrings;

    private String line;
    private int pos;
    private int lineNumber;

    private final StringBuilder buffer = new StringBuilder();
    private int startLine;
    private State state = State.NORMAL;
    private String dollarTag;
    private int commentDepth;
    private boolean keepComment;
    private int parenDepth;
    private int beginDepth;
    private int identifierCount;
    private final char[] identifiers = new char[4];

    ScriptLexer(LineSource source, Supplier<Charset> charset, BooleanSupplier standardConformingStrings) {
        this.source = source;
        this.charset = charset;
        this.standardConformingStrings = standardConformingStrings;
    }

    /** The next statement or meta-command, or {@code null} at the end of the script. */
    ScriptCommand next() throws IOException {
        while (true) {
            if (line == null) {
                if (!source.next()) {
                    return finish();
                }
                line = source.text(charset.get());
                pos = 0;
                lineNumber = source.lineNumber();
            }
            ScriptCommand command = scan();
            if (command != null) {
                return command;
            }
        }
    }

    /**
     * Drops what is left of the current line. COPY data starts on the line after {@code COPY ... FROM stdin;}, so the
     * runner calls this before reading data lines straight from the {@link LineSource}.
     */
    void skipRestOfLine() {
        line = null;
    }

    /** The line the lexer is on. */
    int lineNumber() {
        return lineNumber;
    }

    private ScriptCommand finish() {
        line = null;
        String text = buffer.toString().strip();
        int start = startLine;
        reset();
        // psql sends what is left in the buffer at the end of a file, even without a semicolon.
        return text.isEmpty() ? null : new ScriptCommand.Sql(text, start);
    }

    private void reset() {
        buffer.setLength(0);
        state = State.NORMAL;
        parenDepth = 0;
        beginDepth = 0;
        identifierCount = 0;
        java.util.Arrays.fill(identifiers, '\0');
    }

    private ScriptCommand scan() {
        String s = line;
        int n = s.length();
        while (pos < n) {
            char c = s.charAt(pos);
            switch (state) {
                case QUOTE, ESCAPE_QUOTE -> scanQuote(s, n);
                case IDENTIFIER -> scanIdentifier(s, n);
                case DOLLAR -> scanDollar(s, n);
                case COMMENT -> scanComment(s, n);
                case NORMAL -> {
                    if (buffer.length() == 0 && Character.isWhitespace(c)) {
                        pos++;
                        continue;
                    }
                    if (c == '-' && pos + 1 < n && s.charAt(pos + 1) == '-') {
                        if (buffer.length() > 0) {
                            buffer.append(s, pos, n);
                        }
                        pos = n;
                        continue;
                    }
                    if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '*') {
                        state = State.COMMENT;
                        commentDepth = 1;
                        keepComment = buffer.length() > 0;
                        if (keepComment) {
                            buffer.append("/*");
                        }
                        pos += 2;
                        continue;
                    }
                    if (c == '\\') {
                        return meta(s, n);
                    }
                    if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                        pos++;
                        String text = buffer.toString().strip();
                        int start = startLine;
                        reset();
                        if (text.isEmpty()) {
                            continue;
                        }
                        return new ScriptCommand.Sql(text, start);
                    }
                    if (buffer.length() == 0) {
                        startLine = lineNumber;
                    }
                    scanNormal(s, n, c);
                }
            }
        }
        if (!(state == State.COMMENT && !keepComment) && buffer.length() > 0) {
            buffer.append('\n');
        }
        line = null;
        return null;
    }

    private void scanNormal(String s, int n, char c) {
        if (c == '\'') {
            state = standardConformingStrings.getAsBoolean() ? State.QUOTE : State.ESCAPE_QUOTE;
            buffer.append(c);
            pos++;
        } else if (c == '"') {
            state = State.IDENTIFIER;
            buffer.append(c);
            pos++;
        } else if (c == '$') {
            int end = dollarTagEnd(s, n, pos);
            if (end > 0) {
                dollarTag = s.substring(pos, end + 1);
                state = State.DOLLAR;
                buffer.append(dollarTag);
                pos = end + 1;
            } else {
                buffer.append(c);
                pos++;
            }
        } else if (isIdentifierStart(c)) {
            int end = pos + 1;
            while (end < n && isIdentifierPart(s.charAt(end))) {
                end++;
            }
            String word = s.substring(pos, end);
            buffer.append(word);
            pos = end;
            if (pos < n && s.charAt(pos) == '\'' && word.equalsIgnoreCase("e")) {
                state = State.ESCAPE_QUOTE;
                buffer.append('\'');
                pos++;
            } else {
                trackKeyword(word);
            }
        } else if (Character.isDigit(c)) {
            int end = pos + 1;
            while (end < n
                    && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.' || s.charAt(end) == '_')) {
                end++;
            }
            buffer.append(s, pos, end);
            pos = end;
        } else {
            if (c == '(') {
                parenDepth++;
            } else if (c == ')' && parenDepth > 0) {
                parenDepth--;
            }
            buffer.append(c);
            pos++;
        }
    }

    /**
     * psql's heuristic for SQL-standard function bodies: inside {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE},
     * {@code BEGIN} (and {@code CASE} within it) opens a block that {@code END} closes, and semicolons inside do not
     * end the statement.
     */
    private void trackKeyword(String word) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (identifierCount < identifiers.length
                && (lower.equals("create")
                        || lower.equals("function")
                        || lower.equals("procedure")
                        || lower.equals("or")
                        || lower.equals("replace"))) {
            identifiers[identifierCount] = lower.charAt(0);
        }
        identifierCount++;
        boolean routine = identifiers[0] == 'c'
                && (identifiers[1] == 'f'
                        || identifiers[1] == 'p'
                        || (identifiers[1] == 'o'
                                && identifiers[2] == 'r'
                                && (identifiers[3] == 'f' || identifiers[3] == 'p')));
        if (routine && parenDepth == 0) {
            if (lower.equals("begin")) {
                beginDepth++;
            } else if (lower.equals("case")) {
                if (beginDepth >= 1) {
                    beginDepth++;
                }
            } else if (lower.equals("end") && beginDepth > 0) {
                beginDepth--;
            }
        }
    }

    private void scanQuote(String s, int n) {
        boolean escapes = state == State.ESCAPE_QUOTE;
        while (pos < n) {
            char c = s.charAt(pos);
            if (escapes && c == '\\') {
                int to = Math.min(pos + 2, n);
                buffer.append(s, pos, to);
                pos = to;
            } else if (c == '\'') {
                if (pos + 1 < n && s.charAt(pos + 1) == '\'') {
                    buffer.append("''");
                    pos += 2;
                } else {
                    buffer.append(c);
                    pos++;
                    state = State.NORMAL;
                    return;
                }
            } else {
                buffer.append(c);
                pos++;
            }
        }
    }

    private void scanIdentifier(String s, int n) {
        int close = s.indexOf('"', pos);
        if (close < 0) {
            buffer.append(s, pos, n);
            pos = n;
            return;
        }
        buffer.append(s, pos, close + 1);
        pos = close + 1;
        if (pos < n && s.charAt(pos) == '"') {
            buffer.append('"');
            pos++;
        } else {
            state = State.NORMAL;
        }
    }

    private void scanDollar(String s, int n) {
        int close = s.indexOf(dollarTag, pos);
        if (close < 0) {
            buffer.append(s, pos, n);
            pos = n;
            return;
        }
        buffer.append(s, pos, close + dollarTag.length());
        pos = close + dollarTag.length();
        state = State.NORMAL;
    }

    private void scanComment(String s, int n) {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '*') {
                commentDepth++;
                keep("/*");
                pos += 2;
            } else if (c == '*' && pos + 1 < n && s.charAt(pos + 1) == '/') {
                commentDepth--;
                keep("*/");
                pos += 2;
                if (commentDepth == 0) {
                    state = State.NORMAL;
                    return;
                }
            } else {
                if (keepComment) {
                    buffer.append(c);
                }
                pos++;
            }
        }
    }

    private void keep(String text) {
        if (keepComment) {
            buffer.append(text);
        }
    }

    private ScriptCommand meta(String s, int n) {
        int start = pos + 1;
        int end = start;
        while (end < n && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '\\') {
            end++;
        }
        String name = s.substring(start, end);
        String args = end < n ? s.substring(end).strip() : "";
        line = null;
        if (buffer.length() > 0) {
            buffer.append('\n');
        }
        return new ScriptCommand.Meta(name, args, lineNumber);
    }

    /** Index of the closing {@code $} of a dollar-quote opening tag at {@code from}, or -1. */
    private static int dollarTagEnd(String s, int n, int from) {
        int i = from + 1;
        if (i < n && s.charAt(i) == '$') {
            return i;
        }
        if (i >= n || !isIdentifierStart(s.charAt(i))) {
            return -1;
        }
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '$') {
                return i;
            }
            if (!(isIdentifierStart(c) || Character.isDigit(c))) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
