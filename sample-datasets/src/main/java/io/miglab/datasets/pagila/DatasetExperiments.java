package io.miglab.datasets.pagila;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.target.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The dataset operations as experiments in the ledger, so the CLI and the app record them the same way: each one
 * begins an experiment, records its figures, and ends it succeeded, failed or cancelled.
 */
public final class DatasetExperiments {
    public static final String KIND = "dataset";
    public static final String BENCH_KIND = "bench-dataset";

    private final Ledger ledger;

    public DatasetExperiments(Ledger ledger) {
        this.ledger = ledger;
    }

    /** {@link PagilaImporter#importFrom}, recorded. */
    public PagilaImport importOfficial(
            String targetName,
            ConnectionFactory connections,
            Path folder,
            String database,
            boolean replace,
            ProgressListener progress,
            Cancellation cancellation) {
        ObjectNode params = Json.mapper()
                .createObjectNode()
                .put("folder", folder.toString())
                .put("database", database)
                .put("replace", replace);
        try (ExperimentRun run = ledger.begin(
                KIND,
                "Import official Pagila into " + database,
                new TargetFingerprint(targetName, null, null, "pagila@official"),
                params)) {
            try {
                PagilaImport result =
                        new PagilaImporter(connections).importFrom(folder, database, replace, progress, cancellation);
                run.measure("elapsed", result.elapsed().toNanos() / 1e9, "s");
                run.measure("rows", result.rowsCopied(), "rows");
                run.succeed();
                return result;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /** {@link PagilaGenerator#generate}, recorded. */
    public PagilaGeneration generate(
            String targetName,
            ConnectionFactory connections,
            GenerateOptions options,
            ProgressListener progress,
            Cancellation cancellation) {
        ObjectNode params = Json.mapper()
                .createObjectNode()
                .put("scale", options.scale())
                .put("seed", options.seed())
                .put("database", options.database())
                .put("parallelism", options.parallelism())
                .put("replace", options.replace());
        try (ExperimentRun run = ledger.begin(
                KIND,
                "Generate Pagila scale " + options.scale() + " into " + options.database(),
                new TargetFingerprint(targetName, null, null, "pagila@" + options.scale()),
                params)) {
            try {
                PagilaGeneration result = new PagilaGenerator(connections).generate(options, progress, cancellation);
                run.measure("rows", result.totalRows(), "rows");
                run.measure("copy rows/s", result.dataRowsPerSecond(), "rows/s");
                run.measure("elapsed", result.total().toNanos() / 1e9, "s");
                run.succeed();
                return result;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /** {@link DatasetBenchmark#run}, recorded with its printed figures attached. */
    public DatasetBenchmarkResult benchmark(
            String targetName,
            ConnectionFactory connections,
            String psqlCommand,
            int scale,
            int parallelism,
            int rounds,
            ProgressListener progress,
            Cancellation cancellation) {
        ObjectNode params = Json.mapper()
                .createObjectNode()
                .put("scale", scale)
                .put("parallelism", parallelism)
                .put("rounds", rounds);
        try (ExperimentRun run = ledger.begin(
                BENCH_KIND,
                "Pagila generator vs psql \\copy, scale " + scale,
                new TargetFingerprint(targetName, null, null, "pagila@" + scale),
                params)) {
            try {
                DatasetBenchmarkResult result = new DatasetBenchmark(connections, psqlCommand)
                        .run(scale, parallelism, true, rounds, progress, cancellation);
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
                return result;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }
}
