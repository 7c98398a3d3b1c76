package io.miglab.core.inventory;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import java.util.List;
import java.util.Optional;

/**
 * The catalog inventory as one feature for every caller: take a snapshot of a database and record it, reopen one,
 * list them, and diff two.
 */
public interface Inventories {

    /** Takes the snapshot and records it as an experiment of kind {@code inventory}. */
    Snapshot collect(InventoryRequest request, ProgressListener progress, Cancellation cancellation);

    Snapshot open(long experimentId);

    /** The stored snapshots, newest first; on one target when {@code target} is not null. */
    List<Stored> snapshots(String target, int limit);

    /** The newest stored snapshot of {@code database} on {@code target}, if there is one. */
    Optional<Snapshot> latest(String target, String database);

    /** What changed from {@code before} to {@code after}. */
    InventoryDiff diff(long before, long after);

    /** A snapshot and the experiment that holds it. */
    record Snapshot(long experimentId, InventorySnapshot snapshot) {}

    /** A stored snapshot, for pickers and lists. */
    record Stored(long experimentId, String title, String target, String database, java.time.Instant takenAt) {}
}
