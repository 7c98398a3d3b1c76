package io.miglab.datasets.pagila;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.ConnectionFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database built under a temporary name ({@code NAME_loading}) and renamed to {@code NAME} only once it is
 * complete, so a cancelled, failed or crashed load never leaves a database that looks finished: whatever is called
 * {@code NAME_loading} is by definition incomplete, is dropped on failure, and is dropped again before the next
 * attempt.
 */
final class StagedDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(StagedDatabase.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,50}");
    static final String SUFFIX = "_loading";

    private final ConnectionFactory connections;
    private final String name;
    private final boolean replace;

    private StagedDatabase(ConnectionFactory connections, String name, boolean replace) {
        this.connections = connections;
        this.name = name;
        this.replace = replace;
    }

    /**
     * Checks the name, refuses an existing {@code name} unless {@code replace}, and creates an empty {@code
     * name_loading} (dropping a leftover one from an earlier, unfinished attempt).
     */
    static StagedDatabase begin(ConnectionFactory connections, String name, boolean replace) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new MigLabException("Invalid database name \"" + name + "\": use letters, digits and _ (at most 51"
                    + " characters, starting with a letter or _).");
        }
        if (!connections.writable()) {
            throw new MigLabException(
                    "The target is guarded (read-only): creating database \"" + name + "\" needs a write unlock.",
                    "Unlock writes for this target first, or use a lab instance.",
                    null);
        }
        StagedDatabase staged = new StagedDatabase(connections, name, replace);
        try (Connection admin = staged.admin()) {
            if (exists(admin, name) && !replace) {
                throw new MigLabException(
                        "Database \"" + name + "\" already exists.",
                        "Choose another name with --database, or drop it first.",
                        null);
            }
            execute(admin, "DROP DATABASE IF EXISTS " + quote(staged.loadingName()) + " WITH (FORCE)");
            execute(admin, "CREATE DATABASE " + quote(staged.loadingName()));
        } catch (SQLException e) {
            throw new MigLabException("Cannot create database \"" + staged.loadingName() + "\": " + e.getMessage(), e);
        }
        return staged;
    }

    String name() {
        return name;
    }

    String loadingName() {
        return name + SUFFIX;
    }

    /** Renames the finished database to its real name. Every connection to it must be closed. */
    void complete() {
        try (Connection admin = admin()) {
            if (replace) {
                execute(admin, "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            }
            execute(admin, "ALTER DATABASE " + quote(loadingName()) + " RENAME TO " + quote(name));
        } catch (SQLException e) {
            abort();
            throw new MigLabException(
                    "Cannot rename \"" + loadingName() + "\" to \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /** Drops the unfinished database; never throws, so it can run while another exception is on its way. */
    void abort() {
        try (Connection admin = admin()) {
            execute(admin, "DROP DATABASE IF EXISTS " + quote(loadingName()) + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("Could not drop the unfinished database {}: {}", loadingName(), e.getMessage());
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
}
