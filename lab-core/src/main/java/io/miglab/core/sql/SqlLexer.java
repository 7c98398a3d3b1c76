package io.miglab.core.sql;

import io.miglab.core.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts SQL text into tokens following the rules of PostgreSQL's own lexer (src/backend/parser/scan.l) with {@code
 * standard_conforming_strings} on, the server default since 9.1 and what MigLab's guarded sessions are held to. The
 * guard classifies statements from these tokens, so anything the server would read as code is code here too: words
 * run through {@code $} (so {@code a$b$} is a name, not a dollar quote), {@code E'...'} alone honours backslash
 * escapes, {@code U&"..."} names are decoded, comments nest, and a number never swallows the name after it.
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private final int n;
    private int pos;
    private int line = 1;
    private final List<SqlToken> tokens = new ArrayList<>();

    private SqlLexer(String sql) {
        this.sql = sql;
        this.n = sql.length();
    }

    /**
     * The tokens of {@code sql}.
     *
     * @throws SqlSyntaxException for an unterminated string, quoted name, dollar quote or comment
     */
    public static List<SqlToken> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql == null ? "" : sql);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (pos < n) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                quoted(pos, pos, false, "string");
            } else if (c == '"') {
                quotedIdentifier(pos, pos, false);
            } else if (c == '$') {
                dollar();
            } else if (isIdentifierStart(c)) {
                word();
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                operator();
            } else if (c == '\\') {
                add(Kind.BACKSLASH, pos, pos + 1, "\\");
                pos++;
            } else {
                add(Kind.PUNCTUATION, pos, pos + 1, String.valueOf(c));
                pos++;
            }
        }
    }

    private void lineComment() {
        while (pos < n && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void blockComment() {
        int startLine = line;
        int depth = 0;
        while (pos < n) {
            char c = sql.charAt(pos);
            if (c == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        throw new SqlSyntaxException("unterminated /* comment", startLine);
    }

    private void word() {
        int start = pos;
        int end = pos + 1;
        while (end < n && isIdentifierPart(sql.charAt(end))) {
            end++;
        }
        String word = sql.substring(start, end);
        String lower = word.toLowerCase(Locale.ROOT);
        char next = end < n ? sql.charAt(end) : 0;
        if (next == '\'' && (lower.equals("e") || lower.equals("b") || lower.equals("x") || lower.equals("n"))) {
            pos = end;
            quoted(start, end, lower.equals("e"), "string");
            return;
        }
        if (lower.equals("u") && next == '&' && end + 1 < n) {
            char after = sql.charAt(end + 1);
            if (after == '\'') {
                pos = end + 1;
                quoted(start, end + 1, false, "string");
                unicodeEscapeClause();
                return;
            }
            if (after == '"') {
                pos = end + 1;
                quotedIdentifier(start, end + 1, true);
                return;
            }
        }
        pos = end;
        add(Kind.WORD, start, end, lower);
    }

    /** A string literal whose opening quote is at {@code pos}; {@code start} includes any prefix such as E. */
    private void quoted(int start, int quote, boolean backslashEscapes, String what) {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        int i = quote + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < n) {
                value.append(sql.charAt(i + 1));
                if (sql.charAt(i + 1) == '\n') {
                    line++;
                }
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                pos = i + 1;
                add(Kind.STRING, start, pos, value.toString(), startLine);
                return;
            }
            if (c == '\n') {
                line++;
            }
            value.append(c);
            i++;
        }
        throw new SqlSyntaxException("unterminated quoted " + what, startLine);
    }

    private void quotedIdentifier(int start, int quote, boolean unicode) {
        int startLine = line;
        StringBuilder value = new StringBuilder();
        int i = quote + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '"') {
                if (i + 1 < n && sql.charAt(i + 1) == '"') {
                    value.append('"');
                    i += 2;
                    continue;
                }
                pos = i + 1;
                String name = value.toString();
                if (unicode) {
                    name = decodeUnicode(name, unicodeEscapeClause(), startLine);
                }
                add(Kind.QUOTED_IDENTIFIER, start, pos, name, startLine);
                return;
            }
            if (c == '\n') {
                line++;
            }
            value.append(c);
            i++;
        }
        throw new SqlSyntaxException("unterminated quoted identifier", startLine);
    }

    /** Reads an optional {@code UESCAPE 'c'} after a U& literal; returns the escape character. */
    private char unicodeEscapeClause() {
        int save = pos;
        int saveLine = line;
        int i = pos;
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
            i++;
        }
        if (i + 7 <= n
                && sql.regionMatches(true, i, "uescape", 0, 7)
                && (i + 7 == n || !isIdentifierPart(sql.charAt(i + 7)))) {
            int j = i + 7;
            while (j < n && Character.isWhitespace(sql.charAt(j))) {
                j++;
            }
            if (j + 2 < n && sql.charAt(j) == '\'' && sql.charAt(j + 2) == '\'') {
                pos = j + 3;
                return sql.charAt(j + 1);
            }
        }
        pos = save;
        line = saveLine;
        return '\\';
    }

    private static String decodeUnicode(String text, char escape, int line) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != escape) {
                out.append(c);
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == escape) {
                out.append(escape);
                i += 2;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '+' && i + 8 <= text.length()) {
                out.appendCodePoint(hex(text.substring(i + 2, i + 8), line));
                i += 8;
            } else if (i + 5 <= text.length()) {
                out.appendCodePoint(hex(text.substring(i + 1, i + 5), line));
                i += 5;
            } else {
                throw new SqlSyntaxException("invalid Unicode escape in a U& identifier", line);
            }
        }
        return out.toString();
    }

    private static int hex(String digits, int line) {
        try {
            int cp = Integer.parseInt(digits, 16);
            if (!Character.isValidCodePoint(cp)) {
                throw new NumberFormatException();
            }
            return cp;
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException("invalid Unicode escape \"" + digits + "\" in a U& identifier", line);
        }
    }

    private void dollar() {
        int start = pos;
        int i = pos + 1;
        if (i < n && isDigit(sql.charAt(i))) {
            while (i < n && isDigit(sql.charAt(i))) {
                i++;
            }
            pos = i;
            add(Kind.PARAMETER, start, i, sql.substring(start, i));
            return;
        }
        if (i < n && sql.charAt(i) != '$') {
            if (!isIdentifierStart(sql.charAt(i))) {
                pos = i;
                add(Kind.OPERATOR, start, i, "$");
                return;
            }
            while (i < n && isDollarTagPart(sql.charAt(i))) {
                i++;
            }
            if (i >= n || sql.charAt(i) != '$') {
                // "$abc" without a closing "$" is not a dollar quote; PostgreSQL reports a syntax error.
                pos = start + 1;
                add(Kind.OPERATOR, start, start + 1, "$");
                return;
            }
        } else if (i >= n) {
            pos = i;
            add(Kind.OPERATOR, start, i, "$");
            return;
        }
        String tag = sql.substring(start, i + 1);
        int bodyStart = i + 1;
        int close = sql.indexOf(tag, bodyStart);
        int startLine = line;
        if (close < 0) {
            throw new SqlSyntaxException("unterminated dollar-quoted string", startLine);
        }
        String body = sql.substring(bodyStart, close);
        line += count(body, '\n');
        pos = close + tag.length();
        add(Kind.DOLLAR_STRING, start, pos, body, startLine);
    }

    private void number() {
        int start = pos;
        int i = pos;
        if (sql.charAt(i) == '0' && i + 1 < n && "xXoObB".indexOf(sql.charAt(i + 1)) >= 0) {
            i += 2;
            while (i < n && (isHexDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
        } else {
            i = digits(i);
            if (i < n && sql.charAt(i) == '.' && !(i + 1 < n && sql.charAt(i + 1) == '.')) {
                i = digits(i + 1);
            }
            if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                    j++;
                }
                if (j < n && isDigit(sql.charAt(j))) {
                    i = digits(j);
                }
            }
        }
        pos = i;
        add(Kind.NUMBER, start, i, sql.substring(start, i));
    }

    private int digits(int from) {
        int i = from;
        while (i < n && (isDigit(sql.charAt(i)) || (sql.charAt(i) == '_' && i + 1 < n && isDigit(sql.charAt(i + 1))))) {
            i++;
        }
        return i;
    }

    private void operator() {
        int start = pos;
        int i = pos;
        while (i < n && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0) {
            if (i > start
                    && ((sql.charAt(i) == '-' && peekAt(i + 1) == '-')
                            || (sql.charAt(i) == '/' && peekAt(i + 1) == '*'))) {
                break; // a comment starts inside the run, as in "x =--comment"
            }
            i++;
        }
        pos = i;
        add(Kind.OPERATOR, start, i, sql.substring(start, i));
    }

    private char peek(int ahead) {
        return peekAt(pos + ahead);
    }

    private char peekAt(int index) {
        return index < n ? sql.charAt(index) : 0;
    }

    private void add(Kind kind, int start, int end, String value) {
        add(kind, start, end, value, line);
    }

    private void add(Kind kind, int start, int end, String value, int tokenLine) {
        tokens.add(new SqlToken(kind, sql.substring(start, end), value, start, tokenLine));
    }

    private static int count(String s, char c) {
        int k = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDollarTagPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
