package io.miglab.core.migration.bench;

import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables (and views) a migration file reads and writes, found from its tokens. Names are schema-qualified,
 * {@code public} when the file does not say.
 *
 * <p>Writes: {@code CREATE|ALTER|DROP|TRUNCATE TABLE x}, {@code INSERT INTO x}, {@code UPDATE x}, {@code DELETE FROM
 * x}, {@code CREATE INDEX ... ON x}, {@code COPY x FROM}, {@code CREATE [MATERIALIZED] VIEW x}, {@code REFRESH
 * MATERIALIZED VIEW x}, {@code COMMENT ON TABLE x}, and the new name of {@code ALTER TABLE x RENAME TO y}. Reads: {@code FROM x} (in a statement or a sub-query, not inside
 * a function call such as {@code extract(year FROM d)}), {@code JOIN x}, {@code REFERENCES x} (a foreign key reads
 * its parent), {@code DELETE ... USING x}, {@code COPY x TO}. Common table expressions are not tables.
 *
 * <p>What it does not see: SQL inside function bodies and {@code DO} blocks (dynamic SQL above all), objects reached
 * through a function call, a trigger or a {@code search_path} other than {@code public}, and {@code DROP INDEX},
 * which names an index, not its table.
 */
public record TableAccess(Set<String> reads, Set<String> writes) {
    public TableAccess {
        reads = Set.copyOf(new TreeSet<>(reads));
        writes = Set.copyOf(new TreeSet<>(writes));
    }

    /** The tables the statements of {@code sql} read and write. */
    public static TableAccess of(String sql) {
        Set<String> reads = new HashSet<>();
        Set<String> writes = new HashSet<>();
        for (SqlStatement statement : SqlStatements.split(sql)) {
            new Walker(statement.tokens(), reads, writes).run();
        }
        return new TableAccess(reads, writes);
    }

    /** Every table touched, read or written. */
    public Set<String> touched() {
        Set<String> all = new TreeSet<>(reads);
        all.addAll(writes);
        return all;
    }

    /** The statement's kind from its first words, for grouping timings: CREATE INDEX, ALTER TABLE, UPDATE, ... */
    public static String kind(List<SqlToken> tokens) {
        List<String> words = new ArrayList<>();
        for (SqlToken t : tokens) {
            if (t.kind() != SqlToken.Kind.WORD) {
                break;
            }
            words.add(t.value());
            if (words.size() > 6) {
                break;
            }
        }
        if (words.isEmpty()) {
            return "OTHER";
        }
        String first = words.get(0);
        if (first.equals("with")) {
            int depth = 0;
            for (SqlToken t : tokens) {
                if (t.isPunctuation('(')) {
                    depth++;
                } else if (t.isPunctuation(')')) {
                    depth--;
                } else if (depth == 0
                        && t.kind() == SqlToken.Kind.WORD
                        && List.of("select", "insert", "update", "delete", "merge")
                                .contains(t.value())) {
                    return t.value().toUpperCase(Locale.ROOT);
                }
            }
        }
        if (List.of("create", "alter", "drop", "refresh", "comment").contains(first)) {
            for (int i = 1; i < words.size(); i++) {
                String w = words.get(i);
                if (!List.of(
                                "or",
                                "replace",
                                "unique",
                                "temp",
                                "temporary",
                                "unlogged",
                                "materialized",
                                "global",
                                "local",
                                "recursive",
                                "on")
                        .contains(w)) {
                    return (first + " " + w).toUpperCase(Locale.ROOT);
                }
            }
        }
        return first.toUpperCase(Locale.ROOT);
    }

    /** One pass over one statement's tokens. */
    private static final class Walker {
        private final List<SqlToken> t;
        private final Set<String> reads;
        private final Set<String> writes;
        private final Set<String> ctes = new HashSet<>();

        Walker(List<SqlToken> tokens, Set<String> reads, Set<String> writes) {
            this.t = tokens;
            this.reads = reads;
            this.writes = writes;
        }

