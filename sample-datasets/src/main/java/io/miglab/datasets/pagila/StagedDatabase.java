package io.miglab.datasets.pagila;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.ConnectionFactory;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database built under a staging name unique to the run ({@code NAME_loading_<run id>}) and renamed to {@code NAME}
 * only once it is complete, so a cancelled, failed or crashed load never leaves a database that looks finished.
 *
 * <p>MigLab only ever drops what it made: the staging database carries a marker ({@code COMMENT ON DATABASE} naming
 * MigLab, the run, the final name and, when known, the experiment), and cleanup drops a database only when both its
 * name and its marker say it is a staging database of MigLab's. Final names that look like staging names are refused,
 * so a user's database can never be mistaken for one. See docs/decisions/0006.
 */
final class StagedDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(StagedDatabase.class);
    static final String INFIX = "_loading";
    static final int RUN_ID_LENGTH = 8;
    /** PostgreSQL truncates identifiers at 63 bytes: leave room for {@code _loading_} and the run id. */
    static final int MAX_NAME_LENGTH = 63 - INFIX.length() - 1 - RUN_ID_LENGTH;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0," + (MAX_NAME_LENGTH - 1) + "}");
    /** {@code NAME_loading} (the staging name of earlier versions) and {@code NAME_loading_<hex run id>}. */
    private static final Pattern STAGING_LIKE = Pattern.compile("(?i).*" + INFIX + "(_[0-9a-f]*)?");

    private static final String MARKER_PREFIX = "miglab:staging";
    private static final Pattern MARKER = Pattern.compile(
            Pattern.quote(MARKER_PREFIX) + " run=([0-9a-f]{" + RUN_ID_LENGTH + "}) final=(\\S+)(?: experiment=(\\d+))?"
                    + "(?:\\s.*)?",
            Pattern.DOTALL);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OBJECT_IN_USE = "55006";

    private final ConnectionFactory connections;
    private final String name;
    private final String runId;
    private final Long experimentId;
    private final boolean replace;

    private StagedDatabase(
            ConnectionFactory connections, String name, String runId, Long experimentId, boolean replace) {
        this.connections = connections;
        this.name = name;
        this.runId = runId;
        this.experimentId = experimentId;
        this.replace = replace;
    }

    /**
     * Checks the name, refuses an existing {@code name} unless {@code replace}, drops marked leftovers of earlier
     * unfinished loads into the same name, and creates an empty, marked staging database.
     *
     * @param experimentId the experiment recording this load, or null when there is none; written into the marker
     */
    static StagedDatabase begin(ConnectionFactory connections, String name, boolean replace, Long experimentId) {
        validateName(name);
        if (!connections.writable()) {
            throw new MigLabException(
                    "The target is guarded (read-only): creating database \"" + name + "\" needs a write unlock.",
                    "Unlock writes for this target first, or use a lab instance.",
                    null);
        }
        StagedDatabase staged = new StagedDatabase(connections, name, newRunId(), experimentId, replace);
        try (Connection admin = staged.admin()) {
            if (exists(admin, name) && !replace) {
                throw new MigLabException(
                        "Database \"" + name + "\" already exists.",
                        "Choose another name with --database, or drop it first.",
                        null);
            }
            dropLeftovers(admin, name);
            execute(admin, "CREATE DATABASE " + quote(staged.loadingName()));
            try {
                execute(
                        admin,
                        "COMMENT ON DATABASE " + quote(staged.loadingName()) + " IS " + literal(staged.marker()));
            } catch (SQLException e) {
                // Created by this very run, so it is ours to drop even without the marker.
                execute(admin, "DROP DATABASE " + quote(staged.loadingName()) + " WITH (FORCE)");
                throw e;
            }
        } catch (SQLException e) {
            throw new MigLabException("Cannot create database \"" + staged.loadingName() + "\": " + e.getMessage(), e);
        }
        return staged;
    }

    /** Refuses names PostgreSQL would truncate or MigLab would take for one of its staging databases. */
    static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new MigLabException("Invalid database name \"" + name + "\": use letters, digits and _ (at most "
                    + MAX_NAME_LENGTH + " characters, starting with a letter or _).");
        }
        if (STAGING_LIKE.matcher(name).matches()) {
            throw new MigLabException("Database name \"" + name + "\" looks like a MigLab staging database (NAME"
                    + INFIX + " or NAME" + INFIX + "_<run id>): choose another name.");
        }
    }

    String name() {
        return name;
    }

    String loadingName() {
        return stagingName(name, runId);
    }

    String runId() {
        return runId;
    }

    static String stagingName(String finalName, String runId) {
        return finalName + INFIX + "_" + runId;
    }

    /** The comment that makes a database recognisably MigLab's staging database: machine-readable, then for people. */
    String marker() {
        return MARKER_PREFIX + " run=" + runId + " final=" + name
                + (experimentId == null ? "" : " experiment=" + experimentId)
                + " (an unfinished MigLab load; MigLab drops it)";
    }

    /** What a marker says, when {@code comment} is one. */
    record Marker(String runId, String finalName, Long experimentId) {
        static Optional<Marker> parse(String comment) {
            if (comment == null) {
                return Optional.empty();
            }
            Matcher m = MARKER.matcher(comment);
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(
                    new Marker(m.group(1), m.group(2), m.group(3) == null ? null : Long.valueOf(m.group(3))));
        }

        /** True when {@code database} is the staging name this marker describes: name and marker must agree. */
        boolean describes(String database) {
            return database.equals(stagingName(finalName, runId));
        }
    }

    /** Renames the finished database to its real name. Every connection to it must be closed. */
    void complete() {
        try (Connection admin = admin()) {
            if (!isOurs(admin)) {
                throw new SQLException("it no longer carries this run's MigLab marker");
            }
            if (replace) {
                // The user asked for it (--replace): the one drop of a database MigLab did not stage.
                execute(admin, "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            }
            execute(admin, "ALTER DATABASE " + quote(loadingName()) + " RENAME TO " + quote(name));
        } catch (SQLException e) {
            abort();
            throw new MigLabException(
                    "Cannot rename \"" + loadingName() + "\" to \"" + name + "\": " + e.getMessage(), e);
        }
        // The staging marker goes once the name is final; a failure here leaves a complete database with a stale note.
        try (Connection admin = admin()) {
            execute(
                    admin,
                    "COMMENT ON DATABASE " + quote(name) + " IS "
                            + literal("Loaded by MigLab (run " + runId
                                    + (experimentId == null ? "" : ", experiment " + experimentId) + ")"));
        } catch (SQLException e) {
            LOG.warn("Could not replace the staging comment on {}: {}", name, e.getMessage());
        }
    }

    /**
     * Drops this run's staging database, only while it carries this run's marker; never throws, so it can run while
     * another exception is on its way.
     */
    void abort() {
        try (Connection admin = admin()) {
            if (isOurs(admin)) {
                execute(admin, "DROP DATABASE " + quote(loadingName()) + " WITH (FORCE)");
            } else if (exists(admin, loadingName())) {
                LOG.warn("Left {} in place: it does not carry this run's MigLab marker", loadingName());
            }
        } catch (SQLException e) {
            LOG.warn("Could not drop the unfinished database {}: {}", loadingName(), e.getMessage());
        }
    }

    private boolean isOurs(Connection admin) throws SQLException {
        return comment(admin, loadingName())
                .flatMap(Marker::parse)
                .filter(m -> m.runId().equals(runId) && m.describes(loadingName()))
                .isPresent();
    }

    /**
     * Drops the staging databases earlier, unfinished loads into {@code finalName} left behind: only those whose name
     * and marker agree, and only when nobody is connected (without FORCE), so a load still running elsewhere is left
     * alone.
     */
    private static void dropLeftovers(Connection admin, String finalName) throws SQLException {
        List<String> leftovers = new ArrayList<>();
        String prefix = finalName + INFIX + "_";
        try (PreparedStatement query = admin.prepareStatement("SELECT datname, shobj_description(oid, 'pg_database')"
                + " FROM pg_database WHERE left(datname, length(?)) = ?")) {
            query.setString(1, prefix);
            query.setString(2, prefix);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String database = rs.getString(1);
                    Marker.parse(rs.getString(2))
                            .filter(m -> m.finalName().equals(finalName) && m.describes(database))
                            .ifPresent(m -> leftovers.add(database));
                }
            }
        }
        for (String leftover : leftovers) {
            try {
                execute(admin, "DROP DATABASE " + quote(leftover));
                LOG.info("Dropped {}, left by an unfinished MigLab load", leftover);
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState())) {
                    throw e;
                }
                LOG.info("Left {} in place: another session is using it (a load still running?)", leftover);
            }
        }
    }

    /**
     * A connection for CREATE, DROP and RENAME DATABASE: the target's own database, unless that is the one being
     * replaced (a database cannot drop itself), then {@code postgres}.
     */
    private Connection admin() throws SQLException {
        String own = connections.defaultDatabase();
        return name.equals(own) || loadingName().equals(own) ? connections.open("postgres") : connections.open();
    }

    private static String newRunId() {
        byte[] bytes = new byte[RUN_ID_LENGTH / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Optional<String> comment(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
