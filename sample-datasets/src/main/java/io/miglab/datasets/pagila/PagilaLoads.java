package io.miglab.datasets.pagila;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.targets.ServerFingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Loads Pagila (official import or generated) as an experiment of kind {@code dataset}: the CLI and the app call
 * these, so both record the same measurements (rows, time, COPY rate) and the per-table result as JSON. A failed or
 * cancelled load is recorded as such; the loaders themselves leave no half-built database behind.
 */
public final class PagilaLoads {
    public static final String KIND = "dataset";

    private final Ledger ledger;
    private final String targetName;
    private final ConnectionFactory connections;

    public PagilaLoads(Ledger ledger, String targetName, ConnectionFactory connections) {
        this.ledger = ledger;
        this.targetName = targetName;
        this.connections = connections;
    }

    /** A load's result and the experiment that holds it. */
    public record Recorded<T>(long experimentId, T result) {}

    public Recorded<PagilaImport> importOfficial(
            Path folder, String database, boolean replace, ProgressListener progress, Cancellation cancellation) {
        StagedDatabase.validateName(database); // a bad name is refused before an experiment is recorded
        ObjectNode params = Json.mapper()
                .createObjectNode()
                .put("source", "official")
                .put("folder", folder.toAbsolutePath().toString())
                .put("database", database);
        try (ExperimentRun run =
                ledger.begin(KIND, "Import official Pagila into " + database, fingerprint("pagila@official"), params)) {
            try {
                PagilaImport result = new PagilaImporter(connections)
                        .forExperiment(run.id())
                        .importFrom(folder, database, replace, progress, cancellation);
                run.measure("elapsed", result.elapsed().toNanos() / 1e9, "s");
                run.measure("rows", result.rowsCopied(), "rows");
                run.attach("tables.json", "application/json", json(result));
                run.succeed();
                return new Recorded<>(run.id(), result);
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    public Recorded<PagilaGeneration> generate(
            GenerateOptions options, ProgressListener progress, Cancellation cancellation) {
        ObjectNode params = Json.mapper()
                .createObjectNode()
                .put("source", "generated")
                .put("scale", options.scale())
                .put("seed", options.seed())
                .put("database", options.database())
                .put("parallelism", options.parallelism());
        try (ExperimentRun run = ledger.begin(
                KIND,
                "Generate Pagila scale " + options.scale() + " into " + options.database(),
                fingerprint("pagila@" + options.scale()),
                params)) {
            try {
                PagilaGeneration result = new PagilaGenerator(connections)
                        .forExperiment(run.id())
                        .generate(options, progress, cancellation);
                run.measure("rows", result.totalRows(), "rows");
                run.measure("copy rows/s", result.dataRowsPerSecond(), "rows/s");
                run.measure("elapsed", result.total().toNanos() / 1e9, "s");
                run.attach("tables.json", "application/json", json(result));
                run.succeed();
                return new Recorded<>(run.id(), result);
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /** The server the data goes to; the settings hash is left out when the server cannot be reached yet. */
    private TargetFingerprint fingerprint(String dataset) {
        try (Connection c = connections.open()) {
            return ServerFingerprint.capture(targetName, c, dataset);
        } catch (SQLException e) {
            return new TargetFingerprint(targetName, null, null, dataset);
        }
    }

    private static byte[] json(Object result) {
        try {
            return Json.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the load result as JSON", e);
        }
    }
}
