package io.miglab.core.advisor.index;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Ranges;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import java.util.List;

/**
 * How to prove a build: the input of {@link IndexAdvisor#prove}.
 *
 * @param build the build experiment the A/B run proves (and the write run costs), or null for none
 * @param indexes the indexes of B (A runs without them)
 * @param workload the workload to measure
 * @param rounds A/B rounds per side
 * @param round how each round measures; null for {@link #defaultRound()}
 * @param measureWrites also A/B a generated write workload on the indexed tables
 */
public record IndexProveRequest(
        String target,
        String database,
        Long build,
        List<IndexSpec> indexes,
        BaselineRequest.WorkloadSource workload,
        int rounds,
        BaselineOptions round,
        boolean measureWrites) {
    public IndexProveRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to prove the indexes on.");
        }
        if (indexes == null || indexes.isEmpty()) {
            throw new MigLabException("There is no index to prove.");
        }
        if (workload == null) {
            throw new MigLabException("Choose the workload that proves the indexes.");
        }
        Ranges.require(rounds, AbRequest.MIN_ROUNDS, AbRequest.MAX_ROUNDS, "The number of rounds");
        indexes = List.copyOf(indexes);
        round = round == null ? defaultRound() : round;
        database = database == null || database.isBlank() ? null : database.strip();
    }

    /** A round of the advisor's A/B runs: 5 passes after 1 uncounted one, one client. */
    public static BaselineOptions defaultRound() {
        return BaselineOptions.defaults().withIterations(5).withWarmup(1).withStatStatements(false);
    }

    public static IndexProveRequest of(IndexBuild build, BaselineRequest.WorkloadSource workload) {
        return new IndexProveRequest(
                build.target(),
                build.database(),
                build.experimentId(),
                build.specs(),
                workload,
                AbRequest.DEFAULT_ROUNDS,
                null,
                true);
    }
}
