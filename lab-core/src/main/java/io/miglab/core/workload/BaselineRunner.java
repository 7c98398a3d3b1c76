package io.miglab.core.workload;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.inventory.StatStatements;
import io.miglab.core.targets.ConnectionFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs a workload against a target and measures it: a warm-up that is not counted, then a number of passes or a
 * duration, with N clients on their own connections. Latency is taken on the client around execute-and-read-all-
 * rows, which is what an application sees. Every statement runs under a statement_timeout.
 *
 * <p>Clients record into HdrHistogram {@link Recorder}s (wait-free for the writer); the calling thread drains them
 * at each snapshot interval for the live view and the totals, so listeners never run on a client thread. A cancel
 * stops every client at once (a running statement is cancelled on the server) and the run returns what it measured,
 * flagged as cancelled.
 */
public final class BaselineRunner {
    private static final int DIGITS = 3;

    private final ConnectionFactory factory;
    private final Clock clock;

    public BaselineRunner(ConnectionFactory factory) {
        this(factory, Clock.systemUTC());
    }

    BaselineRunner(ConnectionFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    /**
     * Runs the baseline on {@code database} (the target's own when null). Returns a cancelled result rather than
     * throwing when cancelled.
     *
     * @throws MigLabException when the target cannot be reached or a connection breaks during the run
     */
    public BaselineResult run(
            String database,
            Workload workload,
            BaselineOptions options,
            Cancellation cancellation,
            ProgressListener progress,
            BaselineListener live) {
        Run run = new Run(database, workload, options, cancellation, progress, live);
        try {
            return run.execute();
        } catch (SQLException e) {
            throw new MigLabException("The baseline of " + workload.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** The smooth weighted round-robin order of one pass (nginx's algorithm): weights 3,1 give a a b a, not a a a b. */
    static int[] passOrder(List<WorkloadStatement> statements) {
        int total = statements.stream().mapToInt(WorkloadStatement::weight).sum();
        int[] current = new int[statements.size()];
        int[] order = new int[total];
        for (int slot = 0; slot < total; slot++) {
            int best = 0;
            for (int i = 0; i < statements.size(); i++) {
                current[i] += statements.get(i).weight();
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order[slot] = best;
        }
        return order;
    }

    private final class Run {
        final String database;
        final Workload workload;
        final BaselineOptions options;
        final Cancellation cancellation;
        final ProgressListener progress;
        final BaselineListener live;
        final List<WorkloadStatement> statements;
        final int[] order;
        final Recorder[] recorders;
        final Histogram[] totals;
        final Histogram[] recycled;
        final AtomicLongArray executions;
        final AtomicLongArray errors;
        final ErrorTally[] errorKinds;
        final AtomicLong done = new AtomicLong();
        final AtomicReference<Exception> fatal = new AtomicReference<>();
        final CountDownLatch warmedUp;
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch finished;
        volatile long measureStart;
        volatile boolean truncated;

        Run(
                String database,
                Workload workload,
                BaselineOptions options,
                Cancellation cancellation,
                ProgressListener progress,
                BaselineListener live) {
            this.database = database;
            this.workload = workload;
            this.options = options;
            this.cancellation = cancellation;
            this.progress = progress;
            this.live = live;
            this.statements = workload.statements();
            this.order = passOrder(statements);
            int n = statements.size();
            this.recorders = new Recorder[n];
            this.totals = new Histogram[n];
            this.recycled = new Histogram[n];
            for (int i = 0; i < n; i++) {
                recorders[i] = new Recorder(DIGITS);
                totals[i] = new Histogram(DIGITS);
            }
            this.executions = new AtomicLongArray(n);
            this.errors = new AtomicLongArray(n);
            this.errorKinds = new ErrorTally[n];
            for (int i = 0; i < n; i++) {
                errorKinds[i] = new ErrorTally();
            }
            this.warmedUp = new CountDownLatch(options.clients());
            this.finished = new CountDownLatch(options.clients());
        }

        BaselineResult execute() throws SQLException {
            progress.report(Progress.indeterminate("Baseline: connecting " + options.clients() + " clients"));
            List<Client> clients = new ArrayList<>();
            try (Connection monitor = factory.open(database)) {
                monitor.setAutoCommit(true);
                StatStatements pgss = options.statStatements() ? StatStatements.probe(monitor) : null;
                String databaseName = currentDatabase(monitor);
                int perClientCap = options.maxSamples() / options.clients();
                try {
                    for (int c = 0; c < options.clients(); c++) {
                        clients.add(new Client(c, open(), perClientCap));
                    }
                } catch (SQLException | RuntimeException e) {
                    clients.forEach(Client::closeQuietly);
                    throw e;
                }
                List<Thread> threads = new ArrayList<>();
                try (Cancellation.Registration ignored = cancellation.onCancel(() -> {
                    go.countDown();
                    clients.forEach(Client::cancelCurrent);
                })) {
                    for (Client client : clients) {
                        Thread t = new Thread(client, "miglab-baseline-client-" + client.id);
                        t.setDaemon(true);
                        threads.add(t);
                        t.start();
                    }
                    progress.report(Progress.indeterminate("Baseline: warming up"));
                    warmedUp.await();
                    Map<String, long[]> pgssBefore = pgss != null && pgss.available() ? readPgss(monitor, pgss) : null;
                    long[] buffersBefore = readBuffers(monitor);
                    Instant startedAt = clock.instant();
                    measureStart = System.nanoTime();
                    go.countDown();
                    long lastSnapshot = measureStart;
                    while (!finished.await(options.snapshotInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        long now = System.nanoTime();
                        report(now, lastSnapshot);
                        lastSnapshot = now;
                    }
                    long end = System.nanoTime();
                    report(end, lastSnapshot);
                    for (Thread t : threads) {
                        t.join();
                    }
                    List<LatencySamples.Buffer> buffers = new ArrayList<>();
                    for (Client client : clients) {
                        buffers.add(client.samples);
                        client.closeQuietly();
                    }
                    Exception failure = fatal.get();
                    if (failure instanceof SQLException sql && !cancellation.isCancelled()) {
                        throw sql;
                    }
                    if (failure instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    StatStatementsDelta pgssDelta = pgss == null
                            ? null
                            : pgssBefore == null
                                    ? StatStatementsDelta.unavailable(pgss.hint())
                                    : pgssDelta(pgssBefore, readPgss(monitor, pgss));
                    long[] buffersAfter = readBuffers(monitor);
                    BufferDelta bufferDelta = buffersBefore == null || buffersAfter == null
                            ? null
                            : BufferDelta.of(buffersAfter[0] - buffersBefore[0], buffersAfter[1] - buffersBefore[1]);
                    return result(
                            databaseName,
                            startedAt,
                            (end - measureStart) / 1e9,
                            pgssDelta,
                            bufferDelta,
                            LatencySamples.of(names(), buffers));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancellation.cancel();
                    throw new MigLabException("The baseline was interrupted.", e);
                } finally {
                    go.countDown();
                    clients.forEach(Client::closeQuietly);
                }
            }
        }

        private Connection open() throws SQLException {
            Connection c = factory.open(database);
            try (Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute(
                        "SET statement_timeout = " + options.statementTimeout().toMillis());
                st.execute("SET application_name = 'miglab baseline'");
                // On a guarded target every execution is its own READ ONLY transaction; the client ends it after
                // the clock stops, so the latency is the statement's as on any other target.
                c.setAutoCommit(factory.writable());
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        }

        private List<String> names() {
            return statements.stream().map(WorkloadStatement::name).toList();
        }

        /** Drains the recorders into the totals and reports progress and a live snapshot. */
        private void report(long now, long since) {
            double interval = Math.max(1e-9, (now - since) / 1e9);
            List<LiveSnapshot.Statement> rows = new ArrayList<>();
            long allErrors = 0;
            for (int i = 0; i < statements.size(); i++) {
                Histogram h = recorders[i].getIntervalHistogram(recycled[i]);
                totals[i].add(h);
                recycled[i] = h;
                allErrors += errors.get(i);
                boolean any = h.getTotalCount() > 0;
                rows.add(new LiveSnapshot.Statement(
                        statements.get(i).name(),
                        executions.get(i),
                        errors.get(i),
                        h.getTotalCount(),
                        h.getTotalCount() / interval,
                        any ? h.getValueAtPercentile(50) / 1e6 : 0,
                        any ? h.getValueAtPercentile(95) / 1e6 : 0,
                        any ? h.getMaxValue() / 1e6 : 0));
            }
            double elapsed = (now - measureStart) / 1e9;
            long count = done.get();
            live.snapshot(new LiveSnapshot(elapsed, count, allErrors, rows));
            String message = String.format(
                    java.util.Locale.ROOT, "Baseline: %d executions, %d errors, %.1f s", count, allErrors, elapsed);
            if (options.duration() != null) {
                long total = options.duration().toMillis();
                progress.report(Progress.of(message, Math.min(total, (long) (elapsed * 1000)), total));
            } else {
                progress.report(
                        Progress.of(message, count, (long) options.clients() * options.iterations() * order.length));
            }
        }

        private BaselineResult result(
                String databaseName,
                Instant startedAt,
                double seconds,
                StatStatementsDelta pgss,
                BufferDelta buffers,
                LatencySamples samples) {
            Histogram all = new Histogram(DIGITS);
            List<StatementResult> results = new ArrayList<>();
            long allErrors = 0;
            for (int i = 0; i < statements.size(); i++) {
                all.add(totals[i]);
                allErrors += errors.get(i);
                results.add(new StatementResult(
                        statements.get(i).name(),
                        statements.get(i).sql(),
                        executions.get(i),
                        errors.get(i),
                        errorKinds[i].snapshot(),
                        seconds > 0 ? totals[i].getTotalCount() / seconds : 0,
                        latencyOrNull(totals[i])));
            }
            return new BaselineResult(
                    workload.name(),
                    databaseName,
                    options,
                    startedAt,
                    seconds,
                    cancellation.isCancelled(),
                    done.get(),
                    allErrors,
                    seconds > 0 ? all.getTotalCount() / seconds : 0,
                    latencyOrNull(all),
                    results,
                    pgss,
                    buffers,
                    truncated,
                    samples);
        }

        /** One client: its connection, its prepared statements and its samples. */
        private final class Client implements Runnable {
            final int id;
            final Connection connection;
            final PreparedStatement[] prepared;
            final int[] parameterCursor;
            final LatencySamples.Buffer samples;
            volatile PreparedStatement current;

            Client(int id, Connection connection, int cap) throws SQLException {
                this.id = id;
                this.connection = connection;
                this.prepared = new PreparedStatement[statements.size()];
                this.parameterCursor = new int[statements.size()];
                this.samples = new LatencySamples.Buffer(id, cap);
                try {
                    for (int i = 0; i < statements.size(); i++) {
                        prepared[i] =
                                connection.prepareStatement(statements.get(i).sql());
                    }
                } catch (SQLException e) {
                    closeQuietly();
                    throw e;
                }
            }

            @Override
            public void run() {
                try {
                    try {
                        for (int pass = 0; pass < options.warmupIterations() && !cancellation.isCancelled(); pass++) {
                            for (int i : order) {
                                if (cancellation.isCancelled()) {
                                    break;
                                }
                                execute(i, false);
                            }
                        }
                    } finally {
                        warmedUp.countDown();
                    }
                    go.await();
                    long deadline = options.duration() == null
                            ? Long.MAX_VALUE
                            : measureStart + options.duration().toNanos();
                    for (int pass = 0; options.duration() != null || pass < options.iterations(); pass++) {
                        for (int i : order) {
                            if (cancellation.isCancelled() || System.nanoTime() >= deadline) {
                                return;
                            }
                            execute(i, true);
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    fatal.compareAndSet(null, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
            }

            /** Runs statement {@code i} once, reads every row, and records it when {@code measured}. */
            private void execute(int i, boolean measured) throws SQLException {
                PreparedStatement ps = prepared[i];
                List<List<String>> sets = statements.get(i).parameterSets();
                if (!sets.isEmpty()) {
                    List<String> values = sets.get(parameterCursor[i]++ % sets.size());
                    for (int p = 0; p < values.size(); p++) {
                        ps.setObject(p + 1, values.get(p), Types.OTHER);
                    }
                }
                current = ps;
                SQLException error = null;
                long start = System.nanoTime();
                try {
                    boolean results = ps.execute();
                    while (true) {
                        if (results) {
                            try (ResultSet rs = ps.getResultSet()) {
                                while (rs.next()) {
                                    // Reading every row is part of the latency an application sees.
                                }
                            }
                        } else if (ps.getUpdateCount() == -1) {
                            break;
                        }
                        results = ps.getMoreResults();
                    }
                } catch (SQLException e) {
                    error = e;
                }
                long latency = System.nanoTime() - start;
                current = null;
                endTransaction(error == null);
                if (error != null) {
                    if (cancellation.isCancelled()) {
                        return; // cut short by the cancel: not a measurement
                    }
                    String state = error.getSQLState();
                    if (state != null && state.startsWith("08")) {
                        throw error; // the connection is gone
                    }
                }
                if (!measured) {
                    return;
                }
                if (error == null) {
                    recorders[i].recordValue(latency);
                } else {
                    errors.incrementAndGet(i);
                    errorKinds[i].add(error);
                }
                executions.incrementAndGet(i);
                done.incrementAndGet();
                if (!samples.add(i, start - measureStart, latency, error == null)) {
                    truncated = true;
                }
            }

            /** Ends the execution's own transaction when the client runs without auto-commit (guarded targets). */
            private void endTransaction(boolean succeeded) throws SQLException {
                if (connection.getAutoCommit()) {
                    return;
                }
                if (succeeded) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            }

            void cancelCurrent() {
                PreparedStatement ps = current;
                if (ps != null) {
                    try {
                        ps.cancel();
                    } catch (SQLException ignored) {
                        // It may have finished meanwhile; the client sees the flag before its next statement.
                    }
                }
            }

            void closeQuietly() {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // Closing is best effort; the server ends the session either way.
                }
            }
        }
    }

    /** No latency at all rather than zeros, when nothing succeeded. */
    private static LatencySummary latencyOrNull(Histogram nanos) {
        return nanos.getTotalCount() == 0 ? null : LatencySummary.of(nanos);
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Shared-buffer hits and reads of the database, or null when the role may not read them. */
    private static long[] readBuffers(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery(
                    "SELECT blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database()")) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private static Map<String, long[]> readPgss(Connection c, StatStatements pgss) throws SQLException {
        Map<String, long[]> rows = new HashMap<>();
        String sql = "SELECT queryid, userid, calls, (" + pgss.totalTimeColumn() + " * 1000)::bigint,"
                + " shared_blks_hit, shared_blks_read, query FROM " + pgss.relation()
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND queryid IS NOT NULL";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String key = rs.getLong(1) + "/" + rs.getLong(2) + "\u0000" + rs.getString(7);
                long[] values = {rs.getLong(1), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)};
                rows.merge(
                        key, values, (a, b) -> new long[] {a[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]});
            }
        }
        return rows;
    }

    private static StatStatementsDelta pgssDelta(Map<String, long[]> before, Map<String, long[]> after) {
        List<StatStatementsDelta.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] a = e.getValue();
            long[] b = before.getOrDefault(e.getKey(), new long[5]);
            long calls = a[1] - b[1];
            String query = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
            if (calls <= 0 || query.contains("pg_stat_statements") || query.contains("pg_stat_database")) {
                continue;
            }
            entries.add(new StatStatementsDelta.Entry(
                    a[0], query, calls, (a[2] - b[2]) / 1000.0, a[3] - b[3], a[4] - b[4]));
        }
        entries.sort((x, y) -> Double.compare(y.totalMs(), x.totalMs()));
        return new StatStatementsDelta(true, null, entries);
    }
}
