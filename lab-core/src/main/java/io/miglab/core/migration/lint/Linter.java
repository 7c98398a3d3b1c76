package io.miglab.core.migration.lint;

import io.miglab.core.sql.SqlLexer;
import io.miglab.core.sql.SqlSyntaxException;
import io.miglab.core.sql.SqlToken.Kind;
import io.miglab.core.units.Sizes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The rules, run over a script's units in order, so that what the script did before (SET, CREATE) counts. */
final class Linter {
    private static final Set<String> REMOTE_FUNCTIONS = Set.of(
            "dblink",
            "dblink_exec",
            "dblink_connect",
            "dblink_connect_u",
            "dblink_open",
            "dblink_fetch",
            "dblink_send_query",
            "dblink_get_result",
            "http",
            "http_get",
            "http_post",
            "http_put",
            "http_patch",
            "http_delete",
            "http_head",
            "http_collect_response",
            "invoke",
            "table_import_from_s3",
            "query_export_to_s3");
    /** Calls whose value differs per row: a DEFAULT with one rewrites the table (PostgreSQL 11 and later). */
    private static final Set<String> VOLATILE = Set.of(
            "random",
            "clock_timestamp",
            "timeofday",
            "gen_random_uuid",
            "uuid_generate_v1",
            "uuid_generate_v1mc",
            "uuid_generate_v4",
            "uuidv4",
            "uuidv7",
            "nextval",
            "txid_current",
            "setseed");
    /** Stable: evaluated once by ADD COLUMN, so no rewrite, but every existing row gets the same value. */
    private static final Set<String> STABLE = Set.of(
            "now",
            "current_timestamp",
            "current_date",
            "current_time",
            "localtimestamp",
            "localtime",
            "statement_timestamp",
            "transaction_timestamp");
    /** Non-volatile calls common in defaults; anything else is looked at as possibly volatile. */
    private static final Set<String> NOT_VOLATILE = Set.of(
            "coalesce",
            "lower",
            "upper",
            "length",
            "abs",
            "round",
            "jsonb_build_object",
            "json_build_object",
            "jsonb_build_array",
            "array",
            "to_jsonb",
            "concat",
            "make_interval",
            "interval",
            "nullif",
            "greatest",
            "least",
            "row",
            "array_fill");

    private static final Set<String> COMPARISONS = Set.of("=", "<", ">", "<=", ">=", "<>", "!=");
    private static final Set<String> CONTAINMENT = Set.of("?", "?|", "?&", "@>", "<@", "@@");
    private static final Set<String> AFTER_TABLE = Set.of(
            "where",
            "order",
            "limit",
            "group",
            "having",
            "join",
            "left",
            "right",
            "inner",
            "full",
            "cross",
            "natural",
            "on",
            "using",
            "set",
            "for",
            "offset",
            "fetch",
            "union",
            "except",
            "intersect",
            "window",
            "returning",
            "tablesample",
            "lateral");

    private final LintSource source;
    private final TableStats stats;
    private final LintConfig config;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> created = new HashSet<>();
    private final Set<String> foreign = new HashSet<>();
    private final Map<String, List<IndexInfo>> scriptIndexes = new HashMap<>();
    private boolean lockTimeout;
    private boolean statementTimeout;
    private boolean reportedLockTimeout;
    private boolean reportedStatementTimeout;
    /** Whether the script opened a transaction block (BEGIN) that it has not ended yet. */
    private boolean inTransactionBlock;

    Linter(LintSource source, TableStats stats, LintConfig config) {
        this.source = source;
        this.stats = stats;
        this.config = config;
    }

    List<Finding> run() {
        for (Unit u : source.units()) {
            check(u);
        }
        Set<LintRule> off = source.fileSuppressed();
        return findings.stream().filter(f -> !off.contains(f.rule())).toList();
    }

    private void check(Unit u) {
        if (u.topLevel()) {
            transactionBlock(u);
        }
        settings(u);
        remote(u);
        int verb = 0;
        if (u.first().is("with")) {
            verb = Math.max(0, Toks.top(u.tokens(), 1, u.size(), "update", "delete", "insert", "select", "merge"));
        }
        Tok v = u.get(verb);
        if (v.is("update")) {
            update(u, verb);
        } else if (v.is("delete")) {
            delete(u, verb);
        } else {
            if (u.loops() > 0 || u.loopHeader()) {
                for (BatchSelect s : limitedSelects(u)) {
                    batchPredicate(u, s);
                }
            }
            if (v.is("insert") && u.loops() > 0 && Toks.top(u.tokens(), verb, u.size(), "values") > 0) {
                int values = Toks.top(u.tokens(), verb, u.size(), "values");
                if (usesVariable(u, values, u.size(), u.loopVariables())) {
                    int into = Toks.top(u.tokens(), verb, u.size(), "into");
                    String table = into < 0 ? null : tableAt(u, into + 1);
                    TableInfo info = info(table);
                    add(
                            u,
                            LintRule.ROW_BY_ROW,
                            sized(info),
                            v,
                            "INSERT of one row per statement inside a loop: each row costs a round of parsing,"
                                    + " planning and WAL" + size(info) + ".",
                            "Insert the whole batch in one statement: INSERT INTO ... SELECT ... over the loop's"
                                    + " query.",
                            table,
                            info);
                }
            }
        }
        if (v.is("create")) {
            create(u);
        } else if (v.is("alter") && u.size() > 1 && u.get(1).is("table")) {
            alterTable(u);
        } else if (locksATable(u)) {
            timeouts(u, v, null);
        }
    }

    // ---- UPDATE and DELETE ----

    private void update(Unit u, int verb) {
        List<Tok> t = u.tokens();
        int n = t.size();
        int i = verb + 1;
        if (i < n && t.get(i).is("only")) {
            i++;
        }
        int nameEnd = Toks.nameEnd(t, i, n);
        if (nameEnd == i) {
            return;
        }
        String table = Toks.written(t, i, nameEnd);
        String key = Toks.key(t, i, nameEnd);
        int set = Toks.top(t, nameEnd, n, "set");
        if (set < 0) {
            return;
        }
        int where = Toks.top(t, set + 1, n, "where");
        int returning = Toks.top(t, set + 1, n, "returning");
        int setEnd = firstPositive(n, Toks.top(t, set + 1, n, "from"), where, returning);
        Set<String> columns = new HashSet<>();
        for (int[] a : Toks.split(t, set + 1, setEnd, ",")) {
            if (a[1] <= a[0]) {
                continue;
            }
            if (t.get(a[0]).punct('(')) {
                int close = Toks.close(t, a[0], a[1]);
                for (int c = a[0] + 1; c < close - 1; c++) {
                    if (t.get(c).isName()) {
                        columns.add(t.get(c).name());
                    }
                }
            } else if (t.get(a[0]).isName()) {
                int eq = a[0] + 1;
                while (eq < a[1] && !t.get(eq).op("=")) {
                    eq++;
                }
                boolean same = eq + 2 == a[1]
                        && t.get(eq + 1).isName()
                        && t.get(eq + 1).name().equals(t.get(a[0]).name());
                if (!same) {
                    columns.add(t.get(a[0]).name());
                }
            }
        }
        mutate(u, verb, table, key, where, returning > where ? returning : n, columns);
    }

