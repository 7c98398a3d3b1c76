package io.miglab.core.targets.guard;

import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A PostgreSQL server registered as a guarded target for the attack corpus, with a fixture database, a superuser
 * connection that MigLab's guard does not see (to set up and to take evidence), and a canary session that sleeps in a
 * query, so that terminating or cancelling other sessions shows.
 */
final class GuardedServer implements AutoCloseable {
    private static final String FIXTURE =
            """
            DROP TABLE IF EXISTS victim CASCADE;
            DROP TABLE IF EXISTS miglab_stolen;
            CREATE TABLE victim (id serial PRIMARY KEY, v text NOT NULL) WITH (autovacuum_enabled = false);
            INSERT INTO victim (v) SELECT 'row ' || g FROM generate_series(1, 200) g;
            CREATE EXTENSION IF NOT EXISTS dblink;
            CREATE OR REPLACE FUNCTION miglab_sneaky_off() RETURNS text LANGUAGE plpgsql AS
              $$ BEGIN PERFORM set_config('default_transaction_read_only', 'off', false); RETURN 'off'; END $$;
            CREATE OR REPLACE FUNCTION miglab_sneaky_delete() RETURNS bigint LANGUAGE plpgsql AS
              $$ DECLARE n bigint; BEGIN DELETE FROM victim; GET DIAGNOSTICS n = ROW_COUNT; RETURN n; END $$;
            CREATE OR REPLACE PROCEDURE miglab_proc() LANGUAGE sql AS $$ DELETE FROM victim $$;
            """;

    final String label;
    final String host;
    final int port;
    final String user;
    final String database;
    final AtomicBoolean unlocked = new AtomicBoolean();
    final TargetConnector connector;
    final Path file = Path.of(System.getProperty("java.io.tmpdir"), "miglab-attack-" + UUID.randomUUID());
    private final String adminUrl;
    private Connection canary;
    private Thread canaryThread;
    private int canaryPid;

    GuardedServer(String label, String host, int port, String user, String database) {
        this.label = label;
        this.host = host;
        this.port = port;
        this.user = user;
        this.database = database;
        this.adminUrl = "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
        Target target = new Target(
                label, TargetRole.GUARDED, new ConnectionSpec(host, port, database, user, "disable", Map.of()), false);
        this.connector = new TargetConnector(target, unlocked::get, Map.of(), Duration.ofSeconds(10));
    }

    /** A libpq connection string back to the fixture database, for dblink. */
    String conninfo() {
        return "host=" + host + " port=" + port + " dbname=" + database + " user=" + user;
    }

    int canaryPid() {
        return canaryPid;
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl);
    }

    /**
     * The fixture as new: the table, its rows, the helper functions. With {@code serverState} also the settings,
     * slots and large objects an allowed attack changed (only ever on a disposable lab instance).
     */
    void reset(boolean serverState) throws Exception {
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute(FIXTURE);
        }
        if (serverState) {
            resetServerState();
        }
        Files.deleteIfExists(file);
        ensureCanary();
    }

    private void resetServerState() throws SQLException {
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM RESET work_mem");
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name LIKE 'miglab_attack%'");
            st.execute("SELECT lo_unlink(oid) FROM pg_largeobject_metadata");
            st.execute("SELECT pg_reload_conf()");
        }
    }

    /** A session that sleeps in a query the whole time; restarted when an (allowed) attack ended it. */
    void ensureCanary() throws Exception {
        if (canaryThread != null && canaryThread.isAlive()) {
            return;
        }
        if (canary != null) {
            canary.close();
        }
        canary = admin();
        try (Statement st = canary.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            canaryPid = rs.getInt(1);
        }
        Connection sleeper = canary;
        canaryThread = new Thread(
                () -> {
                    try (Statement st = sleeper.createStatement()) {
                        st.execute("SELECT pg_sleep(3600)");
                    } catch (SQLException ended) {
                        // Cancelled, terminated or closed: the evidence shows which.
                    }
                },
                "canary-" + label);
        canaryThread.setDaemon(true);
        canaryThread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"active".equals(canaryState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the canary session on " + label + " never became active");
            }
            Thread.onSpinWait();
        }
    }

    private String canaryState() throws SQLException {
        try (Connection c = admin();
                PreparedStatement ps =
                        c.prepareStatement("SELECT state || ':' || query FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, canaryPid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).startsWith("active:SELECT pg_sleep") ? "active" : "gone";
            }
        }
    }

    /**
     * Everything an attack could change, taken from outside the guard: the data, the catalog (relfilenodes show
     * VACUUM FULL, CLUSTER and REINDEX; reltuples shows ANALYZE), the sequence, settings files and their reloads,
     * statistics resets, replication slots, large objects, prepared transactions, advisory locks, the canary
     * session, and a file on the server host.
     */
    Map<String, String> evidence() throws SQLException {
        Map<String, String> e = new LinkedHashMap<>();
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            String[][] probes = {
                {
                    "data",
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(id || '=' || v, ',' ORDER BY id)), '')"
                            + " FROM victim"
                },
                {
                    "catalog",
                    "SELECT md5(string_agg(format('%s %s %s %s %s %s', oid, relname, relkind, relfilenode, reltuples, relpages),"
                            + " ',' ORDER BY oid)) FROM pg_class"
                },
                {"functions", "SELECT md5(string_agg(proname, ',' ORDER BY oid)) FROM pg_proc"},
                {"sequence", "SELECT last_value FROM pg_sequences WHERE sequencename = 'victim_id_seq'"},
                {"auto.conf", "SELECT md5(pg_read_file('postgresql.auto.conf'))"},
                {"configuration loaded", "SELECT pg_conf_load_time()"},
                {"statistics reset", "SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()"},
                {
                    "table statistics",
                    "SELECT vacuum_count || '/' || analyze_count" + " FROM pg_stat_user_tables WHERE relname = 'victim'"
                },
                {"replication slots", "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'miglab_attack%'"
                },
                {"large objects", "SELECT count(*) FROM pg_largeobject_metadata"},
                {"prepared transactions", "SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'miglab_attack%'"},
                {
                    "advisory locks",
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                },
            };
            for (String[] probe : probes) {
                try (ResultSet rs = st.executeQuery(probe[1])) {
                    e.put(probe[0], rs.next() ? rs.getString(1) : null);
                } catch (SQLException gone) {
                    e.put(probe[0], "cannot be read: " + gone.getMessage()); // a dropped table, say
                }
            }
        }
        e.put("canary", canaryState());
        e.put("file on the server host", Files.exists(file) ? "exists" : "absent");
        return e;
    }

    /** Undoes what an allowed attack may leave behind that reset() does not cover. */
    void cleanUpAfterWrites() throws SQLException {
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'MigLab'"
                    + " AND datname = current_database() AND pid <> pg_backend_pid()");
            st.execute(
                    "DO $$ DECLARE g text; BEGIN FOR g IN SELECT gid FROM pg_prepared_xacts"
                            + " WHERE gid LIKE 'miglab_attack%' LOOP EXECUTE format('ROLLBACK PREPARED %L', g); END LOOP; END $$");
        }
    }

    @Override
    public void close() throws Exception {
        if (canary != null) {
            try (Connection c = admin();
                    PreparedStatement ps = c.prepareStatement("SELECT pg_cancel_backend(?)")) {
                ps.setInt(1, canaryPid);
                ps.execute();
            }
            canaryThread.join(TimeUnit.SECONDS.toMillis(10));
            canary.close();
        }
        Files.deleteIfExists(file);
    }
}
