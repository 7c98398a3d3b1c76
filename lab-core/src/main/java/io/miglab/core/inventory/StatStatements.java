package io.miglab.core.inventory;

import io.miglab.core.targets.PgVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether pg_stat_statements can be read in the current database, and how to read it. It needs two things people
 * often mix up: the library in {@code shared_preload_libraries} (a server restart) and {@code CREATE EXTENSION} in
 * the database. The hint names whichever is missing.
 *
 * @param available both are there
 * @param relation the view, schema-qualified and quoted, when available
 * @param hint what is missing and how to fix it, when not available
 */
public record StatStatements(boolean available, String relation, String hint, PgVersion version) {

    /** Looks at the server's settings and the database's extensions; reads nothing else. */
    public static StatStatements probe(Connection connection) throws SQLException {
        PgVersion version = PgVersion.of(connection);
        String preload;
        String database;
        String schema = null;
        try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT current_setting('shared_preload_libraries'), current_database(),"
                                + " (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                                + " WHERE e.extname = 'pg_stat_statements')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            preload = rs.getString(1);
            database = rs.getString(2);
            schema = rs.getString(3);
        }
        boolean loaded = Arrays.stream(preload == null ? new String[0] : preload.split(","))
                .map(s -> s.strip().replace("\"", ""))
                .anyMatch("pg_stat_statements"::equals);
        if (!loaded) {
            return new StatStatements(
                    false,
                    null,
                    "pg_stat_statements is not enabled on this server: add it to shared_preload_libraries"
                            + " (postgresql.conf or ALTER SYSTEM), restart the server, then run"
                            + " CREATE EXTENSION pg_stat_statements in database " + database + ".",
                    version);
        }
        if (schema == null) {
            return new StatStatements(
                    false,
                    null,
                    "pg_stat_statements is loaded but not created in database " + database
                            + ": run CREATE EXTENSION pg_stat_statements there.",
                    version);
        }
        return new StatStatements(true, Identifiers.qualified(schema, "pg_stat_statements"), null, version);
    }

    /**
     * The heaviest statements of the current database by total execution time. Call only when {@link #available()}.
     */
    public List<InventorySnapshot.TopStatement> top(Connection connection, int limit) throws SQLException {
        if (!available) {
            throw new IllegalStateException("pg_stat_statements is not available: " + hint);
        }
        String total = totalTimeColumn();
        String mean = total.replace("total", "mean");
        List<InventorySnapshot.TopStatement> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT queryid, query, calls, " + total + ", " + mean
                + ", rows, shared_blks_hit, shared_blks_read FROM " + relation
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " ORDER BY " + total + " DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new InventorySnapshot.TopStatement(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getDouble(4),
                            rs.getDouble(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8)));
                }
            }
        }
        return rows;
    }

    /** The column of total execution time: {@code total_exec_time} from PostgreSQL 13, {@code total_time} before. */
    public String totalTimeColumn() {
        return version.atLeast(13) ? "total_exec_time" : "total_time";
    }
}
