package io.miglab.core.metrics.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.DatabaseActivity;
import io.miglab.core.metrics.MetricSource;
import io.miglab.core.metrics.MetricsService;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.MetricsUnavailableException;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The statistics source on the machine's PostgreSQL: rates follow what another session writes, a COPY in progress
 * shows with its table and rows so far, and a server that does not answer is a retryable note, not a crash.
 */
@NeedsMachinePostgres
class PostgresStatsSourceTest {
    static ScratchDatabase db;

    @TempDir
    Path home;

    @BeforeAll
    static void create() throws SQLException {
        db = ScratchDatabase.create("pgstats");
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE rental_copy (id int, note text)");
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    PostgresStatsSource source() {
        return new PostgresStatsSource("scratch", database -> db.connect(), Clock.systemUTC());
    }

    /** Polls until the activity matches (the server publishes another session's counters within a second or so). */
    static DatabaseActivity pollUntil(MetricSource source, Predicate<DatabaseActivity> wanted) {
        Instant deadline = Instant.now().plusSeconds(30);
        DatabaseActivity d = source.poll().database();
        while (!wanted.test(d)) {
            assertThat(Instant.now()).as("waiting for %s", d).isBefore(deadline);
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            d = source.poll().database();
        }
        return d;
    }

    @Test
    void theFirstPollHasNoRatesAndSaysWhy() {
        try (PostgresStatsSource source = source()) {
            MetricsSnapshot first = source.poll();
            assertThat(first.containers()).isEmpty();
            assertThat(first.database().transactionsPerSecond()).isNaN();
            assertThat(first.notes()).singleElement().asString().contains("second poll");
            MetricsSnapshot second = source.poll();
            assertThat(second.database().transactionsPerSecond()).isGreaterThanOrEqualTo(0);
            assertThat(second.notes()).isEmpty();
        }
    }

    @Test
    void ratesFollowRowsAnotherSessionWrites() throws SQLException {
        try (PostgresStatsSource source = source()) {
            source.poll();
            try (Connection writer = db.connect();
                    Statement st = writer.createStatement()) {
                st.execute("INSERT INTO rental_copy SELECT g, 'row ' || g FROM generate_series(1, 20000) g");
            }
            // The writer's counters reach the shared statistics at its commit or within a second after.
            DatabaseActivity d = pollUntil(source, a -> a.rowsWrittenPerSecond() > 0);
            assertThat(d.rowsWrittenPerSecond()).isPositive();
            assertThat(d.transactionsPerSecond()).isPositive();
            assertThat(d.activeBackends()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aCopyInProgressShowsItsTableAndRowsSoFar() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InputStream rows = new HeldStream(5_000, release);
        // Read from another database of the server, as a lab instance's source does: the table is still named.
        try (Connection loader = db.connect();
                PostgresStatsSource source = new PostgresStatsSource(
                        "the server",
                        database -> DriverManager.getConnection("jdbc:postgresql://" + ScratchDatabase.HOST + ":"
                                + ScratchDatabase.PORT + "/" + (database == null ? "postgres" : database) + "?user="
                                + ScratchDatabase.USER),
                        Clock.systemUTC())) {
            CompletableFuture<Long> copy = CompletableFuture.supplyAsync(() -> {
                try {
                    return new CopyManager(loader.unwrap(BaseConnection.class))
                            .copyIn("COPY rental_copy FROM STDIN", rows, 1024);
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                DatabaseActivity d = pollUntil(source, a -> a.progress().stream()
                        .anyMatch(p -> p.tuples() > 0 && p.database().equals(db.name())));
                DatabaseActivity.Progress p = d.progress().stream()
                        .filter(x -> x.database().equals(db.name()))
                        .findFirst()
                        .orElseThrow();
                assertThat(p.command()).isEqualTo("COPY FROM");
                assertThat(p.relation()).isEqualTo("rental_copy");
                assertThat(p.unit()).isEqualTo("bytes");
                assertThat(p.done()).isPositive();
                // From a pipe the server cannot know the total.
                assertThat(p.total()).isZero();
                assertThat(p.fraction()).isNaN();
                assertThat(d.activeBackends()).isGreaterThanOrEqualTo(1);
            } finally {
                release.countDown();
            }
            assertThat(copy.get(30, TimeUnit.SECONDS)).isEqualTo(5_001);
            assertThat(source.poll().database().progress())
                    .noneMatch(x -> x.database().equals(db.name()));
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsARetryableProblem() {
        try (PostgresStatsSource source = new PostgresStatsSource(
                "nowhere",
                database -> DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2"),
                Clock.systemUTC())) {
            assertThatThrownBy(source::poll)
                    .isInstanceOf(MetricsUnavailableException.class)
                    .hasMessageStartingWith("Cannot read the statistics of nowhere: ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void withProcessesTheStatisticsRideAlongAndTheirFailureIsANote() {
        MetricSource processes = new MetricSource() {
            @Override
            public String describe() {
                return "local processes: lab";
            }

            @Override
            public MetricsSnapshot poll() {
                ContainerUsage u = new ContainerUsage(
                        Instant.now(),
                        null,
                        "local",
                        "lab",
                        "backends",
                        120,
                        64L << 20,
                        Double.NaN,
                        Double.NaN,
                        -1,
                        -1,
                        0,
                        null);
                return new MetricsSnapshot(describe(), u.at(), List.of(u), List.of());
            }

            @Override
            public void close() {}
        };
        MetricsSnapshot together = MetricSource.combined(processes, source()).poll();
        assertThat(together.containers()).hasSize(1);
        assertThat(together.database()).isNotNull();
        MetricsSnapshot broken = MetricSource.combined(
                        processes,
                        new PostgresStatsSource(
                                "gone",
                                database -> {
                                    throw new SQLException("Connection refused");
                                },
                                Clock.systemUTC()))
                .poll();
        assertThat(broken.containers()).hasSize(1);
        assertThat(broken.database()).isNull();
        assertThat(broken.notes()).contains("Cannot read the statistics of gone: Connection refused");
    }

    @Test
    void aRecordedWatchKeepsTheServersActivityAsSeries() throws SQLException {
        try (Ledger ledger = Ledger.open(home.resolve("ledger.db"))) {
            MetricsService metrics = new MetricsService(
                    ledger,
                    new io.miglab.core.targets.lab.LabInstanceManager(
                            home.resolve("instances"), home.resolve("binaries")));
            Cancellation cancellation = new Cancellation();
            int[] polls = {0};
            try (Connection writer = db.connect();
                    Statement st = writer.createStatement()) {
                var w = metrics.watch(
                        source(),
                        Duration.ofMillis(200),
                        null,
                        true,
                        s -> {
                            try {
                                st.execute("INSERT INTO rental_copy VALUES (1, 'watched')");
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                            if (++polls[0] == 4) {
                                cancellation.cancel();
                            }
                        },
                        cancellation);
                assertThat(w.polls()).isEqualTo(4);
                // Three intervals between four polls: one point each.
                assertThat(ledger.samples(w.experimentId(), "pg_transactions_per_s"))
                        .hasSize(3);
                assertThat(ledger.samples(w.experimentId(), "pg_wal_bytes_per_s"))
                        .hasSize(3)
                        .allSatisfy(p -> assertThat(p[1]).isGreaterThanOrEqualTo(0));
                assertThat(ledger.find(w.experimentId()).orElseThrow().measurements())
                        .anySatisfy(m -> assertThat(m.name()).isEqualTo("peak WAL rate"));
            }
        }
    }

    /** Rows for COPY: the first {@code count} at once, then the end only after {@code release}. */
    static final class HeldStream extends InputStream {
        private final byte[] rows;
        private final CountDownLatch release;
        private int position;
        private boolean last;

        HeldStream(int count, CountDownLatch release) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                b.append(i).append("\tcopied ").append(i).append('\n');
            }
            this.rows = b.toString().getBytes(StandardCharsets.UTF_8);
            this.release = release;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("read in blocks");
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (position < rows.length) {
                int n = Math.min(length, rows.length - position);
                System.arraycopy(rows, position, into, offset, n);
                position += n;
                return n;
            }
            if (!last) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                last = true;
                byte[] end = "5001\tthe last\n".getBytes(StandardCharsets.UTF_8);
                System.arraycopy(end, 0, into, offset, end.length);
                return end.length;
            }
            return -1;
        }
    }
}
