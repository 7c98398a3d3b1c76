package io.miglab.core.targets.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.inventory.InventoryCollector;
import io.miglab.core.inventory.InventoryOptions;
import io.miglab.core.inventory.InventorySnapshot;
import io.miglab.core.plan.capture.CapturedPlan;
import io.miglab.core.plan.capture.ExplainOptions;
import io.miglab.core.plan.capture.PlanCapturer;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptResult;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineResult;
import io.miglab.core.workload.BaselineRunner;
import io.miglab.core.workload.Workload;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The guard's layers one at a time, and every read-only feature still working behind it. */
@Tag("postgres")
@NeedsMachinePostgres
class GuardedConnectionTest {
    static ScratchDatabase db;
    final AtomicBoolean unlocked = new AtomicBoolean();
    TargetConnector guarded;

    @BeforeAll
    static void fixture() {
        db = ScratchDatabase.create("guarded");
        db.execute(
                "CREATE TABLE film (film_id int PRIMARY KEY, title text NOT NULL, length int)",
                "INSERT INTO film SELECT g, 'Film ' || g, 60 + g % 120 FROM generate_series(1, 2000) g",
                "CREATE INDEX film_length ON film (length)",
                "ANALYZE film");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void connector() {
        guarded = db.guardedFactory(unlocked::get);
    }

    @Test
    void aLockTakesEffectAtTheNextStatementAndRollsBackTheOpenTransaction() throws Exception {
        unlocked.set(true);
        try (Connection c = guarded.open();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS lock_probe (id int)");
            c.setAutoCommit(false);
            st.execute("INSERT INTO lock_probe VALUES (1)");
            unlocked.set(false); // someone ran "miglab target lock", or the unlock expired
            assertThatThrownBy(() -> st.execute("INSERT INTO lock_probe VALUES (2)"))
                    .isInstanceOf(GuardRefusedException.class)
                    .hasMessageContaining("Writes are locked");
            assertThatThrownBy(() -> st.execute("SELECT 1"))
                    .hasMessageContaining("were locked while a transaction was open; MigLab rolled it back");
            c.setAutoCommit(true);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM lock_probe")) {
                rs.next();
                assertThat(rs.getInt(1))
                        .as("the insert before the lock was rolled back")
                        .isZero();
            }
            assertThatThrownBy(() -> st.execute("DROP TABLE lock_probe")).hasMessageContaining("Writes are locked");
        } finally {
            db.execute("DROP TABLE IF EXISTS lock_probe");
        }
    }

    @Test
    void neitherTheTargetsOptionsNorTheEnvironmentCanTurnTheGuardOff() throws Exception {
        for (Map.Entry<String, String> hostile : Map.of(
                        "options", "-c default_transaction_read_only=off",
                        "readOnly", "false",
                        "readOnlyMode", "ignore",
                        "preferQueryMode", "simple")
                .entrySet()) {
            assertThatThrownBy(() -> new ConnectionSpec(
                            ScratchDatabase.HOST,
                            ScratchDatabase.PORT,
                            db.name(),
                            ScratchDatabase.USER,
                            "disable",
                            Map.of(hostile.getKey(), hostile.getValue())))
                    .hasMessageContaining("Connection option '" + hostile.getKey() + "' is not allowed");
        }
        ConnectionSpec spec = new ConnectionSpec(
                ScratchDatabase.HOST, ScratchDatabase.PORT, db.name(), ScratchDatabase.USER, "disable", Map.of());
        Target target = new Target("hostile-environment", TargetRole.GUARDED, spec, false);
        Map<String, String> env = Map.of("PGOPTIONS", "-c default_transaction_read_only=off");
        TargetConnector connector = new TargetConnector(target, () -> false, env, Duration.ofSeconds(10));
        try (Connection c = connector.open();
                Statement st = c.createStatement()) {
            assertThat(show(st, "default_transaction_read_only")).isEqualTo("on");
            assertThat(show(st, "transaction_read_only")).isEqualTo("on");
            assertThat(c.unwrap(PGConnection.class).getPreferQueryMode().value())
                    .isEqualTo("extended");
        }
    }

    @Test
    void eachStatementOfALockedSessionRunsInItsOwnReadOnlyTransaction() throws Exception {
        try (Connection c = guarded.open();
                Statement st = c.createStatement()) {
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(show(st, "transaction_read_only")).isEqualTo("on");
            // The transaction ends after each statement, so nothing a function did to the session default counts.
            String first = now(st);
            assertThat(now(st)).as("a fresh transaction per statement").isNotEqualTo(first);
            assertThat(show(st, "default_transaction_read_only")).isEqualTo("on");
        }
    }

