package io.miglab.core.testing;

import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.WriteAccess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A uniquely named database on the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres), created for
 * one test class and dropped afterwards, so tests of several engineers share the server without seeing each other.
 */
public final class ScratchDatabase implements AutoCloseable {
    public static final String HOST = System.getProperty("miglab.test.pghost", "127.0.0.1");
    public static final int PORT = Integer.getInteger("miglab.test.pgport", 5432);
    public static final String USER = System.getProperty("miglab.test.pguser", "postgres");

    private final String name;
    private final java.util.List<String> others = new java.util.ArrayList<>();

    private ScratchDatabase(String name) {
        this.name = name;
    }

    /** Another database on the same server, dropped with this one. */
    public String createAnother() {
        String other = name + "_" + (others.size() + 1);
        execute("postgres", "CREATE DATABASE \"" + other.replace("\"", "\"\"") + "\"");
        others.add(other);
        return other;
    }

    private static void execute(String database, String sql) {
        try (Connection c = connect(database);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static ScratchDatabase create(String prefix) {
        MachineServices.assumePostgres();
        String name = "miglab_" + prefix.toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = connect("postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the scratch database " + name + ": " + e.getMessage(), e);
        }
        return new ScratchDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return url(name);
    }

    /** A plain connection with full rights, for setting up fixtures. */
    public Connection connect() throws SQLException {
        return connect(name);
    }

    /** A factory like a lab target's: writable. */
    public ConnectionFactory factory() {
        return new TestConnectionFactory(name);
    }

    /** A guarded target's connections, through MigLab's real guard, with nobody's unlock. */
    public TargetConnector guardedFactory() {
        return guardedFactory(WriteAccess.never());
    }

    /** A guarded target's connections, through MigLab's real guard; {@code access} says when it is unlocked. */
    public TargetConnector guardedFactory(WriteAccess access) {
        ConnectionSpec spec = new ConnectionSpec(HOST, PORT, name, USER, "disable", Map.of());
        Target target = new Target("scratch-" + name, TargetRole.GUARDED, spec, false);
        return new TargetConnector(target, access, Map.of(), Duration.ofSeconds(10));
    }

    /** Runs statements in auto-commit mode. */
    public void execute(String... statements) {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Fixture SQL failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (String other : others) {
            execute("postgres", "DROP DATABASE IF EXISTS \"" + other.replace("\"", "\"\"") + "\" WITH (FORCE)");
        }
        try (Connection c = connect("postgres");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the scratch database " + name + ": " + e.getMessage(), e);
        }
    }

    static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        return DriverManager.getConnection(url(database), props);
    }

    /** A ConnectionFactory over a JDBC URL, as a lab target's: writable. */
    private record TestConnectionFactory(String database) implements ConnectionFactory {
        @Override
        public Connection open(String other) throws SQLException {
            return connect(other == null ? database : other);
        }

        @Override
        public String defaultDatabase() {
            return database;
        }

        @Override
        public boolean writable() {
            return true;
        }
    }
}