        void run() {
            if (t.isEmpty()) {
                return;
            }
            collectCtes();
            Set<String> found = new HashSet<>();
            int main = mainStatement();
            int deleteFrom = head(main, found);
            writes.addAll(found);
            // A stack of parentheses: true where the paren holds a query (its first word is SELECT, WITH, VALUES).
            List<Boolean> query = new ArrayList<>();
            boolean copyTo = false;
            for (int i = 0; i < t.size(); i++) {
                SqlToken tok = t.get(i);
                if (tok.isPunctuation('(')) {
                    SqlToken next = i + 1 < t.size() ? t.get(i + 1) : null;
                    query.add(next != null && (next.isWord("select") || next.isWord("with") || next.isWord("values")));
                    continue;
                }
                if (tok.isPunctuation(')')) {
                    if (!query.isEmpty()) {
                        query.remove(query.size() - 1);
                    }
                    continue;
                }
                boolean inQuery = query.isEmpty() || query.get(query.size() - 1);
                if (tok.isWord("references") && i + 1 < t.size()) {
                    head(i + 1).ifPresent(n -> reads.add(n.qualified));
                } else if (i == deleteFrom) {
                    continue;
                } else if (inQuery && (tok.isWord("from") || tok.isWord("join") || tok.isWord("using"))) {
                    if (tok.isWord("using") && !t.get(main).isWord("delete")) {
                        continue;
                    }
                    list(i + 1, tok.isWord("join") ? 1 : Integer.MAX_VALUE);
                } else if (tok.isWord("to") && t.get(0).isWord("copy")) {
                    copyTo = true;
                }
            }
            if (copyTo) {
                // COPY x TO reads x, it does not write it.
                writes.removeAll(found);
                reads.addAll(found);
            }
        }

        /** Records the write target(s) named at the head of the statement; returns the index of DELETE's FROM. */
        private int head(int start, Set<String> out) {
            String first = t.get(start).value();
            int i = start + 1;
            switch (first) {
                case "create" -> {
                    i = skip(
                            i,
                            "or",
                            "replace",
                            "global",
                            "local",
                            "temp",
                            "temporary",
                            "unlogged",
                            "unique",
                            "materialized",
                            "recursive");
                    if (is(i, "table") || is(i, "view")) {
                        i = skip(i + 1, "if", "not", "exists");
                        head(i).ifPresent(n -> out.add(n.qualified));
                    } else if (is(i, "index")) {
                        for (int j = i; j < t.size(); j++) {
                            if (t.get(j).isWord("on")) {
                                head(skip(j + 1, "only")).ifPresent(n -> out.add(n.qualified));
                                break;
                            }
                        }
                    }
                }
                case "alter", "drop", "truncate" -> {
                    if (is(i, "table") || (first.equals("alter") && is(i, "view"))) {
                        i++;
                    } else if (!first.equals("truncate")) {
                        return -1;
                    }
                    i = skip(i, "if", "exists", "only");
                    int limit = first.equals("alter") ? 1 : Integer.MAX_VALUE;
                    out.addAll(names(i, limit));
                    if (first.equals("alter")) {
                        renamed(i).ifPresent(out::add);
                    }
                }
                case "refresh" -> {
                    i = skip(i, "materialized", "view", "concurrently");
                    head(i).ifPresent(n -> out.add(n.qualified));
                }
                case "comment" -> {
                    if (is(i, "on") && (is(i + 1, "table") || is(i + 1, "view"))) {
                        head(i + 2).ifPresent(n -> out.add(n.qualified));
                    }
                }
                case "insert" -> {
                    if (is(i, "into")) {
                        head(i + 1).ifPresent(n -> out.add(n.qualified));
                    }
                }
                case "update" -> head(skip(i, "only")).ifPresent(n -> out.add(n.qualified));
                case "delete" -> {
                    if (is(i, "from")) {
                        head(skip(i + 1, "only")).ifPresent(n -> out.add(n.qualified));
                        return i;
                    }
                }
                case "copy" -> head(i).ifPresent(n -> out.add(n.qualified));
                default -> {}
            }
            return -1;
        }

        /**
         * Where the statement proper starts: 0, or after {@code WITH a AS (...), b AS (...)} the first word outside
         * parentheses that begins a query or a data change.
         */
        private int mainStatement() {
            if (!t.get(0).isWord("with")) {
                return 0;
            }
            int depth = 0;
            for (int i = 1; i < t.size(); i++) {
                SqlToken tok = t.get(i);
                if (tok.isPunctuation('(')) {
                    depth++;
                } else if (tok.isPunctuation(')')) {
                    depth--;
                } else if (depth == 0
                        && (tok.isWord("select")
                                || tok.isWord("insert")
                                || tok.isWord("update")
                                || tok.isWord("delete")
                                || tok.isWord("merge"))) {
                    return i;
                }
            }
            return 0;
        }

        /** {@code WITH a AS (...), b AS (...)}: names that look like tables but are not. */
        private void collectCtes() {
            int depth = 0;
            for (int i = 0; i + 1 < t.size(); i++) {
                SqlToken tok = t.get(i);
                if (tok.isPunctuation('(')) {
                    depth++;
                } else if (tok.isPunctuation(')')) {
                    depth--;
                } else if (tok.isName() && (t.get(i + 1).isWord("as")) && i + 2 < t.size()) {
                    SqlToken after = t.get(i + 2);
                    boolean bodyFollows = after.isPunctuation('(')
                            || after.isWord("materialized")
                            || (after.isWord("not")
                                    && i + 3 < t.size()
                                    && t.get(i + 3).isWord("materialized"));
                    if (bodyFollows
                            && i > 0
                            && (t.get(i - 1).isWord("with")
                                    || t.get(i - 1).isPunctuation(',')
                                    || t.get(i - 1).isWord("recursive"))) {
                        ctes.add(tok.value());
                    }
                }
            }
        }

