package io.miglab.core.workload;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Baselines as one feature for every caller: run a workload and record it, reopen one, list them, and compare two.
 */
public interface Baselines {

    /**
     * Runs the workload and records it as an experiment of kind {@code baseline}: failed when a statement never
     * succeeded, cancelled (with what was measured) when cancelled.
     */
    Run run(BaselineRequest request, ProgressListener progress, BaselineListener live, Cancellation cancellation);

    Run open(long experimentId);

    /** The recorded baselines, newest first, whatever their status; on one target when {@code target} is not null. */
    List<Stored> baselines(String target, int limit);

    /** The newest baseline of {@code database} on {@code target} that has figures to show. */
    Optional<Run> latest(String target, String database);

    /** How {@code after} compares with {@code before}, statement by statement. */
    Comparison compare(long before, long after, CompareOptions options);

    /**
     * A baseline and the experiment holding it.
     *
     * @param notReplayed statements of pg_stat_statements left out of a replay, and why
     */
    record Run(long experimentId, BaselineResult result, List<Workload.Skipped> notReplayed) {
        public Run {
            notReplayed = List.copyOf(notReplayed);
        }
    }

    /** A recorded baseline, for pickers and lists. */
    record Stored(
            long experimentId,
            String title,
            String target,
            String database,
            Instant startedAt,
            ExperimentStatus status,
            String error) {}
}
