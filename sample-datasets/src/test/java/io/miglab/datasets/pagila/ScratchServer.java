package io.miglab.datasets.pagila;

import io.miglab.core.targets.ConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust auth) for tests: hands out unique database names and drops every
 * database with such a name (and any database whose name starts with it, such as its staging databases) on close, so
 * tests never collide with other people using the same server.
 */
final class ScratchServer implements AutoCloseable {
    static final String SERVER = System.getProperty("miglab.test.pg", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("miglab.test.pguser", "postgres");
    /** The official Pagila release beside the repository; the test is skipped (failed in CI) without it. */
    static java.nio.file.Path pagila() {
        return io.miglab.core.testing.MachineServices.pagilaRelease();
    }

    private final List<String> names = new ArrayList<>();

    ScratchServer() {
        io.miglab.core.testing.MachineServices.assumePostgres();
    }

    /** A fresh name no database has; the database itself is not created. */
    String newName(String prefix) {
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        names.add(name);
        return name;
    }

    /** Connects to the {@code postgres} database by default, like a target whose own database is the default one. */
    ConnectionFactory factory() {
        return new ConnectionFactory() {
            @Override
            public Connection open(String database) throws SQLException {
                return DriverManager.getConnection(SERVER + (database == null ? "postgres" : database), USER, "");
            }

            @Override
            public String defaultDatabase() {
                return "postgres";
            }

            @Override
            public boolean writable() {
                return true;
            }
        };
    }

    boolean exists(String database) throws SQLException {
        try (Connection c = factory().open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    /** Databases named {@code name_loading...}: staging databases of loads into {@code name}, and look-alikes. */
    List<String> stagingDatabases(String name) throws SQLException {
        return databasesStartingWith(name + StagedDatabase.INFIX);
    }

    /** The database's comment, or null. */
    String comment(String database) throws SQLException {
        try (Connection c = factory().open();
                PreparedStatement query = c.prepareStatement(
                        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Runs one statement in the {@code postgres} database. */
    void admin(String sql) throws SQLException {
        try (Connection c = factory().open();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> databasesStartingWith(String prefix) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = factory().open();
                PreparedStatement query = c.prepareStatement(
                        "SELECT datname FROM pg_database WHERE left(datname, length(?)) = ? ORDER BY datname")) {
            query.setString(1, prefix);
            query.setString(2, prefix);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = factory().open();
                Statement s = c.createStatement()) {
            for (String name : names) {
                for (String database : databasesStartingWith(name)) {
                    s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
                }
            }
        }
    }
}
