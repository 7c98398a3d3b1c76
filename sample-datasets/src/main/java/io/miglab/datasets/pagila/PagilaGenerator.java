package io.miglab.datasets.pagila;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ConnectionFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a Pagila-compatible database at any scale: the same tables, columns, types, keys and partitioned payments
 * as the official release, so the same queries run on both, with data from {@link PagilaModel} (deterministic from
 * the seed, realistic skew).
 *
 * <p>The load is shaped like a good restore: create the tables bare, COPY every table (big ones in row-range chunks)
 * through several connections at once, since without keys there is no order to respect; then build keys, indexes and
 * foreign keys over the loaded data, and VACUUM ANALYZE so the first plans see real statistics and visibility maps.
 * Rows are generated as they are sent, straight into pgjdbc's COPY stream: memory does not grow with scale.
 *
 * <p><b>No half-built database looks complete.</b> Everything happens in a staging database of the run's own
 * ({@code NAME_loading_<run id>}, marked as MigLab's), which is renamed to {@code NAME} only after ANALYZE. A failed
 * or cancelled load drops it; a marked leftover from a crash is dropped by the next attempt (see {@link
 * StagedDatabase}). An existing {@code NAME} stays untouched unless {@link GenerateOptions#replace()}.
 */
public final class PagilaGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(PagilaGenerator.class);
    static final String SCHEMA = "generated-schema.sql";
    static final String INDEXES = "generated-indexes.sql";
    static final String CONSTRAINTS = "generated-constraints.sql";
    static final String VALIDATE = "generated-validate.sql";

    private final ConnectionFactory connections;
    private final Long experimentId;

    public PagilaGenerator(ConnectionFactory connections) {
        this(connections, null);
    }

    private PagilaGenerator(ConnectionFactory connections, Long experimentId) {
        this.connections = connections;
        this.experimentId = experimentId;
    }

    /** The same generator, naming {@code experimentId} in the staging database's marker. */
    public PagilaGenerator forExperiment(long experimentId) {
        return new PagilaGenerator(connections, experimentId);
    }

    /** Generates and loads; progress reports rows copied against the expected total, then the later phases. */
    public PagilaGeneration generate(GenerateOptions options, ProgressListener progress, Cancellation cancellation) {
        PagilaModel model = new PagilaModel(options.scale(), options.seed());
        cancellation.checkpoint();
        long started = System.nanoTime();
        StagedDatabase staged = StagedDatabase.begin(connections, options.database(), options.replace(), experimentId);
        try {
            progress.report(Progress.indeterminate("Creating the Pagila schema in " + staged.loadingName()));
            runResource(SCHEMA, staged.loadingName(), cancellation);
            long schemaDone = System.nanoTime();

            List<TableLoad> tables =
                    copyAll(model, staged.loadingName(), options.parallelism(), true, progress, cancellation);
            long dataDone = System.nanoTime();

            progress.report(Progress.indeterminate("Building primary keys and indexes"));
            runBlocks(INDEXES, staged.loadingName(), options.parallelism(), cancellation);
            progress.report(Progress.indeterminate("Adding foreign keys and triggers"));
            runResource(CONSTRAINTS, staged.loadingName(), cancellation);
            progress.report(Progress.indeterminate("Validating foreign keys"));
            runBlocks(VALIDATE, staged.loadingName(), options.parallelism(), cancellation);
            long postDone = System.nanoTime();

            progress.report(Progress.indeterminate("VACUUM ANALYZE"));
            try (Connection connection = connections.open(staged.loadingName());
                    Statement statement = connection.createStatement();
                    Cancellation.Registration ignored = cancellation.onCancel(() -> cancelQuietly(statement))) {
                statement.execute("VACUUM (ANALYZE)");
            }
            cancellation.checkpoint();
            long analyzeDone = System.nanoTime();
            staged.complete();
            return new PagilaGeneration(
                    options.database(),
                    options.scale(),
                    options.seed(),
                    tables,
                    Duration.ofNanos(schemaDone - started),
                    Duration.ofNanos(dataDone - schemaDone),
                    Duration.ofNanos(postDone - dataDone),
                    Duration.ofNanos(analyzeDone - postDone),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            staged.abort();
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            throw new MigLabException(
                    "Generating Pagila into \"" + options.database() + "\" failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            staged.abort();
            throw e;
        }
    }

    /**
     * Copies all generated rows into {@code database}, which has the bare schema; for the benchmark, which also
     * measures the text format alone ({@code binary} false) as the like-for-like anchor next to psql.
     */
    List<TableLoad> copyInto(
            PagilaModel model, String database, int parallelism, boolean binary, Cancellation cancellation) {
        try {
            return copyAll(model, database, parallelism, binary, ProgressListener.NONE, cancellation);
        } catch (SQLException e) {
            throw new MigLabException("Copying generated rows into " + database + " failed: " + e.getMessage(), e);
        }
    }

    /** Creates the tables, functions and views, without keys or indexes, in an existing empty database. */
    void createSchema(String database, Cancellation cancellation) {
        runResource(SCHEMA, database, cancellation);
    }

    /**
     * Runs a resource cut into {@code -- @block NAME} sections, each in its own session, {@code parallelism} at a time.
     * The lines before the first block (session settings) open every block. The first failure stops the rest.
     */
    private void runBlocks(String resource, String database, int parallelism, Cancellation outer) {
        String text;
        try (InputStream in = PagilaGenerator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigLabException("Missing resource " + resource + " in sample-datasets.");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigLabException("Cannot read resource " + resource + ": " + e.getMessage(), e);
        }
        String[] parts = text.split("(?m)^-- @block ");
        String header = parts[0];
        Cancellation local = new Cancellation();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), runnable -> {
            Thread thread = new Thread(runnable, "pagila-post-data");
            thread.setDaemon(true);
            return thread;
        });
        try (Cancellation.Registration ignored = outer.onCancel(local::cancel)) {
            CountDownLatch finished = new CountDownLatch(parts.length - 1);
            for (int i = 1; i < parts.length; i++) {
                String block = parts[i];
                String name =
                        resource + "#" + block.substring(0, block.indexOf('\n')).strip();
                // Keep line numbers in messages true to the block: the header's lines, then the block's.
                String script = header + "-- @block " + block;
                pool.execute(() -> {
                    try {
                        if (!local.isCancelled()) {
                            new ScriptRunner(connections)
                                    .run(
                                            name,
                                            new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                                            null,
                                            ScriptOptions.defaults().withDatabase(database),
                                            ProgressListener.NONE,
                                            local);
                        }
                    } catch (RuntimeException e) {
                        if (failure.compareAndSet(null, e)) {
                            local.cancel();
                        }
                    } finally {
                        finished.countDown();
                    }
                });
            }
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                local.cancel();
                throw new CancelledException();
            }
        } finally {
            pool.shutdownNow();
        }
        if (outer.isCancelled()) {
            throw new CancelledException();
        }
        RuntimeException error = failure.get();
        if (error != null) {
            throw error;
        }
    }

    private void runResource(String resource, String database, Cancellation cancellation) {
        try (InputStream in = PagilaGenerator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigLabException("Missing resource " + resource + " in sample-datasets.");
            }
            new ScriptRunner(connections)
                    .run(
                            resource,
                            in,
                            null,
                            ScriptOptions.defaults().withDatabase(database),
                            ProgressListener.NONE,
                            cancellation);
        } catch (IOException e) {
            throw new MigLabException("Cannot read resource " + resource + ": " + e.getMessage(), e);
        }
    }

    /** A range of one table, copied by one stream. */
    private record Chunk(PagilaModel model, PagilaModel.Table table, long from, long to) {}

    /** Live figures of one table, shared by the streams loading it. */
    private static final class TableState {
        final AtomicLong rows = new AtomicLong();
        final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastEnd = new AtomicLong();
    }

    private List<TableLoad> copyAll(
            PagilaModel model,
            String database,
            int parallelism,
            boolean binary,
            ProgressListener progress,
            Cancellation outer)
            throws SQLException {
        List<Chunk> chunks = new ArrayList<>();
        Map<String, TableState> states = new LinkedHashMap<>();
        long expected = 0;
        for (PagilaModel.Table table : model.tables()) {
            states.put(table.name(), new TableState());
            expected += table.estimatedRows();
            for (long from = 0; from < table.units(); from += table.chunkUnits()) {
                chunks.add(new Chunk(model, table, from, Math.min(table.units(), from + table.chunkUnits())));
            }
        }
        // Largest work first, so the small tables fill the gaps at the end.
        chunks.sort(Comparator.comparingLong((Chunk c) -> -(c.to() - c.from())
                * c.table().estimatedRows()
                / Math.max(1, c.table().units())));

        // Our own token: a failing stream stops the others, and the caller's cancel reaches all of them.
        Cancellation local = new Cancellation();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Queue<Chunk> queue = new ConcurrentLinkedQueue<>(chunks);
        int streams = Math.min(parallelism, chunks.size());
        CountDownLatch finished = new CountDownLatch(streams);
        ExecutorService pool = Executors.newFixedThreadPool(streams, runnable -> {
            Thread thread = new Thread(runnable, "pagila-copy");
            thread.setDaemon(true);
            return thread;
        });
        try (Cancellation.Registration ignored = outer.onCancel(local::cancel)) {
            for (int s = 0; s < streams; s++) {
                // One connection per stream for its whole life: a backend start costs more than a small table.
                pool.execute(() -> {
                    try (Connection connection = connections.open(database)) {
                        Chunk chunk;
                        while (!local.isCancelled() && (chunk = queue.poll()) != null) {
                            copy(
                                    connection,
                                    chunk,
                                    binary,
                                    states.get(chunk.table().name()),
                                    local);
                        }
                    } catch (Exception e) {
                        if (failure.compareAndSet(null, e)) {
                            local.cancel();
                        }
                    } finally {
                        finished.countDown();
                    }
                });
            }
            while (!awaitQuietly(finished)) {
                long done =
                        states.values().stream().mapToLong(t -> t.rows.get()).sum();
                progress.report(Progress.of(describe(states), done, expected));
            }
            long done = states.values().stream().mapToLong(t -> t.rows.get()).sum();
            progress.report(Progress.of(describe(states), done, Math.max(done, expected)));
        } finally {
            pool.shutdownNow();
        }
        if (outer.isCancelled()) {
            throw new CancelledException();
        }
        Exception error = failure.get();
        if (error instanceof SQLException sql) {
            throw sql;
        }
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error != null) {
            throw new MigLabException("Loading generated rows failed: " + error.getMessage(), error);
        }
        List<TableLoad> loads = new ArrayList<>();
        states.forEach((name, state) -> loads.add(new TableLoad(
                name, state.rows.get(), Duration.ofNanos(Math.max(0, state.lastEnd.get() - state.firstStart.get())))));
        loads.sort(Comparator.comparingLong(TableLoad::rows).reversed());
        return loads;
    }

    private static boolean awaitQuietly(CountDownLatch finished) {
        try {
            return finished.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    private static String describe(Map<String, TableState> states) {
        StringBuilder text = new StringBuilder("Copying");
        states.forEach((name, state) -> {
            long rows = state.rows.get();
            if (rows > 0 && text.length() < 160) {
                text.append(' ').append(name).append(' ').append(rows).append(',');
            }
        });
        return text.charAt(text.length() - 1) == ',' ? text.substring(0, text.length() - 1) : text.toString();
    }

    private static void copy(
            Connection connection, Chunk chunk, boolean binary, TableState state, Cancellation cancellation)
            throws SQLException, IOException {
        long start = System.nanoTime();
        state.firstStart.accumulateAndGet(start, Math::min);
        CopyIn copyIn = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(chunk.table().copySql(binary));
        try {
            CopyBuffer.Sink sink = (bytes, length) -> {
                try {
                    copyIn.writeToCopy(bytes, 0, length);
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            };
            CopyRows out = binary && chunk.table().binary()
                    ? new BinaryCopyBuffer(sink, chunk.table().columnCount(), state.rows::addAndGet)
                    : new CopyBuffer(sink, state.rows::addAndGet);
            chunk.table().writer().write(chunk.model(), chunk.from(), chunk.to(), out, cancellation);
            out.finish();
            long rows = copyIn.endCopy();
            LOG.debug("{} [{}, {}): {} rows", chunk.table().name(), chunk.from(), chunk.to(), rows);
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
        state.lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            LOG.debug("cancel: {}", e.getMessage());
        }
    }
}
