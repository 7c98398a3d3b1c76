package io.miglab.core.plan.capture;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.plan.ExplainRefusedException;
import io.miglab.core.plan.IndexCatalog;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.sql.Classification;
import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.sql.StatementClassifier;
import io.miglab.core.sql.StatementEffect;
import io.miglab.core.targets.PgVersion;
import io.miglab.core.targets.guard.GuardRefusedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs EXPLAIN on a connection. Every capture runs in its own transaction that is always rolled back: with ANALYZE a
 * writing statement really executes, and the rollback is what leaves the data as it was (DESIGN: "EXPLAIN ANALYZE
 * of a statement that writes runs inside BEGIN ... ROLLBACK"). statement_timeout is set with SET LOCAL, so it ends
 * with the transaction; cancelling the {@link Cancellation} cancels the running statement on the server.
 */
public final class PlanCapturer {

    /** Settings that change plans or their timings; recorded with every capture. */
    public static final List<String> SETTINGS_THAT_MATTER = List.of(
            "work_mem",
            "hash_mem_multiplier",
            "maintenance_work_mem",
            "shared_buffers",
            "effective_cache_size",
            "random_page_cost",
            "seq_page_cost",
            "cpu_tuple_cost",
            "effective_io_concurrency",
            "default_statistics_target",
            "max_parallel_workers_per_gather",
            "max_parallel_workers",
            "parallel_setup_cost",
            "parallel_tuple_cost",
            "jit",
            "from_collapse_limit",
            "join_collapse_limit",
            "enable_seqscan",
            "enable_indexscan",
            "enable_indexonlyscan",
            "enable_bitmapscan",
            "enable_hashjoin",
            "enable_mergejoin",
            "enable_nestloop",
            "enable_hashagg",
            "enable_sort",
            "enable_partition_pruning",
            "server_version");

    private PlanCapturer() {}

    /**
     * Explains {@code sql} on {@code connection}, which is left as it was found (auto-commit restored, nothing
     * committed).
     *
     * @throws CancelledException when {@code cancel} was triggered
     * @throws MigLabException when the server refused the statement or the timeout struck
     */
    public static CapturedPlan capture(Connection connection, String sql, ExplainOptions options, Cancellation cancel) {
        if (sql == null || SqlStatements.split(sql).isEmpty()) {
            throw new MigLabException("There is no statement to explain.", "Give a query to explain.", null);
        }
        SqlStatement one = SqlStatements.single(sql, "EXPLAIN");
        String statement = one.text();
        Classification classification = StatementClassifier.classify(one);
        if (classification.effect() == StatementEffect.TRANSACTION_CONTROL) {
            throw new MigLabException("EXPLAIN cannot run " + classification.command() + ": " + classification.reason()
                    + ", and MigLab keeps every capture inside its own transaction that it rolls back.");
        }
        if (one.tokens().get(0).isWord("explain")) {
            throw new MigLabException(
                    "Give the statement without EXPLAIN: MigLab adds EXPLAIN and its options itself.");
        }
        cancel.checkpoint();
        boolean autoCommit;
        PgVersion version;
        try {
            autoCommit = connection.getAutoCommit();
            version = PgVersion.of(connection);
        } catch (SQLException e) {
            throw new MigLabException("Cannot talk to the server before EXPLAIN: " + e.getMessage(), e);
        }
        ExplainPrefix command = options.commandFor(version);
        boolean writes = classification.writes();
        long start = System.nanoTime();
        String json;
        Map<String, String> settings;
        List<String> advanced = List.of();
        IndexCatalog indexes = IndexCatalog.EMPTY;
        try {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                Cancellation.Registration registration = cancel.onCancel(() -> cancelQuietly(st));
                try {
                    st.execute("SET LOCAL statement_timeout = "
                            + options.statementTimeout().toMillis());
                    settings = settings(connection);
                    Map<String, Long> sequencesBefore = options.analyze() ? sequences(connection) : Map.of();
                    cancel.checkpoint();
                    try (ResultSet rs = st.executeQuery(command.prefix() + statement)) {
                        StringBuilder sb = new StringBuilder();
                        while (rs.next()) {
                            sb.append(rs.getString(1)).append('\n');
                        }
                        json = sb.toString();
                    }
                    if (options.analyze()) {
                        advanced = advancedSequences(sequencesBefore, sequences(connection));
                    }
                    indexes = indexes(connection, json);
                } finally {
                    registration.close();
                }
            } finally {
                rollbackQuietly(connection);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if (cancel.isCancelled()) {
                throw new CancelledException();
            }
            if ("57014".equals(e.getSQLState())) {
                throw new MigLabException(
                        "EXPLAIN did not finish within the statement timeout of " + human(options.statementTimeout())
                                + ".",
                        "Raise the timeout, or explain without ANALYZE to see the estimated plan only.",
                        e);
            }
            if (e instanceof GuardRefusedException) {
                throw new MigLabException(e.getMessage(), e);
            }
            throw refused(e, sql, one, command.prefix(), writes && options.analyze());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Plan plan = PlanParser.parse(json);
        return new CapturedPlan(
                statement, command, version, json, plan, writes, true, settings, elapsed, advanced, indexes);
    }

    /**
     * The server's refusal with where it happened: PostgreSQL's position is 1-based, in characters (code points) of
     * the text it received, which is the EXPLAIN prefix and then the statement as cut from {@code sql}.
     */
    private static ExplainRefusedException refused(
            SQLException e, String sql, SqlStatement one, String prefix, boolean writesUnderAnalyze) {
        String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String serverMessage = first.lines().findFirst().orElse(first).strip();
        String serverHint = null;
        int offset = -1;
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            serverMessage = server.getSeverity() + ": " + server.getMessage();
            serverHint = server.getHint();
            offset = offsetInSql(server.getPosition(), prefix + one.text(), prefix.length(), one, sql);
        }
        String where = "";
        if (offset >= 0) {
            int line = 1
                    + (int) sql.substring(0, offset)
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            int column = offset - (sql.lastIndexOf('\n', offset - 1) + 1) + 1;
            where = " (line " + line + ", column " + column + ")";
        }
        String hint = writesUnderAnalyze
                ? "The statement writes; on a guarded target unlock writes first (it is rolled back)."
                : serverHint;
        return new ExplainRefusedException(
                "The server refused the EXPLAIN: " + serverMessage + where, hint, offset, serverMessage, e);
    }

    /** The 0-based offset in {@code sql} of the server's 1-based position in {@code sent}, or -1 outside it. */
    static int offsetInSql(int position, String sent, int prefixLength, SqlStatement one, String sql) {
        if (position <= 0 || one.tokens().isEmpty()) {
            return -1;
        }
        int inSent;
        try {
            inSent = sent.offsetByCodePoints(0, position - 1);
        } catch (IndexOutOfBoundsException outside) {
            return -1;
        }
        int inStatement = inSent - prefixLength;
        if (inStatement < 0 || inStatement > one.text().length()) {
            return -1;
        }
        int offset = one.tokens().get(0).start() + inStatement;
        return offset <= sql.length() ? offset : -1;
    }

    /**
     * The definitions of the indexes the plan uses, for the findings that need them; read in the capture's own
     * transaction. A catalog the role cannot read only costs those findings, never the capture.
     */
    private static IndexCatalog indexes(Connection connection, String json) {
        try {
            return IndexCatalogReader.read(connection, PlanParser.parse(json));
        } catch (SQLException | RuntimeException e) {
            return IndexCatalog.EMPTY;
        }
    }

    private static Map<String, String> settings(Connection connection) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT name, setting, unit FROM pg_settings WHERE name = ANY (?)")) {
            ps.setArray(1, connection.createArrayOf("text", SETTINGS_THAT_MATTER.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String unit = rs.getString(3);
                    out.put(rs.getString(1), rs.getString(2) + (unit == null ? "" : " " + unit));
                }
            }
        }
        return out;
    }

    /**
     * The last value of every sequence the role may read. ROLLBACK does not undo nextval or setval, so comparing
     * before and after an EXPLAIN ANALYZE is how MigLab knows whether "nothing was changed" is true.
     */
    private static Map<String, Long> sequences(Connection connection) throws SQLException {
        Map<String, Long> values = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT format('%I.%I', schemaname, sequencename), last_value"
                        + " FROM pg_sequences WHERE last_value IS NOT NULL")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            // pg_sequences raises for sequences the role may not read on some versions; then nothing is known.
            return Map.of();
        }
        return values;
    }

    private static List<String> advancedSequences(Map<String, Long> before, Map<String, Long> after) {
        List<String> out = new java.util.ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            Long old = before.get(e.getKey());
            if (old == null || !old.equals(e.getValue())) {
                out.add(e.getKey() + " (" + (old == null ? "unset" : old) + " -> " + e.getValue() + ")");
            }
        }
        return List.copyOf(out);
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException ignored) {
            // The statement may have finished already; the flag still stops the work.
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // A broken connection rolls back by itself when the server notices.
        }
    }
}
