package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.units.Ranges;
import io.miglab.core.workload.HarnessBenchmark;
import io.miglab.datasets.pagila.DatasetBenchmark;
import io.miglab.datasets.pagila.DatasetBenchmarkResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab bench ...}: MigLab measuring itself against the tools people know. */
@Command(
        name = "bench",
        description = "Benchmarks of MigLab itself, side by side with their anchors.",
        subcommands = {
            BenchCommand.Dataset.class,
            BenchCommand.Harness.class,
            BenchCommand.Indexes.class,
            BenchCommand.Validate.class,
            BenchCommand.LoadersBench.class,
            BenchCommand.ScriptTiming.class
        })
final class BenchCommand {
    @ParentCommand
    MigLabCommand root;

    @Command(
            name = "dataset",
            description = "Generate-and-load rows/s of the Pagila generator vs psql \\copy of the same rows.")
    static final class Dataset implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--scale", required = true, paramLabel = "N")
        int scale;

        @Option(names = "--target", required = true, paramLabel = "NAME")
        String target;

        @Option(names = "--parallelism", paramLabel = "P", description = "MigLab's COPY streams (default: cores).")
        Integer parallelism;

        @Option(
                names = "--rounds",
                defaultValue = "3",
                description = "Rounds; best of each side (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--psql",
                defaultValue = "psql",
                description = "The psql to compare with (default: ${DEFAULT-VALUE}).")
        String psql;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            Ranges.require(scale, 1, 10_000, "--scale");
            Ranges.require(rounds, 1, 100, "--rounds");
            if (parallelism != null) {
                Ranges.require(parallelism, 1, 64, "--parallelism");
            }
            TargetConnector connector = c.workspace().targets().connector(target);
            int streams =
                    parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
            try (ExperimentRun run = c.workspace()
                    .ledger()
                    .begin(
                            "bench-dataset",
                            "Pagila generator vs psql \\copy, scale " + scale,
                            new TargetFingerprint(target, null, null, "pagila@" + scale),
                            Json.mapper()
                                    .createObjectNode()
                                    .put("scale", scale)
                                    .put("parallelism", streams)
                                    .put("rounds", rounds))) {
                try {
                    DatasetBenchmarkResult result = new DatasetBenchmark(connector, psql)
                            .run(scale, streams, true, rounds, c.progressOnStderr(), Cancellation.none());
                    run.measure("miglab rows/s", result.miglabRowsPerSecond(), "rows/s");
                    if (result.miglabSingleStream() != null) {
                        run.measure("miglab 1 stream rows/s", result.singleStreamRowsPerSecond(), "rows/s");
                    }
                    if (result.psql() != null) {
                        run.measure("psql rows/s", result.psqlRowsPerSecond(), "rows/s");
                        run.measure("ratio", result.ratio(), "x");
                    }
                    run.attach(
                            "benchmark.txt",
                            "text/plain",
                            String.join("\n", result.lines()).getBytes(StandardCharsets.UTF_8));
                    run.succeed();
                    if (c.json()) {
                        c.printJson(result);
                    } else {
                        result.lines().forEach(c.out()::println);
                    }
                    return Cli.OK;
                } catch (RuntimeException e) {
                    run.fail(e);
                    throw e;
                }
            }
        }
    }

    @Command(
            name = "harness",
            description = "The same trivial statement through MigLab and through pgbench -c 1, side by side.")
    static final class Harness implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(
                names = "--target",
                required = true,
                paramLabel = "NAME",
                description = "The target to run on (see: miglab target list).")
        String target;

        @Option(names = "--sql", defaultValue = "SELECT 1", description = "The statement (default SELECT 1).")
        String sql;

        @Option(names = "--transactions", defaultValue = "5000", description = "Per side per round (default 5000).")
        int transactions;

        @Option(names = "--rounds", defaultValue = "11", description = "Alternating rounds (default 11).")
        int rounds;

        @Option(names = "--pgbench", defaultValue = "pgbench", description = "The pgbench executable.")
        String pgbench;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            // Checked before anything connects: the record says which number is out of range.
            HarnessBenchmark.Options options =
                    new HarnessBenchmark.Options(sql, transactions, rounds, Duration.ofMinutes(10), pgbench);
            TargetConnector connector = c.workspace().targets().connector(target);
            ConnectionSpec spec = connector.target().connection();
            HarnessBenchmark bench = new HarnessBenchmark(
                    connector,
                    new HarnessBenchmark.PgbenchTarget(
                            spec.host(), spec.port(), spec.effectiveUser(), spec.database()));
            Cancellation cancellation = new Cancellation();
            HarnessBenchmark.Result result = CliSupport.cancellableByCtrlC(
                    cancellation, () -> bench.run(options, cancellation, c.progressOnStderr()));
            if (c.json()) {
                c.printJson(result);
            } else {
                c.out().print(result.summary());
            }
            return Cli.OK;
        }
    }

    @Command(
            name = "indexes",
            description = "The index advisor's set vs the Pagila lab's optimization.sql vs no index, in A/B rounds.")
    static final class Indexes implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--target", required = true, paramLabel = "NAME", description = "A lab instance.")
        String target;

        @Option(names = "--database", defaultValue = "pagila_bench", paramLabel = "DB")
        String database;

        @Option(
                names = "--scale",
                defaultValue = "20",
                paramLabel = "N",
                description = "Generate Pagila at this scale first, replacing the database; 0 to use it as it is"
                        + " (default ${DEFAULT-VALUE}).")
        int scale;

        @Option(names = "--rounds", defaultValue = "6", description = "A/B rounds per side (default 6).")
        int rounds;

        @Option(names = "--passes", defaultValue = "5", description = "Workload passes per round (default 5).")
        int passes;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            Ranges.require(scale, 0, 10_000, "--scale");
            Ranges.require(rounds, 4, 100, "--rounds");
            Ranges.require(passes, 1, 1000, "--passes");
            Cancellation cancellation = new Cancellation();
            io.miglab.datasets.pagila.IndexAdvisorBenchmark.Result result = CliSupport.cancellableByCtrlC(
                    cancellation, () -> new io.miglab.datasets.pagila.IndexAdvisorBenchmark(c.workspace())
                            .run(target, database, scale, rounds, passes, c.progressOnStderr(), cancellation));
            if (c.json()) {
                c.printJson(result);
            } else {
                result.lines().forEach(c.out()::println);
            }
            return Cli.OK;
        }
    }

    @Command(
            name = "script-timing",
            description = "The story's data migration (publicationPeriod from free-text dates, in batches) timed as"
                    + " written and with its temporary index at several sizes, fitted and projected to production.")
    static final class ScriptTiming implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--target", required = true, paramLabel = "NAME", description = "A writable target.")
        String target;

        @Option(
                names = "--sizes",
                defaultValue = "2500,5000,10000,20000",
                split = ",",
                paramLabel = "N,N",
                description = "Rows per size (default 2500,5000,10000,20000).")
        List<Long> sizes;

        @Option(names = "--repeats", defaultValue = "3", paramLabel = "R", description = "Runs per size (default 3).")
        int repeats;

        @Option(names = "--batch-size", defaultValue = "100", paramLabel = "N", description = "Rows per batch.")
        int batchSize;

        @Option(
                names = "--production-rows",
                defaultValue = "16000000",
                paramLabel = "N",
                description = "Rows to project to (default 16000000).")
        long productionRows;

        @Option(names = "--window", defaultValue = "2h", paramLabel = "D", description = "The window (default 2h).")
        String window;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            for (long n : sizes) {
                Ranges.require(n, 1, 100_000_000L, "--sizes");
            }
            Ranges.require(repeats, 1, 20, "--repeats");
            Ranges.require(batchSize, 1, 1_000_000, "--batch-size");
            Ranges.require(productionRows, 1, 1_000_000_000_000L, "--production-rows");
            java.time.Duration w = io.miglab.core.units.Durations.parse(window, "--window");
            io.miglab.datasets.instances.ScriptTimingBenchmark bench =
                    new io.miglab.datasets.instances.ScriptTimingBenchmark(
                            c.workspace().targets().connector(target));
            Cancellation cancellation = new Cancellation();
            io.miglab.datasets.instances.ScriptTimingBenchmark.Result result = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> bench.run(
                            new io.miglab.datasets.instances.ScriptTimingBenchmark.Options(
                                    sizes, batchSize, repeats, productionRows, w, 1),
                            c.progressOnStderr(),
                            cancellation));
            if (c.json()) {
                c.printJson(result);
            } else {
                result.lines().forEach(c.out()::println);
            }
            return Cli.OK;
        }
    }

    @Command(
            name = "validate",
            description = "MigLab's checksum pass vs md5(string_agg(...)) vs count(*) on the same identical table.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--source", required = true, paramLabel = "NAME", description = "A writable target.")
        String source;

        @Option(names = "--target", required = true, paramLabel = "NAME", description = "Another writable target.")
        String target;

        @Option(names = "--database", paramLabel = "DB", description = "The source's database (default: its own).")
        String database;

        @Option(names = "--target-database", paramLabel = "DB", description = "The destination's database.")
        String targetDatabase;

        @Option(names = "--rows", defaultValue = "2000000", paramLabel = "N", description = "Rows (default 2000000).")
        long rows;

        @Option(names = "--rounds", defaultValue = "3", paramLabel = "R", description = "Rounds (default 3).")
        int rounds;

        @Option(names = "--reuse", description = "Keep the table when it already has --rows rows.")
        boolean reuse;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            Ranges.require(rows, 1, 1_000_000_000L, "--rows");
            Ranges.require(rounds, 1, 100, "--rounds");
            if (source.equals(target) && java.util.Objects.equals(database, targetDatabase)) {
                throw new io.miglab.core.MigLabException(
                        "--source and --target are the same database: give another --target or --target-database.");
            }
            io.miglab.core.validate.ValidationBenchmark bench = new io.miglab.core.validate.ValidationBenchmark(
                    c.workspace().targets().connector(source),
                    database,
                    c.workspace().targets().connector(target),
                    targetDatabase == null ? database : targetDatabase);
            Cancellation cancellation = new Cancellation();
            io.miglab.core.validate.ValidationBenchmark.Result result = CliSupport.cancellableByCtrlC(
                    cancellation, () -> bench.run(rows, rounds, reuse, c.progressOnStderr(), cancellation));
            if (c.json()) {
                c.printJson(result);
            } else {
                result.lines().forEach(c.out()::println);
            }
            return Cli.OK;
        }
    }

    @Command(
            name = "loaders",
            description = "The loader matrix on the same data, each run into a fresh destination database, side by"
                    + " side with psql \\copy and pg_restore -j as anchors.")
    static final class LoadersBench implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--from", required = true, paramLabel = "NAME", description = "The source target.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "NAME", description = "A lab destination target.")
        String to;

        @Option(names = "--database", paramLabel = "DB", description = "The source's database (default: its own).")
        String database;

        @Option(
                names = "--to-database",
                paramLabel = "DB",
                description = "The destination database, dropped and recreated per run (default: the source's name).")
        String toDatabase;

        @Option(names = "--tables", paramLabel = "T1,T2", description = "Only these tables.")
        String tables;

        @Option(
                names = "--repeats",
                defaultValue = "3",
                paramLabel = "N",
                description = "Runs per variant (default 3).")
        int repeats;

        @Option(
                names = "--loaders",
                paramLabel = "K1,K2",
                description = "Only these loaders (default: every MigLab loader; insert-row only on small data).")
        String loaders;

        @Option(names = "--workers", defaultValue = "4", paramLabel = "N", description = "pg_restore -j (default 4).")
        int workers;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            Ranges.require(repeats, 1, 20, "--repeats");
            Ranges.require(workers, 1, io.miglab.core.migrate.LoaderSettings.MAX_WORKERS, "--workers");
            java.util.List<io.miglab.core.migrate.LoaderSettings> variants = new java.util.ArrayList<>();
            for (String id : io.miglab.core.validate.ValidationRequest.split(loaders)) {
                io.miglab.core.migrate.LoaderKind kind = io.miglab.core.migrate.LoaderKind.byId(id);
                variants.add(io.miglab.core.migrate.LoaderSettings.of(kind).withWorkers(kind.parallel() ? 4 : 1));
            }
            io.miglab.core.migrate.LoadRequest request = new io.miglab.core.migrate.LoadRequest(
                    from,
                    database,
                    to,
                    toDatabase,
                    io.miglab.core.validate.ValidationRequest.split(tables),
                    io.miglab.core.migrate.LoaderSettings.of(io.miglab.core.migrate.LoaderKind.COPY_TEXT),
                    false);
            io.miglab.core.migrate.LoaderBenchmark bench =
                    new io.miglab.core.migrate.LoaderBenchmark(c.workspace().loaders());
            Cancellation cancellation = new Cancellation();
            io.miglab.core.migrate.LoaderBenchmark.Result result = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> bench.run(request, variants, repeats, workers, c.progressOnStderr(), cancellation));
            if (c.json()) {
                c.printJson(result);
            } else {
                result.lines().forEach(c.out()::println);
            }
            return Cli.OK;
        }
    }
}
