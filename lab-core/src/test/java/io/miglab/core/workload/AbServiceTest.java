package io.miglab.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.SharedBinaries;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interleaved A/B tests through the workspace's service, on a real lab instance. */
@Tag("postgres")
class AbServiceTest {
    private static final String INDEX = "CREATE INDEX IF NOT EXISTS ab_items_k ON items (k)";
    private static final String NO_INDEX = "DROP INDEX IF EXISTS ab_items_k";
    private static final BaselineOptions QUICK =
            BaselineOptions.defaults().withWarmup(1).withIterations(8).withStatStatements(false);

    @TempDir
    static Path home;

    static Workspace workspace;
    static LabInstance lab;

    @BeforeAll
    static void start() throws SQLException {
        workspace = Workspace.open(
                new MigLabHome(home),
                Map.of(Workspace.BINARIES_VARIABLE, SharedBinaries.dir().toString()));
        lab = workspace.labInstances().start("ab", ProgressListener.NONE);
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl(null));
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ab");
        }
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl("ab"));
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (k int, payload text)");
            st.execute("INSERT INTO items SELECT g % 20000, md5(g::text) FROM generate_series(1, 200000) g");
            st.execute("ANALYZE items");
        }
    }

    @AfterAll
    static void stop() {
        if (workspace != null) {
            workspace.labInstances().stopStartedHere();
            workspace.close();
        }
    }

    private static Workload lookup() {
        return Workload.parse(
                "lookup.sql", "-- name: by_k\n-- params: 7\n-- params: 1234\nSELECT payload FROM items WHERE k = ?\n");
    }

    private static AbRequest indexTest(int rounds, Long proves) {
        return new AbRequest(
                "ab",
                "ab",
                new BaselineRequest.WorkloadSource.Given(lookup()),
                AbRequest.AbSide.of("A: no index", NO_INDEX),
                AbRequest.AbSide.of("B: index on k", INDEX),
                rounds,
                QUICK,
                proves);
    }

    @Test
    void anIndexBuiltBeforeEachBRoundIsFasterWithItsIntervalBelowOneAndTheRunIsOneLinkedExperiment() {
        long proved;
        try (ExperimentRun build = workspace.ledger().begin("index-build", "the index", TargetFingerprint.NONE, null)) {
            build.succeed();
            proved = build.id();
        }
        List<Progress> progress = new CopyOnWriteArrayList<>();

        AbRun run = workspace.abTests().run(indexTest(4, proved), progress::add, Cancellation.none());

        StatementComparison byK = run.comparison().statements().get(0);
        assertThat(byK.verdict()).isEqualTo(Verdict.FASTER);
        assertThat(byK.ciHigh()).isLessThan(0.5);
        assertThat(byK.ciLow()).isLessThanOrEqualTo(byK.ratio());
        // Two uncounted first rounds, then A B B A A B B A.
        assertThat(run.rounds()).hasSize(10);
        assertThat(run.rounds().stream().map(AbRun.Round::side).toList())
                .containsExactly('A', 'B', 'A', 'B', 'B', 'A', 'A', 'B', 'B', 'A');
        assertThat(run.rounds().subList(0, 2)).noneMatch(AbRun.Round::counted);
        assertThat(progress).last().satisfies(p -> assertThat(p.done()).isEqualTo(p.total()));

        Experiment stored = workspace.ledger().find(run.experimentId()).orElseThrow();
        assertThat(stored.kind()).isEqualTo(AbRecorder.KIND);
        assertThat(stored.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(stored.parameters().get("b").get("setup").asText()).isEqualTo(INDEX);
        assertThat(workspace.ledger().links(proved))
                .containsExactly(new ExperimentLink(run.experimentId(), ExperimentLink.PROVES, proved));
        assertThat(workspace.ledger().artifacts(run.experimentId()))
                .filteredOn(a -> a.name().startsWith("round-"))
                .hasSize(10);
        assertThat(workspace.abTests().open(run.experimentId())).isEqualTo(run);
    }

    @Test
    void twoIdenticalSidesAreTheSameWithAnIntervalAroundOne() {
        // A statement of a few milliseconds: rounds of a 0.05 ms lookup switch between two speeds of the machine
        // (about 20 and 70 microseconds, a whole round at a time), which the pairing cannot cancel (ADR 0010).
        Workload scan =
                Workload.parse("scan.sql", "-- name: count_k\n-- params: 7\nSELECT count(*) FROM items WHERE k <> ?\n");
        AbRun run = workspace
                .abTests()
                .run(
                        new AbRequest(
                                "ab",
                                "ab",
                                new BaselineRequest.WorkloadSource.Given(scan),
                                AbRequest.AbSide.of("A", INDEX),
                                AbRequest.AbSide.of("B", INDEX),
                                6,
                                QUICK,
                                null),
                        ProgressListener.NONE,
                        Cancellation.none());

        StatementComparison byK = run.comparison().statements().get(0);
        // Not "the interval contains 1": a 95 % interval misses the true ratio one run in twenty by design, and this
        // machine adds its own drift. What must hold is the verdict the noise band protects, and a ratio near 1.
        assertThat(byK.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(byK.ratio()).isBetween(0.8, 1.25);
        assertThat(byK.ciLow()).isLessThan(byK.ratio());
        assertThat(byK.ciHigh()).isGreaterThan(byK.ratio());
    }

    @Test
    void aSetupThatFailsStopsTheTestNamingTheSideAndTheExperimentFails() {
        AbRequest broken = new AbRequest(
                "ab",
                "ab",
                new BaselineRequest.WorkloadSource.Given(lookup()),
                AbRequest.AbSide.of("A", NO_INDEX),
                AbRequest.AbSide.of("B: typo", "CREATE INDX nope ON items (k)"),
                4,
                QUICK,
                null);

        assertThatThrownBy(() -> workspace.abTests().run(broken, ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("The setup of B: typo failed:");
        assertThat(workspace
                        .ledger()
                        .list(new io.miglab.core.ledger.ExperimentFilter(AbRecorder.KIND, null, null, null, 1)))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(ExperimentStatus.FAILED));
    }

    @Test
    void aCancelledTestKeepsTheRoundsItFinishedAndEndsCancelled() {
        Cancellation cancellation = new Cancellation();
        ProgressListener cancelAtRoundFive = p -> {
            if (p.done() == 4) {
                cancellation.cancel();
            }
        };

        AbRun run = workspace.abTests().run(indexTest(4, null), cancelAtRoundFive, cancellation);

        assertThat(run.cancelled()).isTrue();
        assertThat(run.rounds()).hasSizeLessThan(10);
        assertThat(workspace.ledger().find(run.experimentId()).orElseThrow().status())
                .isEqualTo(ExperimentStatus.CANCELLED);
    }

    @Test
    void aLockedGuardedTargetRefusesTheIndexBeforeAnyRoundAndTheTableKeepsNoIndex() throws SQLException {
        workspace
                .targets()
                .add(
                        "ab-guarded",
                        new ConnectionSpec("127.0.0.1", lab.port(), "ab", LabInstance.SUPERUSER, "disable", Map.of()),
                        TargetRole.GUARDED);
        AbRequest onGuarded = new AbRequest(
                "ab-guarded",
                "ab",
                new BaselineRequest.WorkloadSource.Given(lookup()),
                AbRequest.AbSide.of("A", "DROP INDEX IF EXISTS ab_guarded_k"),
                AbRequest.AbSide.of("B", "CREATE INDEX ab_guarded_k ON items (k)"),
                4,
                QUICK,
                null);

        assertThatThrownBy(() -> workspace.abTests().run(onGuarded, ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("The setup of A failed:");
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl("ab"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'ab_guarded_k'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void onlyALabInstanceIsRestartedBetweenRounds() {
        workspace
                .targets()
                .add(
                        "ab-external",
                        new ConnectionSpec("127.0.0.1", lab.port(), "ab", LabInstance.SUPERUSER, "disable", Map.of()),
                        TargetRole.GUARDED);
        AbRequest restart = new AbRequest(
                "ab-external",
                "ab",
                new BaselineRequest.WorkloadSource.Given(lookup()),
                AbRequest.AbSide.of("A", null),
                AbRequest.AbSide.of("B", null).withRestart(),
                4,
                QUICK,
                null);

        assertThatThrownBy(() -> workspace.abTests().run(restart, ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("Only a lab instance can be restarted");
    }
}
