package io.miglab.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Measurement;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class BaselineRunnerTest {
    static final TargetFingerprint TARGET = new TargetFingerprint("scratch", null, null, null);
    static ScratchDatabase db;

    @TempDir
    Path home;

    @BeforeAll
    static void fixture() {
        db = ScratchDatabase.create("baseline");
        db.execute(
                "CREATE TABLE \"Ïtems Täble\" (k int, payload text)",
                "INSERT INTO \"Ïtems Täble\" SELECT g % 5000, md5(g::text) FROM generate_series(1, 150000) g",
                "ANALYZE \"Ïtems Täble\"");
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    private static BaselineOptions quick() {
        return BaselineOptions.defaults().withSnapshotInterval(Duration.ofMillis(50));
    }

    @Test
    void measuresEveryStatementPerClientWithOrderedPercentiles() {
        Workload workload = Workload.parse(
                "mixed.sql",
                """
                -- name: pick
                -- weight: 2
                -- params: 1
                -- params: 2
                SELECT ?::int + 1
                -- name: divide
                -- params: 0
                SELECT 1 / ?::int
                """);
        List<LiveSnapshot> snapshots = new CopyOnWriteArrayList<>();
        BaselineResult r = new BaselineRunner(db.factory())
                .run(
                        null,
                        workload,
                        quick().withClients(2).withIterations(25),
                        Cancellation.none(),
                        ProgressListener.NONE,
                        snapshots::add);

        assertThat(r.cancelled()).isFalse();
        assertThat(r.executions()).isEqualTo(2 * 25 * 3);
        StatementResult pick = r.statements().get(0);
        assertThat(pick.executions()).isEqualTo(100);
        assertThat(pick.errors()).isZero();
        assertThat(pick.latency().count()).isEqualTo(100);
        assertThat(pick.latency().p50Ms())
                .isPositive()
                .isLessThanOrEqualTo(pick.latency().p95Ms());
        assertThat(pick.latency().p95Ms()).isLessThanOrEqualTo(pick.latency().p99Ms());
        assertThat(pick.latency().p99Ms()).isLessThanOrEqualTo(pick.latency().maxMs() * 1.001);
        StatementResult divide = r.statements().get(1);
        assertThat(divide.errors()).isEqualTo(50);
        assertThat(divide.firstError()).contains("division by zero");
        assertThat(divide.distinctErrors())
                .singleElement()
                .satisfies(e -> assertThat(e.sqlState()).isEqualTo("22012"))
                .satisfies(e -> assertThat(e.count()).isEqualTo(50));
        assertThat(divide.latency())
                .as("no latency for a statement that never succeeded")
                .isNull();
        assertThat(r.failure())
                .isEqualTo("Statement divide never succeeded: all 50 executions failed: ERROR: division by zero.");
        assertThat(r.errors()).isEqualTo(50);
        assertThat(r.throughputPerSecond()).isPositive();
        assertThat(r.samples().size()).isEqualTo(150);
        assertThat(r.samples().latenciesNanos("pick")).hasSize(100);
        assertThat(r.statStatements().available()).isFalse();
        assertThat(r.statStatements().hint()).contains("shared_preload_libraries");
        assertThat(snapshots).isNotEmpty();
        assertThat(snapshots.get(snapshots.size() - 1).executions()).isEqualTo(150);
    }

    @Test
    void aBaselineWhoseStatementNeverSucceededIsRecordedAsFailedWithEachKindOfError() {
        Workload workload = Workload.parse(
                "failing.sql",
                """
                -- name: fine
                SELECT count(*) FROM "Ïtems Täble" WHERE k = 7
                -- name: half
                -- params: 0
                -- params: 1
                SELECT 10 / ?::int
                -- name: missing
                SELECT * FROM no_such_table_here
                -- name: divide
                SELECT 1 / 0
                """);
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            BaselineRecorder recorder = new BaselineRecorder(ledger);
            BaselineRecorder.Recorded recorded = recorder.runAndRecord(
                    new BaselineRunner(db.factory()),
                    TARGET,
                    null,
                    workload,
                    quick().withIterations(20),
                    Cancellation.none(),
                    ProgressListener.NONE,
                    BaselineListener.NONE);

            BaselineResult r = recorded.result();
            assertThat(recorded.failed()).isTrue();
            assertThat(r.neverSucceeded()).extracting(StatementResult::name).containsExactly("missing", "divide");
            StatementResult fine = r.statements().get(0);
            assertThat(fine.errors()).isZero();
            assertThat(fine.distinctErrors()).isEmpty();
            assertThat(fine.latency().count()).isEqualTo(20);
            StatementResult half = r.statements().get(1);
            assertThat(half.errors()).isEqualTo(10);
            assertThat(half.latency().count())
                    .as("the latencies of what succeeded are kept")
                    .isEqualTo(10);
            assertThat(half.distinctErrors())
                    .singleElement()
                    .extracting(StatementError::count)
                    .isEqualTo(10L);
            StatementResult missing = r.statements().get(2);
            assertThat(missing.latency()).isNull();
            assertThat(missing.distinctErrors())
                    .singleElement()
                    .satisfies(e -> assertThat(e.sqlState()).isEqualTo("42P01"))
                    .satisfies(e -> assertThat(e.firstLine())
                            .isEqualTo("ERROR: relation \"no_such_table_here\" does not exist"));

            Experiment e = ledger.find(recorded.experimentId()).orElseThrow();
            assertThat(e.status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(e.error())
                    .isEqualTo("2 statements never succeeded: missing (all 20 executions failed: ERROR: relation"
                            + " \"no_such_table_here\" does not exist); divide (all 20 executions failed: ERROR:"
                            + " division by zero).");
            assertThat(e.measurements())
                    .extracting(Measurement::name)
                    .contains("statement.fine.latency.p95", "statement.half.latency.p95", "statement.divide.errors")
                    .doesNotContain("statement.divide.latency.p95", "statement.missing.latency.p50");
            BaselineResult loaded = recorder.load(recorded.experimentId());
            assertThat(loaded.statements()).isEqualTo(r.statements());
            assertThat(loaded.failure()).isEqualTo(r.failure());
            assertThat(recorder.loadSamples(recorded.experimentId()).latenciesNanos("half"))
                    .hasSize(10);
        }
    }

    @Test
    void aStatementThatFailsInManyWaysKeepsTheFirstFiveKindsAndCountsTheRest() {
        StringBuilder text = new StringBuilder("-- name: parse\n");
        for (String value : List.of("a", "b", "c", "d", "e", "f", "g")) {
            text.append("-- params: ").append(value).append('\n');
        }
        text.append("SELECT ?::int\n");
        BaselineResult r = new BaselineRunner(db.factory())
                .run(
                        null,
                        Workload.parse("parse.sql", text.toString()),
                        quick().withWarmup(0).withIterations(14),
                        Cancellation.none(),
                        ProgressListener.NONE,
                        BaselineListener.NONE);
        StatementResult parse = r.statements().get(0);
        assertThat(parse.errors()).isEqualTo(14);
        assertThat(parse.distinctErrors()).hasSize(StatementResult.MAX_DISTINCT_ERRORS);
        assertThat(parse.distinctErrors())
                .extracting(StatementError::firstLine)
                .containsExactly(
                        "ERROR: invalid input syntax for type integer: \"a\"",
                        "ERROR: invalid input syntax for type integer: \"b\"",
                        "ERROR: invalid input syntax for type integer: \"c\"",
                        "ERROR: invalid input syntax for type integer: \"d\"",
                        "ERROR: invalid input syntax for type integer: \"e\"");
        assertThat(parse.distinctErrors()).extracting(StatementError::count).containsOnly(2L);
        assertThat(parse.unlistedErrors()).isEqualTo(4);
    }

    @Test
    void everyStatementRunsUnderTheStatementTimeout() {
        Workload workload = Workload.parse("slow.sql", "-- name: sleepy\nSELECT pg_sleep(5)");
        long start = System.nanoTime();
        BaselineResult r = new BaselineRunner(db.factory())
                .run(
                        null,
                        workload,
                        quick().withWarmup(0).withIterations(2).withStatementTimeout(Duration.ofMillis(100)),
                        Cancellation.none(),
                        ProgressListener.NONE,
                        BaselineListener.NONE);
        assertThat(r.errors()).isEqualTo(2);
        assertThat(r.statements().get(0).firstError()).contains("statement timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aCancelledBaselineIsStoredAsCancelledWithItsPartialData() throws Exception {
        Workload workload = Workload.parse("cancel.sql", "-- name: tick\nSELECT 1");
        Cancellation cancellation = new Cancellation();
        CountDownLatch enough = new CountDownLatch(1);
        ProgressListener progress = (Progress p) -> {
            if (p.message().startsWith("Baseline:") && p.done() >= 200) {
                enough.countDown();
            }
        };
        Thread canceller = new Thread(() -> {
            try {
                if (enough.await(60, TimeUnit.SECONDS)) {
                    cancellation.cancel();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            BaselineRecorder recorder = new BaselineRecorder(ledger);
            long start = System.nanoTime();
            BaselineRecorder.Recorded recorded = recorder.runAndRecord(
                    new BaselineRunner(db.factory()),
                    TARGET,
                    null,
                    workload,
                    quick().withClients(2).withDuration(Duration.ofMinutes(5)),
                    cancellation,
                    progress,
                    BaselineListener.NONE);
            canceller.join();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
            BaselineResult r = recorded.result();
            assertThat(r.cancelled()).isTrue();
            assertThat(r.executions()).isGreaterThanOrEqualTo(200);
            Experiment e = ledger.find(recorded.experimentId()).orElseThrow();
            assertThat(e.kind()).isEqualTo("baseline");
            assertThat(e.status()).isEqualTo(ExperimentStatus.CANCELLED);
            assertThat(e.measurements())
                    .extracting(Measurement::name)
                    .contains("executions", "latency.p50", "statement.tick.latency.p95");
            assertThat(e.measurements())
                    .filteredOn(m -> m.name().equals("executions"))
                    .singleElement()
                    .extracting(Measurement::value)
                    .isEqualTo((double) r.executions());
            assertThat(ledger.samples(recorded.experimentId(), "live.tick.throughput"))
                    .isNotEmpty();
            LatencySamples stored = recorder.loadSamples(recorded.experimentId());
            assertThat(stored.size()).isEqualTo(r.executions());
            BaselineResult loaded = recorder.load(recorded.experimentId());
            assertThat(loaded.cancelled()).isTrue();
            assertThat(loaded.statements()).isEqualTo(r.statements());
        }
    }

    @Test
    void anIndexMakesTheQueryFasterAndARepeatIsNoSignificantChange() {
        db.execute("DROP INDEX IF EXISTS \"Ïtems k\"");
        Workload workload = Workload.parse(
                "lookup.sql",
                """
                -- name: by_key
                -- params: 17
                -- params: 4242
                -- params: 999
                SELECT payload FROM "Ïtems Täble" WHERE k = ?
                """);
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            BaselineRecorder recorder = new BaselineRecorder(ledger);
            BaselineRunner runner = new BaselineRunner(db.factory());
            long seqScan = recorder.runAndRecord(
                            runner,
                            TARGET,
                            null,
                            workload,
                            quick().withIterations(40),
                            Cancellation.none(),
                            ProgressListener.NONE,
                            BaselineListener.NONE)
                    .experimentId();
            db.execute("CREATE INDEX \"Ïtems k\" ON \"Ïtems Täble\" (k)", "ANALYZE \"Ïtems Täble\"");
            long indexed = recorder.runAndRecord(
                            runner,
                            TARGET,
                            null,
                            workload,
                            quick().withIterations(200),
                            Cancellation.none(),
                            ProgressListener.NONE,
                            BaselineListener.NONE)
                    .experimentId();
            StatementComparison faster = recorder.compare(seqScan, indexed, CompareOptions.defaults())
                    .statements()
                    .get(0);
            assertThat(faster.verdict()).isEqualTo(Verdict.FASTER);
            assertThat(faster.ciHigh()).isLessThan(1);
            assertThat(faster.ratio()).isLessThan(0.5);

            // The same workload twice, in alternating rounds compared pair by pair: on a machine shared with other
            // builds, back-to-back runs differ by up to 2x in median latency; the two runs of a pair share the
            // machine's state of the moment. One uncounted run first, so a JVM still compiling does not favour B.
            // The statement reads 20,000 rows (a few ms): a 50-microsecond lookup measures mostly how soon the
            // scheduler of an overloaded machine wakes the client and the server, not the query.
            Workload scan = Workload.parse(
                    "scan.sql",
                    "-- name: scan\nSELECT count(*), max(payload) FROM (SELECT * FROM \"Ïtems Täble\" LIMIT 20000) t");
            List<LatencySamples> a = new java.util.ArrayList<>();
            List<LatencySamples> b = new java.util.ArrayList<>();
            BaselineOptions round = quick().withWarmup(2).withIterations(15).withClients(3);
            runner.run(null, scan, round, Cancellation.none(), ProgressListener.NONE, BaselineListener.NONE);
            // A B, B A, A B...: whichever side runs second in a pair alternates, so drift cancels out.
            for (int i = 0; i < 10; i++) {
                List<List<LatencySamples>> order = i % 2 == 0 ? List.of(a, b) : List.of(b, a);
                for (List<LatencySamples> side : order) {
                    side.add(runner.run(
                                    null,
                                    scan,
                                    round,
                                    Cancellation.none(),
                                    ProgressListener.NONE,
                                    BaselineListener.NONE)
                            .samples());
                }
            }
            StatementComparison repeat = Comparison.ofRounds("A", a, "B", b, CompareOptions.defaults())
                    .statements()
                    .get(0);
            assertThat(repeat.verdict())
                    .as("repeat: ratio %.3f [%.3f, %.3f]", repeat.ratio(), repeat.ciLow(), repeat.ciHigh())
                    .isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        }
    }
}
