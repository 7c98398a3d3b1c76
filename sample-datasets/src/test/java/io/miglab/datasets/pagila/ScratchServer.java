package io.miglab.datasets.pagila;

import io.miglab.core.targets.ConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust auth) for tests: hands out unique database names and drops every
 * database with such a name (and its {@code _loading} twin) on close, so tests never collide with other people using the
 * same server.
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

    @Override
    public void close() throws SQLException {
        try (Connection c = factory().open();
                Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                s.execute("DROP DATABASE IF EXISTS \"" + name + "_loading\" WITH (FORCE)");
            }
        }
    }
}