    private void delete(Unit u, int verb) {
        List<Tok> t = u.tokens();
        int n = t.size();
        int i = verb + 1;
        if (i < n && t.get(i).is("from")) {
            i++;
        }
        if (i < n && t.get(i).is("only")) {
            i++;
        }
        int nameEnd = Toks.nameEnd(t, i, n);
        if (nameEnd == i) {
            return;
        }
        int where = Toks.top(t, nameEnd, n, "where");
        int returning = Toks.top(t, nameEnd, n, "returning");
        mutate(
                u,
                verb,
                Toks.written(t, i, nameEnd),
                Toks.key(t, i, nameEnd),
                where,
                returning > where ? returning : n,
                Set.of());
    }

    private void mutate(Unit u, int verb, String table, String key, int where, int whereEnd, Set<String> columns) {
        List<Tok> t = u.tokens();
        Tok v = t.get(verb);
        String what = v.value().toUpperCase(Locale.ROOT);
        TableInfo info = info(table);
        List<IndexInfo> indexes = indexes(info, key);
        boolean fresh = created.contains(key);
        List<int[]> conjuncts = where < 0 ? List.of() : Toks.split(t, where + 1, whereEnd, "and");
        boolean currentOf = where >= 0
                && where + 2 < t.size()
                && t.get(where + 1).is("current")
                && t.get(where + 2).is("of");
        boolean byVariable = currentOf;
        boolean byKey = currentOf;
        for (int[] c : conjuncts) {
            Equality e = equality(u, c);
            if (e == null) {
                continue;
            }
            if (e.variable) {
                // One value per execution: the loop or the caller around the statement is what batches it.
                byVariable = true;
                byKey = true;
            } else if (uniqueLeading(indexes, e.column) || (info == null && e.column.equals("id"))) {
                byKey = true;
            }
        }
        if (u.loops() > 0 && byVariable) {
            add(
                    u,
                    LintRule.ROW_BY_ROW,
                    sized(info),
                    v,
                    what + " of one row per statement inside a loop" + size(info)
                            + ": every row costs its own statement, index lookups and WAL record.",
                    "Change a whole batch per statement: " + what + " ... WHERE id IN (SELECT id FROM " + table
                            + " WHERE <not yet migrated> LIMIT 10000), repeated until no row is left.",
                    table,
                    info);
        }
        boolean limited =
                contains(t, "limit") || contains(t, "ctid") || range(u, conjuncts) || boundedList(u, conjuncts);
        if (!byKey && !limited && !fresh) {
            String scope = where < 0
                    ? "changes every row of " + table
                    : "changes every row of " + table + " its WHERE matches (nothing in it bounds a batch),";
            Batching batching = batching(u, verb, table, info);
            add(
                    u,
                    LintRule.UNBATCHED_UPDATE,
                    sized(info),
                    v,
                    what + " " + scope + " in one statement" + size(info)
                            + ": one long transaction holds its row locks to the end, writes every row to WAL at once"
                            + " and leaves a dead copy of each behind.",
                    "Work in batches of about 10,000 rows, each its own transaction: " + what
                            + " ... WHERE id IN (SELECT id FROM " + table
                            + " WHERE <not yet done> LIMIT 10000), in a loop until it changes no row; or by id ranges"
                            + " (WHERE id >= $1 AND id < $2). " + batching.help(),
                    table,
                    info,
                    null,
                    null,
                    batching.rewrite());
        }
        for (BatchSelect s : limitedSelects(u)) {
            batchPredicate(u, s);
        }
        if (!columns.isEmpty()) {
            List<BatchSelect> batches = limitedSelects(u);
            for (IndexInfo index : indexes) {
                Set<String> words = words(index);
                Set<String> hit = columns.stream()
                        .filter(words::contains)
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
                if (hit.isEmpty()) {
                    continue;
                }
                boolean servesBatch = batches.stream().anyMatch(b -> b.key.equals(key) && serves(index, b));
                String cols = String.join(", ", hit);
                add(
                        u,
                        LintRule.INDEX_ON_UPDATED_COLUMN,
                        servesBatch ? Severity.INFO : sized(info),
                        v,
                        "UPDATE sets " + cols + ", which index " + index.describe() + " covers"
                                + size(info) + ": every updated row writes a new entry into it and no update can be HOT"
                                + " (heap-only)"
                                + (servesBatch
                                        ? "; it serves this migration's batch predicate, so keep it until the"
                                                + " migration ends and then drop it."
                                        : "."),
                        servesBatch
                                ? "DROP INDEX CONCURRENTLY " + index.name() + " once the migration is done."
                                : "If nothing needs " + index.name() + " during the migration, drop it before and build"
                                        + " it again after with CREATE INDEX CONCURRENTLY; otherwise budget for its writes.",
                        table,
                        info,
                        // The mechanical fix, where the target told us how to build it again: drop, migrate, rebuild.
                        servesBatch || index.rebuildConcurrently() == null
                                ? null
                                : "DROP INDEX CONCURRENTLY " + index.name(),
                        servesBatch ? null : index.rebuildConcurrently());
            }
        }
    }

    // ---- the batched rewrite of an unbatched UPDATE or DELETE ----

    /** Rows per batch of the rewrite, as the advice says. */
    static final int BATCH_ROWS = 10_000;
    /**
     * At most this many batches, whatever the keys' spread: with sparse keys or a stale reltuples the batches get
     * larger rather than the loop longer.
     */
    static final int MAX_BATCHES = 1_000_000;

    /** The rewrite offered, or why none is: the help says which. */
    private record Batching(Finding.Rewrite rewrite, String help) {}

    private static Batching noRewrite(String why) {
        return new Batching(null, "MigLab offers no batched rewrite: " + why + ".");
    }

