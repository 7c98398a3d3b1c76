package io.miglab.core.ledger;

import java.time.Instant;

/**
 * A file an experiment produced (a plan JSON, raw latencies as CSV, a chart PNG). Small artifacts live in the
 * ledger as blobs; large ones stay on disk and the ledger keeps their path.
 */
public record Artifact(
        long id, long experimentId, String name, String mediaType, long sizeBytes, String path, Instant createdAt) {

    public boolean storedInLedger() {
        return path == null;
    }
}
