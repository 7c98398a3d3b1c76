package io.miglab.datasets.pagila;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.ConnectionFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how fast MigLab generates and loads the Pagila-compatible dataset, next to the anchor everybody knows:
 * {@code psql \copy} of exactly the same rows from files into the same bare tables, one table after another on one
 * connection (psql's single stream). Both sides load tables without keys or indexes, with the film full-text trigger,
 * so the figures compare the COPY phase alone; psql is not charged for writing its files, MigLab is charged for
 * generating its rows.
 *
 * <p>The files are COPY text format (tab-separated), psql's default for {@code \copy}. Every database and file the
 * benchmark creates is removed at the end. psql finds its password the usual ways (~/.pgpass, PGPASSWORD); none is
 * passed on the command line.
 */
public final class DatasetBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetBenchmark.class);

    private final ConnectionFactory connections;
    private final String psqlCommand;
    private final String databasePrefix;

    /** Uses {@code psql} from the PATH. */
    public DatasetBenchmark(ConnectionFactory connections) {
        this(connections, "psql");
    }

    public DatasetBenchmark(ConnectionFactory connections, String psqlCommand) {
        this(connections, psqlCommand, "miglab_bench_" + Long.toHexString(System.nanoTime() & 0xffffffL));
    }

    /** {@code databasePrefix} names every database the run creates (they are all dropped at the end). */
    DatasetBenchmark(ConnectionFactory connections, String psqlCommand, String databasePrefix) {
        this.connections = connections;
        this.psqlCommand = psqlCommand;
        this.databasePrefix = databasePrefix;
    }

    /**
     * Runs the benchmark at {@code scale}: one full generation for the end-to-end time, then {@code rounds} rounds of
     * the COPY phase alone, alternating MigLab ({@code parallelism} streams; with {@code singleStream} also one stream,
     * and one stream in COPY text format, byte for byte what psql sends) and psql, each into a fresh bare database after a checkpoint. Each side keeps its best round: on a shared
     * machine the best round is the one least disturbed by others.
     */
    public DatasetBenchmarkResult run(
            int scale,
            int parallelism,
            boolean singleStream,
            int rounds,
            ProgressListener progress,
            Cancellation cancellation) {
        if (!connections.writable()) {
            // It creates databases and runs psql, a program MigLab's statement gate cannot hold.
            throw new MigLabException(
                    "The dataset benchmark creates databases and runs psql; on a guarded target it needs a write"
                            + " unlock.",
                    "Run it on a lab instance, or unlock the target first.",
                    null);
        }
        String base = databasePrefix;
        PagilaGenerator generator = new PagilaGenerator(connections);
        PagilaModel model = new PagilaModel(scale, GenerateOptions.DEFAULT_SEED);
        List<String> created = new ArrayList<>(); // only these are dropped at the end
        Path folder = null;
        try {
            warmUp(cancellation);
            progress.report(Progress.indeterminate("MigLab: generating scale " + scale + " end to end"));
            PagilaGeneration full = generator.generate(
                    GenerateOptions.of(scale, base).withParallelism(parallelism), ProgressListener.NONE, cancellation);
            dropQuietly(base);

            Path script = null;
            String note = null;
            long fileBytes = 0;
            if (!onPath(psqlCommand)) {
                note = psqlCommand + " is not on the PATH";
            } else {
                progress.report(Progress.indeterminate("Writing the same rows to files for psql"));
                folder = Files.createTempDirectory("miglab-bench");
                List<String> copyCommands = new ArrayList<>();
                for (PagilaModel.Table table : model.tables()) {
                    Path file = folder.resolve(table.name() + ".tsv");
                    fileBytes += writeFile(model, table, file, cancellation);
                    copyCommands.add("\\copy public." + table.name() + " (" + table.columns() + ") FROM '"
                            + file.toAbsolutePath() + "'");
                }
                script = folder.resolve("load.sql");
                Files.write(script, copyCommands, StandardCharsets.UTF_8);
            }

            Duration best = null;
            Duration bestSingle = null;
            Duration bestText = null;
            Duration bestPsql = null;
            long rows = full.totalRows();
            for (int round = 1; round <= rounds; round++) {
                progress.report(Progress.of("Round " + round + " of " + rounds, round - 1, rounds));
                String bare = base + "_r" + round;
                best = min(best, timeCopy(generator, model, bare, parallelism, true, rows, created, cancellation));
                if (singleStream) {
                    bestSingle = min(
                            bestSingle,
                            timeCopy(generator, model, bare + "_one", 1, true, rows, created, cancellation));
                    bestText = min(
                            bestText,
                            timeCopy(generator, model, bare + "_text", 1, false, rows, created, cancellation));
                }
                if (script != null) {
                    String target = bare + "_psql";
                    createBare(generator, target, created, cancellation);
                    checkpoint();
                    bestPsql = min(bestPsql, runPsql(target, script, cancellation));
                    dropQuietly(target);
                }
            }
            return new DatasetBenchmarkResult(
                    scale, rows, parallelism, best, bestSingle, bestText, full.total(), bestPsql, fileBytes, note);
        } catch (IOException e) {
            throw new MigLabException("Benchmark failed: " + e.getMessage(), e);
        } finally {
            created.forEach(this::dropQuietly);
            deleteQuietly(folder);
        }
    }

    private static Duration min(Duration best, Duration candidate) {
        return best == null || candidate.compareTo(best) < 0 ? candidate : best;
    }

    /** The COPY phase alone into a fresh bare database, which is dropped afterwards. */
    private Duration timeCopy(
            PagilaGenerator generator,
            PagilaModel model,
            String database,
            int streams,
            boolean binary,
            long expectedRows,
            List<String> created,
            Cancellation cancellation) {
        createBare(generator, database, created, cancellation);
        checkpoint();
        long start = System.nanoTime();
        List<TableLoad> loads = generator.copyInto(model, database, streams, binary, cancellation);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        dropQuietly(database);
        long copied = loads.stream().mapToLong(TableLoad::rows).sum();
        if (copied != expectedRows) {
            throw new MigLabException("Benchmark copy loaded " + copied + " rows, expected " + expectedRows + ".");
        }
        return elapsed;
    }

    /**
     * A database with the generated schema's tables, functions and views, without keys or indexes. It joins {@code
     * created}, the databases the final clean-up drops, only once CREATE succeeded: a database of that name that was
     * already there is not ours to drop.
     */
    private void createBare(
            PagilaGenerator generator, String database, List<String> created, Cancellation cancellation) {
        try (Connection admin = connections.open();
                java.sql.Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + StagedDatabase.quote(database));
            created.add(database);
        } catch (SQLException e) {
            throw new MigLabException("Cannot create benchmark database " + database + ": " + e.getMessage(), e);
        }
        generator.createSchema(database, cancellation);
    }

    /**
     * Runs the row generators for a moment into nowhere, so the measurement sees compiled code as psql's native binary
     * does, not the JIT's first minutes.
     */
    private static void warmUp(Cancellation cancellation) throws IOException {
        PagilaModel model = new PagilaModel(5, 1);
        CopyBuffer.Sink nowhere = (bytes, length) -> {};
        for (int round = 0; round < 3; round++) {
            for (PagilaModel.Table table : model.tables()) {
                CopyRows text = new CopyBuffer(nowhere);
                table.writer().write(model, 0, table.units(), text, cancellation);
                if (table.binary()) {
                    CopyRows binary = new BinaryCopyBuffer(nowhere, table.columnCount(), rows -> {});
                    table.writer().write(model, 0, table.units(), binary, cancellation);
                }
            }
        }
    }

    /**
     * Starts every measured phase from a fresh checkpoint, so no side pays for the WAL the previous one left behind.
     * Needs a superuser or pg_checkpoint (PostgreSQL 15); without it the figures are noisier, not wrong.
     */
    private void checkpoint() {
        try (Connection admin = connections.open();
                java.sql.Statement statement = admin.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            LOG.debug("CHECKPOINT not allowed: {}", e.getMessage());
        }
    }

    private static long writeFile(PagilaModel model, PagilaModel.Table table, Path file, Cancellation cancellation)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            CopyBuffer buffer = new CopyBuffer((bytes, length) -> out.write(bytes, 0, length));
            table.writer().write(model, 0, table.units(), buffer, cancellation);
            buffer.finish();
            return buffer.bytesWritten();
        }
    }

    private Duration runPsql(String database, Path script, Cancellation cancellation) throws IOException {
        List<String> command = new ArrayList<>(List.of(psqlCommand, "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        command.addAll(List.of("-d", conninfo(database), "-f", script.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(script.resolveSibling("psql.log").toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        try (Cancellation.Registration ignored = cancellation.onCancel(process::destroy)) {
            if (!process.waitFor(1, TimeUnit.HOURS)) {
                process.destroyForcibly();
                throw new MigLabException("psql did not finish within an hour.");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        cancellation.checkpoint();
        if (process.exitValue() != 0) {
            String log = Files.readString(script.resolveSibling("psql.log"));
            throw new MigLabException("psql failed (exit " + process.exitValue() + "): " + log.strip());
        }
        return elapsed;
    }

    /**
     * A libpq connection string for {@code database} on the server the factory reaches, read from a live connection
     * (host, port, user), so the benchmark needs no settings of its own.
     */
    private String conninfo(String database) {
        try (Connection connection = connections.open(database)) {
            String url = connection.getMetaData().getURL();
            URI uri = URI.create(url.substring("jdbc:".length()));
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            return "host=" + host + " port=" + port + " user='"
                    + connection.getMetaData().getUserName() + "' dbname='" + database + "'";
        } catch (SQLException e) {
            throw new MigLabException("Cannot connect to " + database + ": " + e.getMessage(), e);
        }
    }

    private static boolean onPath(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private void dropQuietly(String database) {
        try (Connection admin = connections.open();
                java.sql.Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + StagedDatabase.quote(database) + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("Could not drop benchmark database {}: {}", database, e.getMessage());
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", folder, e.getMessage());
        }
    }
}
