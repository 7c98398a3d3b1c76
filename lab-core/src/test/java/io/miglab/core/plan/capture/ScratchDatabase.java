package io.miglab.core.plan.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A uniquely named database on the machine's PostgreSQL (127.0.0.1:5432, trust), created for one test class and
 * dropped after it, so tests of several engineers can share the server.
 */
final class ScratchDatabase implements AutoCloseable {
    static final String SERVER = System.getProperty("miglab.test.pg", "jdbc:postgresql://127.0.0.1:5432/");
    private final String name;

    ScratchDatabase(String purpose) throws SQLException {
        io.miglab.core.testing.MachineServices.assumePostgres();
        this.name = ("miglab_plan_" + purpose + "_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + name + "?user=postgres");
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