    /** A top-level BEGIN or START TRANSACTION opens a block; COMMIT, END, ROLLBACK, ABORT or PREPARE end it. */
    private void transactionBlock(Unit u) {
        List<Tok> t = u.tokens();
        Tok v = t.get(0);
        boolean chain = false;
        for (int i = 1; i < t.size(); i++) {
            chain |= t.get(i).is("chain") && !t.get(i - 1).is("no");
        }
        if (v.is("begin") || (v.is("start") && t.size() > 1 && t.get(1).is("transaction"))) {
            inTransactionBlock = true;
        } else if (v.isAny("commit", "end", "abort", "rollback")) {
            // ROLLBACK TO a savepoint stays in the block; COMMIT PREPARED runs outside one and changes nothing.
            boolean inside = t.size() > 1 && t.get(1).isAny("to", "prepared");
            if (!inside && !chain) {
                inTransactionBlock = false;
            }
        } else if (v.is("prepare") && t.size() > 1 && t.get(1).is("transaction")) {
            inTransactionBlock = false;
        }
    }

    /**
     * The statement in batches by ranges of its table's integer primary key, each committed on its own, as a DO block
     * in its place: offered only where that is the same statement in pieces. It must be the script's own statement
     * (a body cannot commit when it is called inside a transaction), outside a BEGIN block (COMMIT inside DO needs
     * none), in its plain form (no WITH, FROM, USING, RETURNING or WHERE CURRENT OF, nothing reading the table
     * again, which would see the batches before), and on a table whose key the target told us.
     */
    private Batching batching(Unit u, int verb, String table, TableInfo info) {
        List<Tok> t = u.tokens();
        int n = t.size();
        if (!u.topLevel()) {
            return noRewrite("it runs inside a function or DO body, which cannot commit per batch when called in a"
                    + " transaction");
        }
        if (inTransactionBlock) {
            return noRewrite("it runs inside the script's BEGIN ... COMMIT, and a batch cannot commit there");
        }
        if (verb > 0) {
            return noRewrite("only a plain UPDATE or DELETE is rewritten, not one with WITH");
        }
        boolean update = t.get(0).is("update");
        int i = 1;
        if (!update) {
            if (!(n > 1 && t.get(1).is("from"))) {
                return noRewrite("only a plain DELETE FROM table WHERE ... is rewritten");
            }
            i++;
        }
        if (i < n && t.get(i).is("only")) {
            i++;
        }
        int nameEnd = Toks.nameEnd(t, i, n);
        String key = Toks.key(t, i, nameEnd);
        int j = nameEnd;
        String alias = null;
        Set<String> clauses = update ? Set.of("set") : Set.of("where", "using", "returning");
        if (j + 1 < n && t.get(j).is("as") && t.get(j + 1).isName()) {
            alias = t.get(j + 1).text();
            j += 2;
        } else if (j < n && t.get(j).isName() && !clauses.contains(t.get(j).value())) {
            alias = t.get(j).text();
            j++;
        }
        String plain = "only a plain " + (update ? "UPDATE table SET ... WHERE ..." : "DELETE FROM table WHERE ...")
                + " is rewritten";
        int where;
        if (update) {
            if (!(j < n && t.get(j).is("set")) || Toks.top(t, j + 1, n, "from", "returning") >= 0) {
                return noRewrite(plain + ", not one with FROM or RETURNING");
            }
            where = Toks.top(t, j + 1, n, "where");
        } else {
            if ((j < n && !t.get(j).is("where")) || Toks.top(t, j, n, "using", "returning") >= 0) {
                return noRewrite(plain + ", not one with USING or RETURNING");
            }
            where = j < n ? j : -1;
        }
        if (where >= 0
                && (where + 1 >= n
                        || (t.get(where + 1).is("current")
                                && where + 2 < n
                                && t.get(where + 2).is("of")))) {
            return noRewrite(plain + ", not one WHERE CURRENT OF a cursor");
        }
        for (int k = j; k + 1 < n; k++) {
            int end = Toks.nameEnd(t, k + 1, n);
            if (t.get(k).isAny("from", "join")
                    && end > k + 1
                    && Toks.key(t, k + 1, end).equals(key)) {
                return noRewrite("it reads " + table + " again in a subquery, which would see the batches before");
            }
        }
        for (Tok k : t) {
            if (!source.slice(k.offset(), k.end()).equals(k.text())) {
                return noRewrite("a meta-command inside the statement leaves its text not the file's");
            }
        }
        if (info == null) {
            return noRewrite(
                    stats.available()
                            ? "the target has no table " + table
                            : "no target given, so its primary key is not known");
        }
        if (info.key() == null || !info.key().integer()) {
            return noRewrite(table + " has no one-column smallint, integer or bigint primary key to batch by");
        }
        String column = quote(info.key().column());
        // As psql shows a name: plain when it needs no quotes, so the help reads naturally.
        String shown =
                info.key().column().matches("[a-z_][a-z0-9_$]*") ? info.key().column() : column;
        String ref = alias == null ? column : alias + "." + column;
        int start = t.get(0).offset();
        int end = t.get(n - 1).end();
        String statement = where < 0
                ? source.slice(start, end) + "\n     WHERE " + ref + " BETWEEN miglab_lo AND miglab_hi"
                : source.slice(start, t.get(where).offset()) + "WHERE ("
                        + source.slice(t.get(where + 1).offset(), end) + ")\n       AND " + ref
                        + " BETWEEN miglab_lo AND miglab_hi";
        String regclass = "'" + table.replace("'", "''") + "'::regclass";
        String body = "\n#variable_conflict use_column\n"
                // use_column: a column of the table called like a variable keeps meaning the column.
                + "DECLARE\n"
                + "    miglab_first bigint;\n"
                + "    miglab_last bigint;\n"
                + "    miglab_lo bigint;\n"
                + "    miglab_hi bigint;\n"
                + "    miglab_rows numeric;\n"
                + "    miglab_step numeric;\n"
                + "BEGIN\n"
                + "    -- Written by MigLab (" + LintRule.UNBATCHED_UPDATE.id() + "): the statement in batches of"
                + " about " + String.format(Locale.ROOT, "%,d", BATCH_ROWS) + " rows by ranges of "
                + shown.replaceAll("[\r\n]", " ") + ", each its own transaction.\n"
                + "    SELECT min(" + column + "), max(" + column + ") INTO miglab_first, miglab_last FROM " + table
                + ";\n"
                + "    IF miglab_first IS NULL THEN\n"
                + "        RETURN;\n"
                + "    END IF;\n"
                + "    SELECT reltuples INTO miglab_rows FROM pg_class WHERE oid = " + regclass + ";\n"
                + "    IF miglab_rows IS NULL OR miglab_rows < 1 THEN\n"
                + "        SELECT count(*) INTO miglab_rows FROM " + table + "; -- never analyzed\n"
                + "    END IF;\n"
                + "    -- Keys per batch: " + BATCH_ROWS + " rows at the keys' density, at least " + BATCH_ROWS
                + " keys, at most " + MAX_BATCHES + " batches.\n"
                + "    miglab_step := greatest(" + BATCH_ROWS + ",\n"
                + "        ceil((miglab_last::numeric - miglab_first + 1) * " + BATCH_ROWS
                + " / greatest(miglab_rows, 1)),\n"
                + "        ceil((miglab_last::numeric - miglab_first + 1) / " + MAX_BATCHES + "));\n"
                + "    miglab_lo := miglab_first;\n"
                + "    LOOP\n"
                + "        miglab_hi := least(miglab_lo + miglab_step - 1, miglab_last);\n"
                + "        " + statement + ";\n"
                + "        COMMIT;\n"
                + "        EXIT WHEN miglab_hi >= miglab_last;\n"
                + "        miglab_lo := miglab_hi + 1;\n"
                + "    END LOOP;\n"
                + "END\n";
        String tag = "$miglab_batch$";
        for (int k = 2; body.contains(tag.substring(0, tag.length() - 1)); k++) {
            tag = "$miglab_batch_" + k + "$";
        }
        String rows = String.format(Locale.ROOT, "%,d", BATCH_ROWS);
        return new Batching(
                new Finding.Rewrite(
                        start,
                        end,
                        "DO " + tag + body + tag,
                        "batched by " + shown + ", about " + rows + " rows per transaction"),
                "MigLab can rewrite it as a DO block that " + (update ? "updates" : "deletes") + " by ranges of "
                        + shown + ", about " + rows + " rows per transaction; miglab script time --try-fixes times"
                        + " that rewrite.");
    }

