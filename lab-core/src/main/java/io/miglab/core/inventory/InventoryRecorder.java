package io.miglab.core.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.finding.Severity;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import java.io.IOException;

/**
 * Keeps inventories in the ledger: one experiment of kind {@value #KIND} per snapshot, the snapshot itself as the
 * JSON artifact {@value #ARTIFACT}, and a few headline numbers as measurements so the experiment list shows them.
 */
public final class InventoryRecorder {
    public static final String KIND = "inventory";
    public static final String ARTIFACT = "inventory.json";

    private final Ledger ledger;

    public InventoryRecorder(Ledger ledger) {
        this.ledger = ledger;
    }

    /** An inventory stored in the ledger. */
    public record Recorded(long experimentId, InventorySnapshot snapshot) {}

    /**
     * Begins the experiment, collects, and stores the snapshot. The experiment exists (as running) before the first
     * query, so a crash leaves it marked interrupted; a cancel leaves it cancelled; an error leaves it failed.
     */
    public Recorded collectAndRecord(
            InventoryCollector collector,
            TargetFingerprint target,
            String database,
            InventoryOptions options,
            Cancellation cancellation,
            ProgressListener progress) {
        ObjectNode parameters = Json.mapper().createObjectNode();
        parameters.put("database", database);
        parameters.put("exactRowCounts", options.exactRowCounts());
        parameters.put("topStatements", options.topStatements());
        try (ExperimentRun run = ledger.begin(KIND, title(target, database), target, parameters)) {
            try {
                InventorySnapshot snapshot = collector.collect(database, options, cancellation, progress);
                store(run, snapshot);
                run.succeed();
                return new Recorded(run.id(), snapshot);
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /** Stores a snapshot taken earlier as a finished experiment and returns its id. */
    public long record(TargetFingerprint target, InventorySnapshot snapshot) {
        ObjectNode parameters = Json.mapper().createObjectNode();
        parameters.put("database", snapshot.database());
        try (ExperimentRun run = ledger.begin(KIND, title(target, snapshot.database()), target, parameters)) {
            store(run, snapshot);
            run.succeed();
            return run.id();
        }
    }

    /** Reads back the snapshot of an inventory experiment. */
    public InventorySnapshot load(long experimentId) {
        Experiment experiment = ledger.find(experimentId)
                .orElseThrow(() -> new MigLabException("There is no experiment " + experimentId + " in the ledger."));
        if (!KIND.equals(experiment.kind())) {
            throw new MigLabException(
                    "Experiment " + experimentId + " is a " + experiment.kind() + " experiment, not an inventory.");
        }
        Artifact artifact = ledger.artifacts(experimentId).stream()
                .filter(a -> ARTIFACT.equals(a.name()))
                .findFirst()
                .orElseThrow(() -> new MigLabException("Inventory experiment " + experimentId + " has no snapshot ("
                        + experiment.status().label() + ")."));
        try {
            JsonNode json = Json.mapper().readTree(ledger.artifactContent(artifact.id()));
            if (json.path("findings").path(0).has("message")) {
                // Written before the one finding model: the facts still hold, the findings are drawn again from
                // them (with the default thresholds).
                ((ObjectNode) json).putArray("findings");
                InventorySnapshot facts = Json.mapper().treeToValue(json, InventorySnapshot.class);
                return InventoryCollector.withFindings(facts, Findings.of(facts, InventoryOptions.defaults()));
            }
            return Json.mapper().treeToValue(json, InventorySnapshot.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new MigLabException(
                    "The snapshot of inventory experiment " + experimentId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The diff of two inventory experiments, the first taken as "before". */
    public InventoryDiff diff(long before, long after) {
        return InventoryDiff.between(load(before), load(after));
    }

    private static void store(ExperimentRun run, InventorySnapshot snapshot) {
        run.attachJson(ARTIFACT, snapshot);
        long tableBytes = snapshot.tables().stream()
                .mapToLong(InventorySnapshot.Table::totalBytes)
                .sum();
        run.measure("tables", snapshot.tables().size(), "count");
        run.measure("indexes", snapshot.indexes().size(), "count");
        run.measure("tables.total_bytes", tableBytes, "bytes");
        run.measure("findings", snapshot.findings().size(), "count");
        run.measure(
                "findings.critical",
                snapshot.findings().stream()
                        .filter(f -> f.severity() == Severity.CRITICAL)
                        .count(),
                "count");
        snapshot.databases().stream()
                .filter(d -> d.name().equals(snapshot.database()) && d.sizeBytes() != null)
                .findFirst()
                .ifPresent(d -> run.measure("database.bytes", d.sizeBytes(), "bytes"));
    }

    private static String title(TargetFingerprint target, String database) {
        String on = target.targetName() == null ? "" : " of " + target.targetName();
        return "Inventory" + on + (database == null ? "" : " (" + database + ")");
    }
}
