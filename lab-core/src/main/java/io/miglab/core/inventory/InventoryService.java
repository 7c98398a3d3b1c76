package io.miglab.core.inventory;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Inventories} on a workspace's ledger and targets. */
public final class InventoryService implements Inventories {
    private final Ledger ledger;
    private final TargetRegistry targets;

    public InventoryService(Ledger ledger, TargetRegistry targets) {
        this.ledger = ledger;
        this.targets = targets;
    }

    @Override
    public Snapshot collect(InventoryRequest request, ProgressListener progress, Cancellation cancellation) {
        TargetConnector connector = targets.connector(request.target());
        InventoryRecorder.Recorded recorded = new InventoryRecorder(ledger)
                .collectAndRecord(
                        new InventoryCollector(connector),
                        ServerFingerprint.capture(request.target(), connector, request.database()),
                        request.database(),
                        request.options(),
                        cancellation,
                        progress);
        return new Snapshot(recorded.experimentId(), recorded.snapshot());
    }

    @Override
    public Snapshot open(long experimentId) {
        return new Snapshot(experimentId, new InventoryRecorder(ledger).load(experimentId));
    }

    @Override
    public List<Stored> snapshots(String target, int limit) {
        return ledger
                .list(new ExperimentFilter(InventoryRecorder.KIND, ExperimentStatus.SUCCEEDED, target, null, limit))
                .stream()
                .map(InventoryService::stored)
                .toList();
    }

    @Override
    public Optional<Snapshot> latest(String target, String database) {
        return snapshots(target, 200).stream()
                .filter(s -> database == null || Objects.equals(database, s.database()))
                .findFirst()
                .map(s -> open(s.experimentId()));
    }

    @Override
    public InventoryDiff diff(long before, long after) {
        return new InventoryRecorder(ledger).diff(before, after);
    }

    private static Stored stored(Experiment e) {
        String database = e.parameters() != null && e.parameters().hasNonNull("database")
                ? e.parameters().get("database").asText()
                : null;
        return new Stored(
                e.id(), e.title(), e.target() == null ? null : e.target().targetName(), database, e.startedAt());
    }
}
