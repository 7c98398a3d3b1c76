package io.miglab.core.advisor.config;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Ranges;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;

/**
 * Prove an applied configuration with an interleaved A/B test: A is the configuration before the apply, B the
 * applied one, on the same workload.
 *
 * @param applyExperiment the {@code config-apply} experiment to prove
 * @param database the database the workload runs in, or null for the target's own
 * @param round how each round measures, or null for {@link AbRequest#defaultRound()}
 */
public record ConfigProveRequest(
        long applyExperiment,
        String database,
        BaselineRequest.WorkloadSource workload,
        int rounds,
        BaselineOptions round) {
    public ConfigProveRequest {
        if (workload == null) {
            throw new MigLabException("Choose a workload to prove the settings with: a file or the bundled one.");
        }
        Ranges.require(rounds, AbRequest.MIN_ROUNDS, AbRequest.MAX_ROUNDS, "The number of rounds");
        if (round == null) {
            round = AbRequest.defaultRound();
        }
        database = database == null || database.isBlank() ? null : database.strip();
    }
}
