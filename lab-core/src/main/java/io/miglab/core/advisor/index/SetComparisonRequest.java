package io.miglab.core.advisor.index;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Ranges;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import java.util.List;

/**
 * Two index sets on one workload: the input of {@link IndexAdvisor#compareSets}.
 *
 * @param referenceLabel what the reference set is ({@code optimization.sql})
 * @param reference A: the set to beat
 * @param proposedLabel what the proposed set is ({@code advisor})
 * @param proposed B: the set under test
 * @param improves the experiment both runs are evidence for (the advice), or null
 */
public record SetComparisonRequest(
        String target,
        String database,
        BaselineRequest.WorkloadSource workload,
        String referenceLabel,
        List<IndexSpec> reference,
        String proposedLabel,
        List<IndexSpec> proposed,
        int rounds,
        BaselineOptions round,
        Long improves) {
    public SetComparisonRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to compare the index sets on.");
        }
        if (workload == null) {
            throw new MigLabException("Choose the workload to compare the index sets on.");
        }
        if (reference == null || reference.isEmpty()) {
            throw new MigLabException("The reference set holds no CREATE INDEX statement.");
        }
        if (proposed == null || proposed.isEmpty()) {
            throw new MigLabException("The proposed set holds no index.");
        }
        Ranges.require(rounds, AbRequest.MIN_ROUNDS, AbRequest.MAX_ROUNDS, "The number of rounds");
        reference = List.copyOf(reference);
        proposed = List.copyOf(proposed);
        referenceLabel = referenceLabel == null || referenceLabel.isBlank() ? "reference" : referenceLabel;
        proposedLabel = proposedLabel == null || proposedLabel.isBlank() ? "advisor" : proposedLabel;
        round = round == null ? IndexProveRequest.defaultRound() : round;
        database = database == null || database.isBlank() ? null : database.strip();
    }
}
