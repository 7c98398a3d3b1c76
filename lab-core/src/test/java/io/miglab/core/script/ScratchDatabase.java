package io.miglab.core.script;

import io.miglab.core.targets.ConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A uniquely named database on the machine's PostgreSQL (127.0.0.1:5432, trust auth), dropped on close, so tests
 * never collide with other people using the same server.
 */
final class ScratchDatabase implements AutoCloseable {
    static final String SERVER = System.getProperty("miglab.test.pg", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("miglab.test.pguser", "postgres");

    private final String name;
    private final List<String> extra = new ArrayList<>();

    private ScratchDatabase(String name) {
        this.name = name;
    }

    static ScratchDatabase create() {
        io.miglab.core.testing.MachineServices.assumePostgres();
        ScratchDatabase db = new ScratchDatabase(
                "miglab_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        db.admin("CREATE DATABASE " + db.name);
        return db;
    }

    String name() {
        return name;
    }

    /** Another scratch database on the same server, dropped with this one. */
    String createAnother() {
        String other = name + "_" + (extra.size() + 1);
        admin("CREATE DATABASE \"" + other + "\"");
        extra.add(other);
        return other;
    }

    ConnectionFactory factory() {
        return new ConnectionFactory() {
            @Override
            public Connection open(String database) throws SQLException {
                return DriverManager.getConnection(SERVER + (database == null ? name : database), USER, "");
            }

            @Override
            public String defaultDatabase() {
                return name;
            }

            @Override
            public boolean writable() {
                return true;
            }
        };
    }

    Connection connect() throws SQLException {
        return factory().open();
    }

    void admin(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (String other : extra) {
            admin("DROP DATABASE IF EXISTS \"" + other + "\" WITH (FORCE)");
        }
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
