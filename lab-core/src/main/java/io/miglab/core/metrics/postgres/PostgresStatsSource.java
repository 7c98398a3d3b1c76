package io.miglab.core.metrics.postgres;

import io.miglab.core.metrics.DatabaseActivity;
import io.miglab.core.metrics.MetricSource;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.MetricsUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL server's activity from its statistics views, read over one read-only connection kept between polls:
 * transactions, rows written, WAL and block traffic as rates between two polls (cumulative counters, as
 * {@code pg_stat_database} keeps them), the backends running a statement, and the COPY and CREATE INDEX commands in
 * progress. It only reads, so it needs no unlock on a guarded server; it reports no containers.
 */
public final class PostgresStatsSource implements MetricSource {
    /** Opens a connection to read from; called again after a failed poll. */
    @FunctionalInterface
    public interface Opener {
        /** @param database null for the server's default; another to name a table a command there works on */
        Connection open(String database) throws SQLException;
    }

    // Counters of all databases: a load may write into any of them. WAL from the insert position, which every
    // server since 10 has (pg_stat_wal needs 14 and lags its backends' flushes).
    private static final String COUNTERS = "SELECT sum(xact_commit + xact_rollback),"
            + " sum(tup_inserted + tup_updated + tup_deleted), sum(blks_read), sum(blks_hit),"
            + " pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
            + " ELSE pg_current_wal_lsn() END, '0/0'),"
            + " (SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
            + " AND backend_type = 'client backend' AND pid <> pg_backend_pid())"
            + " FROM pg_stat_database";
    private static final String COPY_PROGRESS = "SELECT command, pid, datname,"
            + " relid, type,"
            + " bytes_processed, bytes_total, tuples_processed FROM pg_stat_progress_copy ORDER BY pid";
    private static final String INDEX_PROGRESS = "SELECT command, pid, datname,"
            + " relid, phase,"
            + " blocks_done, blocks_total, tuples_done, tuples_total FROM pg_stat_progress_create_index ORDER BY pid";

    private final String name;
    private final Opener opener;
    private final Clock clock;
    private Connection connection;
    private String connectedDatabase;
    /** Table names by database and OID: the progress views give OIDs, which only their own database can name. */
    private final java.util.Map<String, String> relationNames = new java.util.HashMap<>();

    private int major;
    private double[] last;
    private long lastNanos;

    /** @param name how the server reads in headings ("lab instance pagila", "target prod-copy") */
    public PostgresStatsSource(String name, Opener opener, Clock clock) {
        this.name = name;
        this.opener = opener;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "PostgreSQL statistics of " + name;
    }

    @Override
    public synchronized MetricsSnapshot poll() {
        try {
            Connection c = connection();
            long now = System.nanoTime();
            Instant at = clock.instant();
            double[] counters = new double[5];
            int active;
            // Statistics are a snapshot per transaction: a fresh transaction per poll sees the latest counters.
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(COUNTERS)) {
                rs.next();
                for (int i = 0; i < counters.length; i++) {
                    counters[i] = rs.getDouble(i + 1);
                }
                active = rs.getInt(6);
            }
            List<DatabaseActivity.Progress> progress = new ArrayList<>();
            if (major >= 14) {
                copies(c, progress);
            }
            indexBuilds(c, progress);
            double seconds = last == null ? 0 : (now - lastNanos) / 1e9;
            double[] rates = new double[counters.length];
            for (int i = 0; i < counters.length; i++) {
                // A counter that went back (stats reset, a server restart) reads as no activity, not a negative rate.
                rates[i] = seconds <= 0 ? Double.NaN : Math.max(0, counters[i] - last[i]) / seconds;
            }
            List<String> notes = last == null
                    ? List.of("Database rates show from the second poll on: they are the counters' change between two.")
                    : List.of();
            last = counters;
            lastNanos = now;
            DatabaseActivity activity =
                    new DatabaseActivity(at, rates[0], rates[1], rates[4], rates[2], rates[3], active, progress);
            return new MetricsSnapshot(describe(), at, List.of(), activity, notes);
        } catch (SQLException e) {
            closeQuietly();
            throw new MetricsUnavailableException(
                    MetricsUnavailableException.Problem.UNREACHABLE,
                    "Cannot read the statistics of " + name + ": " + firstLine(e.getMessage()),
                    e);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = opener.open(null);
            connection.setReadOnly(true);
            connection.setAutoCommit(true);
            major = connection.getMetaData().getDatabaseMajorVersion();
            connectedDatabase = connection.getCatalog();
        }
        return connection;
    }

    private void copies(Connection c, List<DatabaseActivity.Progress> into) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(COPY_PROGRESS)) {
            while (rs.next()) {
                into.add(new DatabaseActivity.Progress(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        relation(c, rs.getString(3), rs.getLong(4)),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        "bytes",
                        rs.getLong(8)));
            }
        }
    }

    private void indexBuilds(Connection c, List<DatabaseActivity.Progress> into) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(INDEX_PROGRESS)) {
            while (rs.next()) {
                long blocksTotal = rs.getLong(7);
                // The scan counts blocks, the later phases tuples: show whichever the current phase counts.
                boolean blocks = blocksTotal > 0 && rs.getLong(9) == 0;
                into.add(new DatabaseActivity.Progress(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        relation(c, rs.getString(3), rs.getLong(4)),
                        rs.getString(5),
                        blocks ? rs.getLong(6) : rs.getLong(8),
                        blocks ? blocksTotal : rs.getLong(9),
                        blocks ? "blocks" : "tuples",
                        rs.getLong(8)));
            }
        }
    }

    /**
     * A table's name as its database prints it. Another database's tables need a connection to it: opened once per
     * table and kept by OID; where that fails the OID stands in.
     */
    private String relation(Connection c, String database, long oid) {
        if (oid == 0) {
            return "-";
        }
        return relationNames.computeIfAbsent(database + "/" + oid, k -> {
            boolean here = database == null || database.equals(connectedDatabase);
            try (Connection other = here ? null : opener.open(database)) {
                Connection on = here ? c : other;
                try (java.sql.PreparedStatement st = on.prepareStatement("SELECT ?::oid::regclass::text")) {
                    st.setLong(1, oid);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next() ? rs.getString(1) : Long.toString(oid);
                    }
                }
            } catch (SQLException e) {
                return "table " + oid;
            }
        });
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no answer";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken: the next poll opens another.
            }
            connection = null;
            last = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
