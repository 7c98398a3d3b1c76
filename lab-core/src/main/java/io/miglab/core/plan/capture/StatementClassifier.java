package io.miglab.core.plan.capture;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a statement writes, so EXPLAIN ANALYZE can warn that it runs inside BEGIN ... ROLLBACK. Comments,
 * string literals, quoted identifiers and dollar-quoted bodies are blanked first, so a word inside them does not
 * count; then a statement writes when it starts with INSERT, UPDATE, DELETE, MERGE, CREATE, ALTER, DROP, TRUNCATE,
 * REFRESH or SELECT ... INTO, or is a WITH whose CTEs contain INSERT, UPDATE, DELETE or MERGE.
 */
public final class StatementClassifier {
    private static final Set<String> WRITING_STARTS =
            Set.of("insert", "update", "delete", "merge", "create", "alter", "drop", "truncate", "refresh", "copy");
    private static final Pattern DML = Pattern.compile("\\b(insert|update|delete|merge)\\b");
    private static final Pattern SELECT_INTO = Pattern.compile("\\binto\\b");
    private static final Pattern DOLLAR = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");

    private StatementClassifier() {}

    public static boolean writes(String sql) {
        String s = blank(sql).toLowerCase(Locale.ROOT).strip();
        while (s.startsWith("(")) {
            s = s.substring(1).strip();
        }
        String first = s.split("[\\s(]", 2)[0];
        if (WRITING_STARTS.contains(first)) {
            return true;
        }
        if (first.equals("with")) {
            return DML.matcher(s).find();
        }
        if (first.equals("select")) {
            return SELECT_INTO.matcher(s).find();
        }
        return false;
    }

    /** The SQL with comments, literals and quoted names replaced by spaces. */
    static String blank(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                out.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                i = Math.min(n, j + 1);
                out.append(' ');
            } else if (c == '$') {
                Matcher m = DOLLAR.matcher(sql);
                if (m.find(i) && m.start() == i) {
                    String tag = m.group();
                    int end = sql.indexOf(tag, m.end());
                    i = end < 0 ? n : end + tag.length();
                    out.append(' ');
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