        /** Reads a comma-separated list of table references from {@code i}: {@code a, b AS x, ONLY c}. */
        private void list(int i, int limit) {
            for (int count = 0; count < limit && i < t.size(); count++) {
                i = skip(i, "only", "lateral");
                var n = name(i);
                if (n.isEmpty()) {
                    return;
                }
                if (!(n.get().parts == 1 && ctes.contains(n.get().last))) {
                    reads.add(n.get().qualified);
                }
                i = n.get().end;
                if (is(i, "as")) {
                    i++;
                }
                if (i < t.size() && t.get(i).isName() && !isClauseWord(t.get(i))) {
                    i++;
                }
                if (i < t.size() && t.get(i).isPunctuation(',')) {
                    i++;
                } else {
                    return;
                }
            }
        }

        private List<String> names(int i, int limit) {
            List<String> out = new ArrayList<>();
            while (out.size() < limit) {
                var n = name(i);
                if (n.isEmpty()) {
                    break;
                }
                out.add(n.get().qualified);
                i = n.get().end;
                if (i < t.size() && t.get(i).isPunctuation(',')) {
                    i++;
                } else {
                    break;
                }
            }
            return out;
        }

        private record Name(String qualified, String last, int parts, int end) {}

        /** A possibly qualified name starting at {@code i}; empty when there is none (a sub-query, a key word). */
        private java.util.Optional<Name> name(int i) {
            return name(i, false);
        }

        /** A name where the grammar allows a column list after it: {@code INSERT INTO x (a, b)}. */
        private java.util.Optional<Name> head(int i) {
            return name(i, true);
        }

        /** {@code ALTER TABLE x RENAME TO y}: y, in x's schema. */
        private java.util.Optional<String> renamed(int i) {
            var table = name(i);
            for (int j = i; table.isPresent() && j + 2 < t.size(); j++) {
                if (t.get(j).isWord("rename")
                        && t.get(j + 1).isWord("to")
                        && t.get(j + 2).isName()) {
                    String q = table.get().qualified;
                    return java.util.Optional.of(
                            q.substring(0, q.indexOf('.') + 1) + t.get(j + 2).value());
                }
            }
            return java.util.Optional.empty();
        }

        private java.util.Optional<Name> name(int i, boolean parenthesisAllowed) {
            if (i >= t.size() || !t.get(i).isName() || isClauseWord(t.get(i))) {
                return java.util.Optional.empty();
            }
            List<String> parts = new ArrayList<>();
            parts.add(t.get(i).value());
            int j = i + 1;
            while (j + 1 < t.size()
                    && t.get(j).isPunctuation('.')
                    && t.get(j + 1).isName()) {
                parts.add(t.get(j + 1).value());
                j += 2;
            }
            if (j < t.size() && t.get(j).isPunctuation('(') && !parenthesisAllowed) {
                return java.util.Optional.empty(); // a function in FROM: generate_series(1, 10)
            }
            String last = parts.get(parts.size() - 1);
            String qualified = parts.size() == 1 ? "public." + last : parts.get(parts.size() - 2) + "." + last;
            return java.util.Optional.of(new Name(qualified, last, parts.size(), j));
        }

        private static boolean isClauseWord(SqlToken tok) {
            return tok.kind() == SqlToken.Kind.WORD
                    && Set.of(
                                    "select",
                                    "where",
                                    "on",
                                    "join",
                                    "left",
                                    "right",
                                    "inner",
                                    "outer",
                                    "full",
                                    "cross",
                                    "natural",
                                    "group",
                                    "order",
                                    "limit",
                                    "offset",
                                    "having",
                                    "window",
                                    "union",
                                    "except",
                                    "intersect",
                                    "set",
                                    "returning",
                                    "using",
                                    "values",
                                    "lateral",
                                    "stdin",
                                    "stdout",
                                    "with",
                                    "for",
                                    "to",
                                    "from",
                                    "as",
                                    "default",
                                    "only")
                            .contains(tok.value());
        }

        private boolean is(int i, String word) {
            return i >= 0 && i < t.size() && t.get(i).isWord(word);
        }

        private int skip(int i, String... words) {
            Set<String> set = Set.of(words);
            while (i < t.size()
                    && t.get(i).kind() == SqlToken.Kind.WORD
                    && set.contains(t.get(i).value())) {
                i++;
            }
            return i;
        }
    }
}