    private static String now(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT now()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aTransactionTheCallerOpensIsReadOnlyEvenWhenItStartsWithASetting() throws Exception {
        try (Connection c = guarded.open();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL statement_timeout = 5000");
            assertThat(show(st, "transaction_read_only")).isEqualTo("on");
            assertThat(show(st, "statement_timeout")).isEqualTo("5s");
            c.rollback();
            assertThat(show(st, "statement_timeout"))
                    .as("SET LOCAL ended with the transaction")
                    .isEqualTo("0");
        }
    }

    @Test
    void largeObjectsAndTheFastPathAreClosedWhileLocked() throws Exception {
        try (Connection c = guarded.open()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            assertThatThrownBy(pg::getLargeObjectAPI).isInstanceOf(GuardRefusedException.class);
            assertThatThrownBy(pg::getFastpathAPI).isInstanceOf(GuardRefusedException.class);
            assertThatThrownBy(() -> c.unwrap(org.postgresql.core.BaseConnection.class))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not hand out");
            assertThatThrownBy(() -> pg.getCopyAPI().copyIn("COPY film FROM STDIN"))
                    .hasMessageContaining("Writes are locked");
            StringWriter out = new StringWriter();
            long rows = pg.getCopyAPI().copyOut("COPY (SELECT film_id FROM film WHERE film_id <= 3) TO STDOUT", out);
            assertThat(rows).isEqualTo(3);
            assertThat(out.toString()).isEqualTo("1\n2\n3\n");
        }
    }

    @Test
    void readOnlyFeaturesStillWorkOnALockedTarget() {
        InventorySnapshot snapshot = new InventoryCollector(guarded)
                .collect(null, InventoryOptions.defaults(), Cancellation.none(), p -> {});
        assertThat(snapshot.tables()).extracting(t -> t.name()).contains("film");

        try (Connection c = guarded.open()) {
            CapturedPlan estimate = PlanCapturer.capture(
                    c, "SELECT * FROM film WHERE length = 90", ExplainOptions.estimate(), Cancellation.none());
            assertThat(estimate.plan().root().nodeType()).isNotBlank();
            CapturedPlan analyzed = PlanCapturer.capture(
                    c,
                    "SELECT count(*) FROM film WHERE length > 100;",
                    ExplainOptions.analyzeAll(),
                    Cancellation.none());
            assertThat(analyzed.writes()).isFalse();
            assertThat(analyzed.notes()).noneMatch(n -> n.contains("sequence"));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }

        BaselineResult baseline = new BaselineRunner(guarded)
                .run(
                        null,
                        Workload.parse(
                                "reads.sql",
                                "-- name: by_length\n-- params: 90\n-- params: 100\n"
                                        + "SELECT title FROM film WHERE length = ?;\n"
                                        + "-- name: count\nSELECT count(*) FROM film;\n"),
                        BaselineOptions.defaults()
                                .withWarmup(2)
                                .withIterations(20)
                                .withClients(2),
                        Cancellation.none(),
                        ProgressListener.NONE,
                        BaselineListener.NONE);
        assertThat(baseline.errors()).isZero();
        assertThat(baseline.executions()).isEqualTo(80);

        ScriptResult script = new ScriptRunner(guarded)
                .run(
                        "reads.sql",
                        new ByteArrayInputStream(("SET statement_timeout = '5s';\nSHOW work_mem;\n"
                                        + "SELECT count(*) FROM film;\nCOPY film TO STDOUT;\n"
                                        + "EXPLAIN SELECT * FROM film;\n")
                                .getBytes(StandardCharsets.UTF_8)),
                        null,
                        ScriptOptions.defaults(),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(script.errors()).isEmpty();
        assertThat(script.statements()).isEqualTo(5);
    }

    @Test
    void anUnlockedTargetWritesAndRunsWhatCannotRunInATransaction() throws Exception {
        unlocked.set(true);
        try (Connection c = guarded.open();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE unlocked_probe (id int)");
            st.execute("INSERT INTO unlocked_probe VALUES (1)");
            st.execute("VACUUM unlocked_probe");
            st.execute("CREATE INDEX CONCURRENTLY unlocked_probe_id ON unlocked_probe (id)");
            assertThatThrownBy(() -> st.execute("SELECT 1; SELECT 2")).hasMessageContaining("one statement at a time");
        } finally {
            db.execute("DROP TABLE IF EXISTS unlocked_probe");
        }
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