    /** An identifier as quote_ident would write it, always quoted: a reserved word or capital stays a name. */
    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code column = something} where the something is one value per statement: a variable, a parameter, a literal. */
    private record Equality(String column, boolean variable) {}

    private Equality equality(Unit u, int[] c) {
        List<Tok> t = u.tokens();
        int from = c[0];
        int to = c[1];
        while (to - from >= 2 && t.get(from).punct('(') && Toks.close(t, from, to) == to) {
            from++;
            to--;
        }
        int eq = -1;
        for (int i = from; i < to; i++) {
            if (t.get(i).op("=")) {
                eq = i;
                break;
            }
        }
        if (eq < 0) {
            return null;
        }
        int leftEnd = Toks.nameEnd(t, from, eq);
        if (leftEnd != eq || leftEnd == from) {
            return null;
        }
        String column = t.get(eq - 1).name();
        int r = eq + 1;
        if (r >= to) {
            return null;
        }
        Tok first = t.get(r);
        int rightEnd = Toks.nameEnd(t, r, to);
        if (first.kind() == Kind.PARAMETER && r + 1 == to) {
            return new Equality(column, true);
        }
        if ((first.kind() == Kind.NUMBER || first.kind() == Kind.STRING) && castEnd(t, r + 1, to) == to) {
            return new Equality(column, false);
        }
        if (first.isName() && castEnd(t, rightEnd, to) == to) {
            boolean variable =
                    u.variables().contains(first.name()) || u.loopVariables().contains(first.name());
            return variable ? new Equality(column, true) : null;
        }
        return null;
    }

    private static int castEnd(List<Tok> t, int from, int to) {
        int i = from;
        if (i < to && Toks.isCast(t, i, to)) {
            i = Toks.skipType(t, i + 2, to);
        }
        return i;
    }

    private static boolean uniqueLeading(List<IndexInfo> indexes, String column) {
        for (IndexInfo index : indexes) {
            if (index.unique()
                    && index.predicate() == null
                    && !index.keys().isEmpty()
                    && canonical(index.keys().get(0)).equals(column)) {
                return true;
            }
        }
        return false;
    }

    /** Two bounds on the same expression ({@code id >= a AND id < b}) or a BETWEEN: one key range per statement. */
    private static boolean range(Unit u, List<int[]> conjuncts) {
        List<Tok> t = u.tokens();
        Map<String, Integer> bounds = new HashMap<>();
        for (int[] c : conjuncts) {
            if (Toks.top(t, c[0], c[1], "between") > 0) {
                return true;
            }
            for (int i = c[0]; i < c[1]; i++) {
                Tok k = t.get(i);
                if (k.kind() == Kind.OPERATOR
                        && (k.text().startsWith("<") || k.text().startsWith(">"))
                        && !k.text().equals("<>")
                        && !CONTAINMENT.contains(k.text())) {
                    String left = Toks.canonical(t, c[0], i);
                    bounds.merge(left, k.text().startsWith("<") ? 1 : 2, (a, b) -> a | b);
                    break;
                }
            }
        }
        return bounds.containsValue(3);
    }

    /** {@code id = ANY(batch)} or {@code id IN (1, 2, 3)}: the rows were picked before, a bounded list. */
    private static boolean boundedList(Unit u, List<int[]> conjuncts) {
        List<Tok> t = u.tokens();
        for (int[] c : conjuncts) {
            for (int i = c[0]; i + 1 < c[1]; i++) {
                if (t.get(i).isAny("any", "in")
                        && t.get(i + 1).punct('(')
                        && !(i + 2 < c[1] && t.get(i + 2).isAny("select", "with"))) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- batches ----

    /** A SELECT with a LIMIT: how a batch picks its next rows. */
    private record BatchSelect(
            String table, String key, String column, int where, int whereEnd, Tok at, List<Tok> tokens) {}

    private List<BatchSelect> limitedSelects(Unit u) {
        List<Tok> t = u.tokens();
        List<BatchSelect> out = new ArrayList<>();
        for (int l = 0; l < t.size(); l++) {
            if (!(t.get(l).is("limit")
                    || (t.get(l).is("fetch") && l + 1 < t.size() && t.get(l + 1).isAny("first", "next")))) {
                continue;
            }
            int open = -1;
            int depth = 0;
            for (int i = l - 1; i >= 0; i--) {
                if (t.get(i).punct(')')) {
                    depth++;
                } else if (t.get(i).punct('(')) {
                    if (depth == 0) {
                        open = i;
                        break;
                    }
                    depth--;
                }
            }
            int gs = open + 1;
            int select = Toks.top(t, gs, l, "select");
            if (select < 0) {
                continue;
            }
            int from = Toks.top(t, select + 1, l, "from");
            if (from < 0) {
                continue;
            }
            int name = from + 1;
            if (name < l && t.get(name).is("only")) {
                name++;
            }
            int nameEnd = Toks.nameEnd(t, name, l);
            if (nameEnd == name) {
                continue;
            }
            String column = null;
            if (from - select == 2 && t.get(select + 1).isName()) {
                column = t.get(select + 1).name();
            } else if (from - select == 4
                    && t.get(select + 1).isName()
                    && t.get(select + 2).punct('.')) {
                column = t.get(select + 3).name();
            }
            int where = Toks.top(t, nameEnd, l, "where");
            if (where < 0) {
                continue;
            }
            int end = firstPositive(l, Toks.top(t, where + 1, l, "group", "order", "having", "window", "offset"));
            out.add(new BatchSelect(
                    Toks.written(t, name, nameEnd),
                    Toks.key(t, name, nameEnd),
                    column,
                    where,
                    end,
                    t.get(where + 1 < end ? where + 1 : where),
                    t));
        }
        return out;
    }

    private void batchPredicate(Unit u, BatchSelect s) {
        List<Tok> t = u.tokens();
        TableInfo info = info(s.table);
        if (created.contains(s.key) && info == null) {
            return;
        }
        List<IndexInfo> indexes = indexes(info, s.key);
        BatchTerms terms = terms(t, s);
        for (IndexInfo index : indexes) {
            if (serves(index, terms)) {
                return;
            }
        }
        List<int[]> open = terms.parts;
        String predicate = open.stream()
                .map(p -> source.slice(t.get(p[0]).offset(), t.get(p[1] - 1).end()))
                .collect(Collectors.joining(" AND "));
        // A plain name, so that CREATE and DROP need no quoting whatever the table is called.
        String indexName = s.key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_") + "_migration_batch_idx";
        String suggestion;
        if (s.column != null && !s.column.equals("ctid")) {
            suggestion = "CREATE INDEX CONCURRENTLY " + indexName + " ON " + s.table + " (" + s.column + ") WHERE "
                    + predicate;
        } else {
            int[] p = open.get(0);
            int from = t.get(p[0]).is("not") ? p[0] + 1 : p[0];
            suggestion = "CREATE INDEX CONCURRENTLY " + indexName + " ON " + s.table + " (("
                    + source.slice(t.get(from).offset(), t.get(p[1] - 1).end()) + "))";
        }
        String checked = stats.available()
                ? (info == null ? " (the target has no table " + s.table + ")" : "")
                : " (no target given, so its indexes were not checked)";
        Severity severity = info == null
                ? Severity.WARNING
                : config.large(info.rows(), info.bytes()) ? Severity.ERROR : Severity.WARNING;
        add(
                u,
                LintRule.UNINDEXED_BATCH_PREDICATE,
                severity,
                s.at,
                "Each batch finds its next rows of " + s.table + " by " + predicate + ", which no index serves"
                        + checked + size(info) + ": every batch scans the table again, so the migration reads it once"
                        + " per batch and slows down as it goes.",
                "Before the migration: " + suggestion + "; after it: DROP INDEX CONCURRENTLY " + indexName + ".",
                s.table,
                info,
                suggestion,
                "DROP INDEX CONCURRENTLY " + indexName);
    }

    /** A batch's WHERE cut into its AND-ed terms, each also in canonical form. */
    private record BatchTerms(List<int[]> parts, List<String> canonical, List<Tok> tokens) {}

    private static BatchTerms terms(List<Tok> t, BatchSelect s) {
        List<int[]> parts = Toks.split(t, s.where + 1, s.whereEnd, "and").stream()
                .filter(p -> p[1] > p[0])
                .toList();
        return new BatchTerms(
                parts, parts.stream().map(p -> Toks.canonical(t, p[0], p[1])).toList(), t);
    }

    private boolean serves(IndexInfo index, BatchSelect s) {
        return serves(index, terms(s.tokens(), s));
    }

    private boolean serves(IndexInfo index, BatchTerms terms) {
        if (index.predicate() != null) {
            Set<String> required = new HashSet<>(predicateTerms(index.predicate()));
            if (!required.isEmpty() && terms.canonical.containsAll(required)) {
                return true;
            }
            if (!required.isEmpty()) {
                return false; // a partial index whose predicate the batch does not imply cannot be used
            }
        }
        if (index.keys().isEmpty()) {
            return false;
        }
        String lead = canonical(index.keys().get(0));
        for (int[] p : terms.parts) {
            if (candidates(terms.tokens, p, index.method()).contains(lead)) {
                return true;
            }
        }
        return false;
    }

    /** What an index's leading key must be to find the rows of one term: the term itself, or one side of it. */
    private static Set<String> candidates(List<Tok> t, int[] p, String method) {
        Set<String> out = new HashSet<>();
        int from = p[0];
        int to = p[1];
        boolean negated = false;
        if (t.get(from).is("not")) {
            negated = true;
            from++;
        }
        out.add(Toks.canonical(t, from, to));
        int is = Toks.top(t, from, to, "is");
        if (is > from) {
            out.add(Toks.canonical(t, from, is));
        }
        int word = Toks.top(t, from, to, "between", "in", "like", "ilike");
        if (word > from && !t.get(word - 1).is("not")) {
            out.add(Toks.canonical(t, from, word));
        }
        int depth = 0;
        for (int i = from; i < to; i++) {
            Tok k = t.get(i);
            if (k.punct('(')) {
                depth++;
            } else if (k.punct(')')) {
                depth--;
            } else if (depth == 0 && k.kind() == Kind.OPERATOR) {
                boolean gin = method.equals("gin") || method.equals("gist");
                if (COMPARISONS.contains(k.text()) && !gin) {
                    out.add(Toks.canonical(t, from, i));
                    out.add(Toks.canonical(t, i + 1, to));
                } else if (CONTAINMENT.contains(k.text()) && gin && !negated) {
                    out.add(Toks.canonical(t, from, i));
                }
            }
        }
        return out;
    }

    private static List<String> predicateTerms(String predicate) {
        List<Tok> t = tokens(predicate);
        int from = 0;
        int to = t.size();
        while (to - from >= 2 && t.get(from).punct('(') && Toks.close(t, from, to) == to) {
            from++;
            to--;
        }
        List<String> out = new ArrayList<>();
        for (int[] p : Toks.split(t, from, to, "and")) {
            out.add(Toks.canonical(t, p[0], p[1]));
        }
        return out;
    }

    private static String canonical(String expression) {
        List<Tok> t = tokens(expression);
        return Toks.canonical(t, 0, t.size());
    }

    private static List<Tok> tokens(String text) {
        try {
            return Tok.of(SqlLexer.tokenize(text), 0);
        } catch (SqlSyntaxException e) {
            return List.of();
        }
    }

    private static Set<String> words(IndexInfo index) {
        Set<String> words = new HashSet<>();
        for (String key : index.keys()) {
            tokens(key).stream().filter(Tok::isName).forEach(k -> words.add(k.name()));
        }
        if (index.predicate() != null) {
            tokens(index.predicate()).stream().filter(Tok::isName).forEach(k -> words.add(k.name()));
        }
        return words;
    }

    // ---- remote calls ----

    private void remote(Unit u) {
        List<Tok> t = u.tokens();
        for (int i = 0; i + 1 < t.size(); i++) {
            Tok k = t.get(i);
            if (k.kind() == Kind.WORD
                    && REMOTE_FUNCTIONS.contains(k.value())
                    && t.get(i + 1).punct('(')
                    && (!k.is("invoke") || (i > 1 && t.get(i - 1).punct('.')))) {
                String name = i > 1 && t.get(i - 1).punct('.') ? t.get(i - 2).text() + "." + k.text() : k.text();
                add(
                        u,
                        LintRule.REMOTE_CALL,
                        Severity.WARNING,
                        k,
                        "Calls " + name + "() from inside the migration"
                                + (u.loops() > 0 ? ", once per loop iteration" : "")
                                + ": its time and failures are another server's, and a retry of the migration"
                                + " calls it again.",
                        "Fetch what the migration needs from the other side before it starts (into a table), and"
                                + " keep the migration inside this database.",
                        null,
                        null);
            }
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            if (!t.get(i).isAny("from", "join", "update", "into", "using")) {
                continue;
            }
            int nameEnd = Toks.nameEnd(t, i + 1, t.size());
            if (nameEnd == i + 1 || (nameEnd < t.size() && t.get(nameEnd).punct('('))) {
                continue;
            }
            String table = Toks.written(t, i + 1, nameEnd);
            String key = Toks.key(t, i + 1, nameEnd);
            TableInfo info = info(table);
            if (foreign.contains(key) || (info != null && info.foreign())) {
                add(
                        u,
                        LintRule.REMOTE_CALL,
                        Severity.WARNING,
                        t.get(i + 1),
                        table + " is a foreign table (postgres_fdw or another wrapper): every row of it the migration"
                                + " reads or writes crosses the network"
                                + (u.loops() > 0 ? ", once per loop iteration" : "") + ".",
                        "Copy what the migration needs into a local table first (CREATE TABLE ... AS SELECT ... FROM "
                                + table + "), then migrate from that.",
                        table,
                        info);
            }
        }
    }

    // ---- settings and timeouts ----

    private void settings(Unit u) {
        List<Tok> t = u.tokens();
        if (t.get(0).isAny("set", "reset")) {
            int i = 1;
            if (i < t.size() && t.get(i).isAny("session", "local")) {
                i++;
            }
            if (i < t.size()) {
                String name = t.get(i).name();
                boolean on = t.get(0).is("set") && i + 2 < t.size() && !zero(t.get(i + 2));
                if (name.equals("lock_timeout")) {
                    lockTimeout = on;
                } else if (name.equals("statement_timeout")) {
                    statementTimeout = on;
                }
            }
        }
        for (int i = 0; i + 4 < t.size(); i++) {
            if (t.get(i).is("set_config")
                    && t.get(i + 1).punct('(')
                    && t.get(i + 2).kind() == Kind.STRING
                    && t.get(i + 3).punct(',')) {
                boolean on = !zero(t.get(i + 4));
                switch (t.get(i + 2).value()) {
                    case "lock_timeout" -> lockTimeout = on;
                    case "statement_timeout" -> statementTimeout = on;
                    default -> {}
                }
            }
        }
    }

    private static boolean zero(Tok value) {
        String v = value.value().strip().toLowerCase(Locale.ROOT);
        return v.equals("0") || v.equals("default") || v.matches("0\\s*[a-z]*");
    }

    private void timeouts(Unit u, Tok at, String table) {
        TableInfo info = info(table);
        if (!lockTimeout && !reportedLockTimeout) {
            reportedLockTimeout = true;
            add(
                    u,
                    LintRule.MISSING_LOCK_TIMEOUT,
                    Severity.WARNING,
                    at,
                    "DDL without a lock_timeout: while it waits for its lock behind a long query, every other query"
                            + " on the table queues behind it.",
                    "SET lock_timeout = '5s'; before the first DDL, and retry the script when it gives up.",
                    table,
                    info);
        }
        if (!statementTimeout && !reportedStatementTimeout) {
            reportedStatementTimeout = true;
            add(
                    u,
                    LintRule.MISSING_STATEMENT_TIMEOUT,
                    Severity.INFO,
                    at,
                    "DDL without a statement_timeout: a rewrite or scan that takes longer than planned holds its lock"
                            + " until it ends.",
                    "SET statement_timeout = '15min'; (or what the release window allows) before the DDL.",
                    table,
                    info);
        }
    }

    // ---- DDL ----

    private void create(Unit u) {
        List<Tok> t = u.tokens();
        int n = t.size();
        int i = 1;
        if (i + 1 < n && t.get(i).is("or") && t.get(i + 1).is("replace")) {
            i += 2;
        }
        boolean foreignTable = false;
        while (i < n && t.get(i).isAny("temp", "temporary", "unlogged", "global", "local", "foreign")) {
            foreignTable |= t.get(i).is("foreign");
            i++;
        }
        if (i < n && t.get(i).is("table")) {
            i++;
            if (i + 2 < n
                    && t.get(i).is("if")
                    && t.get(i + 1).is("not")
                    && t.get(i + 2).is("exists")) {
                i += 3;
            }
            int end = Toks.nameEnd(t, i, n);
            if (end > i) {
                created.add(Toks.key(t, i, end));
                if (foreignTable) {
                    foreign.add(Toks.key(t, i, end));
                }
            }
            return;
        }
        boolean unique = i < n && t.get(i).is("unique");
        if (unique) {
            i++;
        }
        if (!(i < n && t.get(i).is("index"))) {
            return;
        }
        int on = Toks.top(t, i, n, "on");
        if (on < 0) {
            return;
        }
        boolean concurrently = Toks.top(t, i, on, "concurrently") > 0;
        int nameStart = on + 1 < n && t.get(on + 1).is("only") ? on + 2 : on + 1;
        int nameEnd = Toks.nameEnd(t, nameStart, n);
        if (nameEnd == nameStart) {
            return;
        }
        String table = Toks.written(t, nameStart, nameEnd);
        String key = Toks.key(t, nameStart, nameEnd);
        int c = nameEnd;
        String method = "btree";
        if (c + 1 < n && t.get(c).is("using")) {
            method = t.get(c + 1).name();
            c += 2;
        }
        List<String> keys = new ArrayList<>();
        if (c < n && t.get(c).punct('(')) {
            int close = Toks.close(t, c, n);
            for (int[] k : Toks.split(t, c + 1, close - 1, ",")) {
                if (k[1] <= k[0]) {
                    continue;
                }
                int end = t.get(k[0]).punct('(') ? Toks.close(t, k[0], k[1]) : Toks.nameEnd(t, k[0], k[1]);
                keys.add(source.slice(t.get(k[0]).offset(), t.get(end - 1).end()));
            }
        }
        int where = Toks.top(t, c, n, "where");
        String predicate = where < 0 || where + 1 >= n
                ? null
                : source.slice(t.get(where + 1).offset(), t.get(n - 1).end());
        String indexName =
                on - 1 > i && t.get(on - 1).isName() && !t.get(on - 1).isAny("concurrently", "exists", "index")
                        ? t.get(on - 1).name()
                        : key + "_idx";
        scriptIndexes
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(new IndexInfo(indexName, method, unique, keys, predicate));
        if (created.contains(key)) {
            return;
        }
        timeouts(u, t.get(0), table);
        if (!concurrently) {
            TableInfo info = info(table);
            add(
                    u,
                    LintRule.CREATE_INDEX_CONCURRENTLY,
                    sized(info),
                    t.get(0),
                    "CREATE INDEX on the existing table " + table + " without CONCURRENTLY" + size(info)
                            + ": its SHARE lock blocks every INSERT, UPDATE and DELETE until the build ends.",
                    "CREATE INDEX CONCURRENTLY (outside a transaction block; check it ended valid in pg_index.indisvalid).",
                    table,
                    info);
        }
    }

    private void alterTable(Unit u) {
        List<Tok> t = u.tokens();
        int n = t.size();
        int i = 2;
        if (i + 1 < n && t.get(i).is("if") && t.get(i + 1).is("exists")) {
            i += 2;
        }
        if (i < n && t.get(i).is("only")) {
            i++;
        }
        int nameEnd = Toks.nameEnd(t, i, n);
        if (nameEnd == i) {
            return;
        }
        String table = Toks.written(t, i, nameEnd);
        String key = Toks.key(t, i, nameEnd);
        if (created.contains(key)) {
            return;
        }
        timeouts(u, t.get(0), table);
        TableInfo info = info(table);
        int actions = nameEnd < n && t.get(nameEnd).op("*") ? nameEnd + 1 : nameEnd;
        for (int[] a : Toks.split(t, actions, n, ",")) {
            if (a[1] > a[0]) {
                action(u, table, info, a[0], a[1]);
            }
        }
    }

    private void action(Unit u, String table, TableInfo info, int from, int to) {
        List<Tok> t = u.tokens();
        Tok first = t.get(from);
        if (first.is("alter")) {
            int c = from + 1;
            if (c < to && t.get(c).is("column")) {
                c++;
            }
            String column = c < to ? t.get(c).text() : "?";
            if (Toks.top(t, c + 1, to, "type") > 0) {
                add(
                        u,
                        LintRule.ALTER_COLUMN_TYPE,
                        sized(info),
                        first,
                        "ALTER COLUMN " + column + " TYPE rewrites " + table + " and all its indexes under an ACCESS"
                                + " EXCLUSIVE lock" + size(info) + ": nothing can read or write it meanwhile.",
                        "Add a new column of the new type, fill it in batches, then switch over in a short"
                                + " transaction (a binary-compatible change such as a longer varchar needs no rewrite).",
                        table,
                        info);
            } else if (Toks.top(t, c + 1, to, "set") > 0
                    && Toks.top(t, c + 1, to, "not") > 0
                    && Toks.top(t, c + 1, to, "null") > 0) {
                add(
                        u,
                        LintRule.SET_NOT_NULL,
                        sized(info),
                        first,
                        "SET NOT NULL on " + column + " scans all of " + table + " under an ACCESS EXCLUSIVE lock"
                                + size(info) + ".",
                        "ALTER TABLE " + table + " ADD CONSTRAINT " + column + "_not_null CHECK (" + column
                                + " IS NOT NULL) NOT VALID; then VALIDATE CONSTRAINT (no exclusive lock); then SET NOT"
                                + " NULL, which uses the valid check instead of scanning (PostgreSQL 12+), and drop the"
                                + " check.",
                        table,
                        info);
            }
            return;
        }
        if (!first.is("add")) {
            return;
        }
        int c = from + 1;
        if (c + 1 < to && t.get(c).is("constraint")) {
            c += 2;
        }
        if (c < to && t.get(c).isAny("foreign", "check")) {
            boolean notValid = false;
            for (int k = c; k + 1 < to; k++) {
                notValid |= t.get(k).is("not") && t.get(k + 1).is("valid");
            }
            if (!notValid) {
                String kind = t.get(c).is("check") ? "CHECK" : "FOREIGN KEY";
                add(
                        u,
                        LintRule.CONSTRAINT_NOT_VALID,
                        sized(info),
                        first,
                        "ADD " + kind + " without NOT VALID checks every row of " + table + " while holding its lock"
                                + (kind.equals("CHECK") ? "" : " (and a lock on the referenced table)") + size(info)
                                + ".",
                        "ADD " + kind + " ... NOT VALID (instant), then ALTER TABLE " + table
                                + " VALIDATE CONSTRAINT name; in its own transaction, which lets writes go on.",
                        table,
                        info);
            }
            return;
        }
        if (c < to && t.get(c).isAny("primary", "unique", "exclude")) {
            if (Toks.top(t, c, to, "using") < 0 || t.get(c).is("exclude")) {
                add(
                        u,
                        LintRule.CREATE_INDEX_CONCURRENTLY,
                        sized(info),
                        first,
                        "ADD " + t.get(c).text().toUpperCase(Locale.ROOT) + " builds its index on " + table
                                + " under an ACCESS EXCLUSIVE lock" + size(info) + ".",
                        "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT name "
                                + t.get(c).text().toUpperCase(Locale.ROOT) + " USING INDEX index_name.",
                        table,
                        info);
            }
            return;
        }
        int d = Toks.top(t, c, to, "default");
        if (d < 0) {
            return;
        }
        int end = firstPositive(
                to,
                Toks.top(
                        t,
                        d + 1,
                        to,
                        "not",
                        "null",
                        "constraint",
                        "references",
                        "check",
                        "unique",
                        "primary",
                        "generated",
                        "collate"));
        String volatileCall = null;
        String stableCall = null;
        String unknownCall = null;
        for (int k = d + 1; k < end; k++) {
            Tok w = t.get(k);
            if (w.kind() != Kind.WORD) {
                continue;
            }
            boolean call = k + 1 < end && t.get(k + 1).punct('(');
            char known = call && stats.available() && !VOLATILE.contains(w.value()) && !STABLE.contains(w.value())
                    ? stats.volatility(w.value()).orElse('?')
                    : '?';
            if ((VOLATILE.contains(w.value()) && call) || known == 'v') {
                volatileCall = w.text();
            } else if (known == 'i' || known == 's') {
                continue; // the target says it is not volatile: no rewrite
            } else if (STABLE.contains(w.value())) {
                stableCall = w.text();
            } else if (call
                    && !NOT_VOLATILE.contains(w.value())
                    && !(k > d + 1 && t.get(k - 1).punct(':'))) {
                unknownCall = w.text();
            }
        }
        String column = c < to && t.get(c).is("column") && c + 1 < to
                ? t.get(c + 1).text()
                : t.get(c).text();
        if (volatileCall != null) {
            add(
                    u,
                    LintRule.ADD_COLUMN_VOLATILE_DEFAULT,
                    sized(info),
                    first,
                    "ADD COLUMN " + column + " with the volatile default " + volatileCall + "() rewrites all of "
                            + table + " under an ACCESS EXCLUSIVE lock, one new value per row" + size(info) + ".",
                    "Add the column without a default (instant), SET DEFAULT for new rows, and fill existing rows in"
                            + " batches.",
                    table,
                    info);
        } else if (unknownCall != null) {
            add(
                    u,
                    LintRule.ADD_COLUMN_VOLATILE_DEFAULT,
                    Severity.WARNING,
                    first,
                    "ADD COLUMN " + column + " with the default " + unknownCall + "(): if that function is volatile,"
                            + " this rewrites all of " + table + " under an ACCESS EXCLUSIVE lock" + size(info) + ".",
                    "Check pg_proc.provolatile for " + unknownCall + "; if it is 'v', add the column without a default"
                            + " and fill it in batches.",
                    table,
                    info);
        } else if (stableCall != null) {
            add(
                    u,
                    LintRule.ADD_COLUMN_VOLATILE_DEFAULT,
                    Severity.INFO,
                    first,
                    "ADD COLUMN " + column + " DEFAULT " + stableCall + ": stable, so no rewrite (PostgreSQL 11 and"
                            + " later), but every existing row gets the time of this ALTER, not of its own insert.",
                    "If existing rows need their own value, add the column without a default and fill it in batches.",
                    table,
                    info);
        }
    }

    /**
     * DDL other than ALTER TABLE and CREATE INDEX that takes a strong lock on a table the script did not create:
     * DROP TABLE / INDEX / TRIGGER, TRUNCATE, LOCK, CLUSTER, REINDEX, ALTER INDEX, CREATE TRIGGER. Dropping or
     * creating a function or procedure locks no table and needs no lock_timeout.
     */
    private boolean locksATable(Unit u) {
        List<Tok> t = u.tokens();
        Tok v = t.get(0);
        if (v.isAny("truncate", "lock", "cluster", "reindex")) {
            int i = 1;
            while (i < t.size() && t.get(i).isAny("table", "only", "index", "concurrently")) {
                i++;
            }
            int end = Toks.nameEnd(t, i, t.size());
            return end == i || !created.contains(Toks.key(t, i, end));
        }
        if (t.size() < 2) {
            return false;
        }
        if (v.is("drop") && t.get(1).isAny("table", "index", "trigger", "materialized")) {
            int i = 2;
            while (i < t.size() && t.get(i).isAny("view", "concurrently", "if", "exists")) {
                i++;
            }
            int end = Toks.nameEnd(t, i, t.size());
            return t.get(1).isAny("trigger", "index") || end == i || !created.contains(Toks.key(t, i, end));
        }
        if (v.is("alter") && t.get(1).is("index")) {
            return true;
        }
        return v.is("create") && Toks.top(t, 1, Math.min(t.size(), 5), "trigger") > 0;
    }

    // ---- helpers ----

    private TableInfo info(String table) {
        if (table == null || !stats.available()) {
            return null;
        }
        return stats.table(table).orElse(null);
    }

    private List<IndexInfo> indexes(TableInfo info, String key) {
        List<IndexInfo> all = new ArrayList<>();
        if (info != null) {
            all.addAll(info.indexes());
        }
        all.addAll(scriptIndexes.getOrDefault(key, List.of()));
        return all;
    }

    private Severity sized(TableInfo info) {
        if (info == null) {
            return Severity.WARNING;
        }
        return config.large(info.rows(), info.bytes()) ? Severity.ERROR : Severity.INFO;
    }

    private static String size(TableInfo info) {
        if (info == null) {
            return "";
        }
        String rows = info.rows() == null
                ? "rows unknown (never analyzed)"
                : String.format(Locale.ROOT, "%,d rows", info.rows());
        return " (" + rows + ", " + Sizes.format(info.bytes() == null ? 0 : info.bytes()) + ")";
    }

    private String tableAt(Unit u, int from) {
        int end = Toks.nameEnd(u.tokens(), from, u.size());
        return end == from ? null : Toks.written(u.tokens(), from, end);
    }

    private static boolean usesVariable(Unit u, int from, int to, Set<String> names) {
        for (int i = from; i < to; i++) {
            Tok k = u.get(i);
            if (k.isName() && names.contains(k.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<Tok> t, String word) {
        return t.stream().anyMatch(k -> k.is(word));
    }

    private static int firstPositive(int fallback, int... indexes) {
        int best = fallback;
        for (int i : indexes) {
            if (i >= 0 && i < best) {
                best = i;
            }
        }
        return best;
    }

    private void add(
            Unit u,
            LintRule rule,
            Severity severity,
            Tok at,
            String message,
            String help,
            String table,
            TableInfo info) {
        add(u, rule, severity, at, message, help, table, info, null, null);
    }

    private void add(
            Unit u,
            LintRule rule,
            Severity severity,
            Tok at,
            String message,
            String help,
            String table,
            TableInfo info,
            String fixBefore,
            String fixAfter) {
        add(u, rule, severity, at, message, help, table, info, fixBefore, fixAfter, null);
    }

    private void add(
            Unit u,
            LintRule rule,
            Severity severity,
            Tok at,
            String message,
            String help,
            String table,
            TableInfo info,
            String fixBefore,
            String fixAfter,
            Finding.Rewrite rewrite) {
        if (config.disabled().contains(rule) || u.suppressed().contains(rule)) {
            return;
        }
        findings.add(new Finding(
                rule,
                severity,
                message,
                help,
                source.label(),
                source.line(at.offset()),
                source.column(at.offset()),
                table,
                info == null ? null : info.rows(),
                info == null ? null : info.bytes(),
                fixBefore,
                fixAfter,
                rewrite));
    }
}
