package io.miglab.core.targets;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.ConnectionCheck.Problem;
import io.miglab.core.targets.guard.GuardedConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Opens connections to one target. The password is looked up at connect time (PGPASSWORD, then the password file)
 * and only ever lives in the driver's properties. Every connection to a guarded target comes wrapped in a {@link
 * GuardedConnection}, so each statement passes the {@link io.miglab.core.targets.guard.StatementGate}; while the
 * target is locked its session also starts with {@code default_transaction_read_only} on, set by MigLab after the
 * user's own options so that nothing in the target's URL or the environment can turn it off.
 */
public final class TargetConnector implements ConnectionFactory {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Target target;
    private final WriteAccess access;
    private final Map<String, String> environment;
    private final Duration connectTimeout;

    public TargetConnector(
            Target target, WriteAccess access, Map<String, String> environment, Duration connectTimeout) {
        this.target = target;
        this.access = target.role() == TargetRole.LAB ? WriteAccess.always() : access;
        this.environment = environment;
        this.connectTimeout = connectTimeout;
    }

    public Target target() {
        return target;
    }

    @Override
    public String defaultDatabase() {
        return target.connection().database();
    }

    @Override
    public boolean writable() {
        return access.allowedNow();
    }

    @Override
    public Connection open(String database) throws SQLException {
        ConnectionSpec spec =
                database == null ? target.connection() : target.connection().withDatabase(database);
        boolean writable = writable();
        Properties props = new Properties();
        // Only harmless driver properties, again here in case a spec was built around the parser.
        ConnectionOptions.allowedOnly(spec.options()).forEach(props::setProperty);
        // MigLab's own properties go last and the URL carries none, because pgjdbc lets URL parameters win.
        props.setProperty("user", spec.effectiveUser());
        password(spec).ifPresent(p -> props.setProperty("password", p));
        if (spec.sslMode() != null) {
            props.setProperty("sslmode", spec.sslMode());
        }
        int seconds = (int) Math.max(1, connectTimeout.toSeconds());
        props.setProperty("connectTimeout", Integer.toString(seconds));
        props.setProperty("loginTimeout", Integer.toString(seconds));
        props.setProperty("ApplicationName", "MigLab");
        String url = new ConnectionSpec(spec.host(), spec.port(), spec.database(), null, null, Map.of()).jdbcUrl();
        if (!target.guarded()) {
            return DriverManager.getConnection(url, props);
        }
        props.setProperty("preferQueryMode", "extended");
        props.setProperty("autosave", "never");
        // "transaction", not "always": with "always" pgjdbc turns the session default off when auto-commit goes off.
        props.setProperty("readOnlyMode", "transaction");
        props.setProperty("readOnly", Boolean.toString(!writable));
        props.setProperty(
                "options",
                writable
                        ? "-c standard_conforming_strings=on"
                        : "-c default_transaction_read_only=on -c standard_conforming_strings=on");
        Connection real = DriverManager.getConnection(url, props);
        try {
            return GuardedConnection.wrap(real, target.name(), access, writable);
        } catch (SQLException | RuntimeException e) {
            real.close();
            throw e;
        }
    }

    /** Connects once and reports what happened, in plain words. Never throws for connection failures. */
    public ConnectionCheck test() {
        long start = System.nanoTime();
        boolean writable = writable();
        try (Connection c = open()) {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            String version = c.getMetaData().getDatabaseProductVersion();
            return new ConnectionCheck(
                    target.name(),
                    null,
                    "Connected to PostgreSQL " + version + " at " + target.describe() + " in " + latency.toMillis()
                            + " ms" + (writable ? "." : " (read-only: guarded target)."),
                    version,
                    latency,
                    !writable);
        } catch (SQLException e) {
            ConnectionProblems.Diagnosis d =
                    ConnectionProblems.diagnose(e, target.connection(), (int) connectTimeout.toSeconds());
            return new ConnectionCheck(target.name(), d.problem(), d.message(), null, null, !writable);
        }
    }

    /** A connection check for a lab instance that is not running, without trying the network. */
    static ConnectionCheck stopped(Target target) {
        return new ConnectionCheck(
                target.name(),
                Problem.LAB_INSTANCE_STOPPED,
                "Lab instance '" + target.name() + "' is stopped. Start it with: miglab lab start --name "
                        + target.name(),
                null,
                null,
                false);
    }

    private java.util.Optional<String> password(ConnectionSpec spec) {
        String fromEnv = environment.get("PGPASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return java.util.Optional.of(fromEnv);
        }
        return PgPass.fromEnvironment(environment)
                .find(spec.host(), spec.port(), spec.database(), spec.effectiveUser());
    }

    /** Opens a connection or fails with the plain-words diagnosis as a {@link MigLabException}. */
    public Connection openOrExplain(String database) {
        try {
            return open(database);
        } catch (SQLException e) {
            ConnectionSpec spec =
                    database == null ? target.connection() : target.connection().withDatabase(database);
            throw new MigLabException(
                    ConnectionProblems.diagnose(e, spec, (int) connectTimeout.toSeconds())
                            .message(),
                    e);
        }
    }
}
