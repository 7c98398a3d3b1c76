package io.miglab.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One measurement session as the ledger holds it.
 *
 * @param kind a stable machine name such as {@code baseline}, {@code explain}, {@code inventory}
 * @param parameters what was asked for, as JSON (never secrets)
 * @param endedAt null while running
 * @param error the user-facing reason when failed or interrupted, else null
 */
public record Experiment(
        long id,
        String kind,
        String title,
        TargetFingerprint target,
        JsonNode parameters,
        Instant startedAt,
        Instant endedAt,
        ExperimentStatus status,
        String error,
        String notes,
        List<String> tags,
        List<Measurement> measurements) {

    public Experiment {
        tags = List.copyOf(tags);
        measurements = List.copyOf(measurements);
    }

    /** Wall-clock duration, or null while the experiment is still running. */
    public Duration duration() {
        return endedAt == null ? null : Duration.between(startedAt, endedAt);
    }
}
