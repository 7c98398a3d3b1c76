package io.miglab.core.plan.analysis;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The columns an EXPLAIN condition ({@code Index Cond}, {@code Filter}) refers to, read from the text PostgreSQL
 * deparsed. The deparser writes unquoted identifiers only when they are all lower case and quotes every other one,
 * and writes keywords in upper case, so a lower-case word (or a quoted one) that is not a function name, a type after
 * {@code ::} or inside a string literal is a column. Good enough to say whether a column is constrained at all; when
 * in doubt it reports a column as present, so a finding built on its absence stays quiet.
 */
final class ConditionColumns {
    private ConditionColumns() {}

    /**
     * Raw column names the condition uses on the scanned relation: unqualified references, and references qualified
     * with one of {@code ownQualifiers} (the node's alias or relation name). An empty set of qualifiers accepts every
     * qualified reference too.
     */
    static Set<String> of(String condition, Set<String> ownQualifiers) {
        Set<String> columns = new LinkedHashSet<>();
        if (condition == null) {
            return columns;
        }
        String s = condition;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = skipLiteral(s, i);
            } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':') {
                i = skipTypeName(s, i + 2);
            } else if (c == '"' || isWordStart(c)) {
                // A possibly qualified name: part(.part)*
                String qualifier = null;
                String name = null;
                boolean plain = true;
                while (true) {
                    String part;
                    boolean quoted = s.charAt(i) == '"';
                    if (quoted) {
                        int end = endOfQuoted(s, i);
                        part = s.substring(i + 1, end - 1).replace("\"\"", "\"");
                        i = end;
                    } else {
                        int start = i;
                        while (i < n && isWordPart(s.charAt(i))) {
                            i++;
                        }
                        part = s.substring(start, i);
                    }
                    // Upper case unquoted is a keyword: AND, ANY, IS NOT NULL, ...
                    plain = quoted || part.equals(part.toLowerCase(java.util.Locale.ROOT));
                    qualifier = name;
                    name = part;
                    if (i + 1 < n && s.charAt(i) == '.' && (s.charAt(i + 1) == '"' || isWordStart(s.charAt(i + 1)))) {
                        i++;
                        continue;
                    }
                    break;
                }
                int next = i;
                while (next < n && s.charAt(next) == ' ') {
                    next++;
                }
                boolean function = next < n && s.charAt(next) == '(';
                boolean own = qualifier == null || ownQualifiers.isEmpty() || ownQualifiers.contains(qualifier);
                if (plain && !function && own) {
                    columns.add(name);
                }
            } else if (Character.isDigit(c) || c == '$') {
                i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                    i++;
                }
            } else {
                i++;
            }
        }
        return columns;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipLiteral(String s, int i) {
        i++;
        while (i < s.length()) {
            if (s.charAt(i) == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static int endOfQuoted(String s, int i) {
        i++;
        while (i < s.length()) {
            if (s.charAt(i) == '"') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /** A type name after {@code ::}: words separated by single spaces ({@code timestamp without time zone}), []. */
    private static int skipTypeName(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                i = endOfQuoted(s, i);
            } else if (isWordPart(c) || c == '.' || c == '[' || c == ']') {
                i++;
            } else if (c == ' ' && i + 1 < n && isWordStart(s.charAt(i + 1)) && !startsKeyword(s, i + 1)) {
                i++;
            } else if (c == '(') {
                // varchar(10), numeric(10,2)
                int close = s.indexOf(')', i);
                if (close < 0) {
                    return n;
                }
                i = close + 1;
            } else {
                return i;
            }
        }
        return i;
    }

    /** An upper-case word after a type name is an operator keyword (AND, OR, IS), not part of the type. */
    private static boolean startsKeyword(String s, int i) {
        return Character.isUpperCase(s.charAt(i));
    }
}
