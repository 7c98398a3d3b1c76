package io.miglab.core.migration.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.migration.bench.BenchResult.FileResult;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench on the machine's PostgreSQL, with the 13-file set of the dependency test. */
@NeedsMachinePostgres
@Tag("postgres")
class MigrationBenchTest {
    static ScratchDatabase db;

    @TempDir
    Path temp;

    Ledger ledger;
    MigrationBench bench;
    Path set;
    final List<String> caches = new ArrayList<>();

    @BeforeAll
    static void create() {
        db = ScratchDatabase.create("mbench");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void open() throws IOException {
        ledger = Ledger.open(temp.resolve("ledger.db"));
        bench = new MigrationBench(ledger, name -> db.factory());
        set = copyOfSet("set10");
    }

    @AfterEach
    void close() throws SQLException {
        ledger.close();
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            for (String cache : caches) {
                st.execute("DROP DATABASE IF EXISTS " + cache + " WITH (FORCE)");
            }
        }
    }

    /** The test set with a unique comment, so its set key (and cache template) is this test's alone. */
    private Path copyOfSet(String name) throws IOException {
        Path to = temp.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(DependencyGraphTest.SET10)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        Files.writeString(
                to.resolve("V1__create_authors.sql"),
                "\n-- test run " + UUID.randomUUID() + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        return to;
    }

    private BenchResult run(Path folder, boolean parallel, int repeats, Long against, boolean cache) {
        BenchResult r = bench.bench(
                new BenchRequest(folder, "scratch", null, parallel, repeats, against, 0.20, false, cache),
                ProgressListener.NONE,
                Cancellation.none());
        if (r.cacheDatabase() != null) {
            caches.add(r.cacheDatabase());
        }
        return r;
    }

    /**
     * Sequential and parallel runs alternate (S, P, S, P, ...) so both modes meet the same stretch of a shared
     * machine's load; the speed-up is the ratio of their median totals, printed, not asserted.
     */
    @Test
    void parallelBatchesEndInTheSameStateAsTheSequentialRun() {
        List<Double> sequentialTotals = new ArrayList<>();
        List<Double> parallelTotals = new ArrayList<>();
        BenchResult sequential = null;
        BenchResult parallel = null;
        for (int pair = 0; pair < 3; pair++) {
            sequential = run(set, false, 1, null, false);
            parallel = run(set, true, 1, null, false);
            sequentialTotals.add(sequential.medianTotal());
            parallelTotals.add(parallel.medianTotal());
            assertThat(parallel.endState()).isEqualTo(sequential.endState());
        }

        assertThat(sequential.endState().checksums()).containsKeys("public.authors", "public.books", "public.events");
        assertThat(sequential.endState().checksums().get("public.books")).startsWith("80000:");
        assertThat(parallel.batches()).hasSize(6);
        assertThat(parallel.mode()).isEqualTo("parallel");
        assertThat(sequential.slowestKinds())
                .extracting(BenchResult.KindTotal::kind)
                .contains("INSERT", "CREATE INDEX");
        double s = FileResult.median(sequentialTotals);
        double p = FileResult.median(parallelTotals);
        System.out.printf(
                Locale.ROOT,
                "migrations bench, 13 files, %d CPUs: sequential %.3f s %s, parallel %.3f s %s, speed-up %.2fx%n",
                Runtime.getRuntime().availableProcessors(),
                s,
                sequentialTotals,
                p,
                parallelTotals,
                s / p);
        assertThat(leftoverCopies()).isEmpty();
    }

    @Test
    void anUnchangedRerunRestoresFromTheTemplateAndAChangedFileReplays() throws IOException, SQLException {
        BenchResult first = run(set, false, 1, null, true);
        assertThat(first.cached()).isFalse();
        assertThat(first.cacheDatabase())
                .startsWith(MigrationBench.CACHE_PREFIX + first.setKey().substring(0, 12));
        assertThat(databaseExists(first.cacheDatabase())).isTrue();
        assertThat(first.files()).allSatisfy(f -> assertThat(f.cacheKey()).hasSize(64));

        BenchResult again = run(set, false, 1, null, true);

        assertThat(again.cached()).isTrue();
        assertThat(again.experimentId()).isNotEqualTo(first.experimentId());
        assertThat(again.files()).allSatisfy(f -> assertThat(f.cached()).isTrue());
        assertThat(again.files())
                .extracting(FileResult::seconds)
                .isEqualTo(first.files().stream().map(FileResult::seconds).toList());
        assertThat(again.endState()).isEqualTo(first.endState());
        Experiment stored = ledger.find(again.experimentId()).orElseThrow();
        assertThat(stored.tags()).contains("cached");
        assertThat(stored.notes()).startsWith("Slowest files: V").contains("Slowest statement kinds: ");

        Files.writeString(
                set.resolve("V11__view_recent_events.sql"), "CREATE VIEW recent_events AS SELECT id FROM events;");
        BenchResult changed = run(set, false, 1, null, true);

        assertThat(changed.cached()).isFalse();
        assertThat(changed.setKey()).isNotEqualTo(first.setKey());
        // The files before the changed one started from the same schema, so their cache keys are unchanged.
        assertThat(changed.files().get(0).cacheKey())
                .isEqualTo(first.files().get(0).cacheKey());
        assertThat(changed.files().get(10).cacheKey())
                .isNotEqualTo(first.files().get(10).cacheKey());
    }

    @Test
    void theGateFailsOnADeliberatelySlowedFileAndPassesOnAnUnchangedRerun() throws IOException {
        BenchResult baseline = run(set, false, 3, null, false);

        Path slowed = temp.resolve("slowed");
        Files.createDirectories(slowed);
        try (Stream<Path> files = Files.list(set)) {
            for (Path f : files.toList()) {
                Files.copy(f, slowed.resolve(f.getFileName()));
            }
        }
        Files.writeString(
                slowed.resolve("V7__index_authors.sql"),
                "SELECT pg_sleep(0.3);\n",
                java.nio.file.StandardOpenOption.APPEND);
        BenchResult slow = run(slowed, false, 3, baseline.experimentId(), false);

        assertThat(slow.gate().passed()).isFalse();
        assertThat(slow.gate().regressed())
                .as(
                        "slowed: %s",
                        slow.files().stream()
                                .map(f -> f.file() + " " + f.seconds() + " " + f.vsEarlier())
                                .toList())
                .containsExactly("V7__index_authors.sql");
        FileResult v7 = slow.files().get(6);
        assertThat(v7.vsEarlier().low()).isGreaterThan(1.2);
        assertThat(v7.slowestKind()).isEqualTo("SELECT");
        assertThat(ledger.find(slow.experimentId()).orElseThrow().tags()).contains("gate-failed");

        BenchResult rerun = run(set, false, 3, baseline.experimentId(), false);

        assertThat(rerun.gate().passed())
                .as(
                        "unchanged rerun: %s",
                        rerun.files().stream()
                                .map(f -> f.file() + " " + f.vsEarlier())
                                .toList())
                .isTrue();
        assertThat(rerun.gate().unmatched()).isEmpty();
    }

    @Test
    void aLockedGuardedTargetIsRefusedBeforeAnythingRuns() {
        MigrationBench guarded = new MigrationBench(ledger, name -> db.guardedFactory());
        assertThatThrownBy(() -> guarded.bench(
                        new BenchRequest(set, "prod", null, false, 1, null, 0.2, false, true),
                        ProgressListener.NONE,
                        Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessage("Target 'prod' is guarded and locked: nothing was written; unlock it first (miglab target"
                        + " unlock prod --reason ...).");
    }

    @Test
    void anUnlockedGuardedTargetRunsThroughItsGuard() throws IOException {
        Path small = temp.resolve("small");
        Files.createDirectories(small);
        Files.writeString(small.resolve("V1__t.sql"), "CREATE TABLE t (id int PRIMARY KEY);\n-- " + UUID.randomUUID());
        Files.writeString(small.resolve("V2__fill.sql"), "INSERT INTO t SELECT generate_series(1, 100);");
        MigrationBench unlocked =
                new MigrationBench(ledger, name -> db.guardedFactory(io.miglab.core.targets.WriteAccess.always()));

        BenchResult r = unlocked.bench(
                new BenchRequest(small, "scratch", null, false, 1, null, 0.2, false, false),
                ProgressListener.NONE,
                Cancellation.none());
        caches.add(r.cacheDatabase());

        assertThat(r.endState().checksums().get("public.t")).startsWith("100:");
    }

    @Test
    void aFailingStatementNamesFileAndLineAndLeavesNoCopyBehind() throws IOException {
        Files.writeString(
                set.resolve("V8__index_books.sql"),
                "CREATE INDEX books_title_idx ON books (title);\n\nSELECT nosuchcolumn FROM books;\n");

        assertThatThrownBy(() -> run(set, true, 1, null, false))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("V8__index_books.sql line 3: ERROR: column \"nosuchcolumn\" does not exist");
        assertThat(ledger.list(io.miglab.core.ledger.ExperimentFilter.ALL))
                .singleElement()
                .extracting(Experiment::status)
                .isEqualTo(ExperimentStatus.FAILED);
        assertThat(leftoverCopies()).isEmpty();
    }

    @Test
    void aStatementPastTheTimeoutStopsTheBenchNamingTheFile() throws IOException {
        Files.writeString(set.resolve("V3__create_events.sql"), "SELECT pg_sleep(5);\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> bench.bench(
                        new BenchRequest(
                                set, "scratch", null, false, 1, null, 0.2, false, false, Duration.ofMillis(300)),
                        ProgressListener.NONE,
                        Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith(
                        "V3__create_events.sql line 2: ERROR: canceling statement due to statement" + " timeout");
        assertThat(leftoverCopies()).isEmpty();
    }

    @Test
    void aStartDatabaseWithOtherSessionsIsExplained() throws SQLException {
        String other = db.createAnother();
        try (Connection busy = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/" + other,
                ScratchDatabase.USER,
                "")) {
            assertThat(busy.isValid(2)).isTrue();
            assertThatThrownBy(() -> bench.bench(
                            new BenchRequest(set, "scratch", other, false, 1, null, 0.2, false, false),
                            ProgressListener.NONE,
                            Cancellation.none()))
                    .isInstanceOf(MigLabException.class)
                    .hasMessageContaining("Cannot copy the database " + other + ": other sessions are connected to it");
        }
    }

    @Test
    void cancellingStopsTheRunMarksTheExperimentCancelledAndDropsTheCopy() {
        Cancellation cancellation = new Cancellation();
        ProgressListener cancelAtV5 = p -> {
            if (p.message().contains("V5__fill_books.sql")) {
                cancellation.cancel();
            }
        };

        assertThatThrownBy(() -> bench.bench(
                        new BenchRequest(set, "scratch", null, true, 1, null, 0.2, false, false),
                        cancelAtV5,
                        cancellation))
                .isInstanceOf(io.miglab.core.CancelledException.class);
        assertThat(ledger.list(io.miglab.core.ledger.ExperimentFilter.ALL))
                .singleElement()
                .extracting(Experiment::status)
                .isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(leftoverCopies()).isEmpty();
    }

    private boolean databaseExists(String name) throws SQLException {
        try (Connection c = db.connect();
                var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private List<String> leftoverCopies() {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE '" + MigrationBench.COPY_PREFIX + "%'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
