package io.miglab.core.report;

import io.miglab.core.MigLabException;
import io.miglab.core.goals.MigrationGoals;
import java.util.List;

/**
 * What to report on: experiments in the order given, then comparisons of baseline pairs, judged against the Goals
 * step's thresholds when given.
 *
 * @param title null for one made from the experiments
 * @param comparisons baseline pairs (before, after) to compare statement by statement
 * @param goals thresholds to check; {@link MigrationGoals#none()} for none
 */
public record ReportRequest(List<Long> experiments, List<Comparison> comparisons, String title, MigrationGoals goals) {

    public static final int MAX_EXPERIMENTS = 200;

    public record Comparison(long before, long after) {}

    public ReportRequest {
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
        goals = goals == null ? MigrationGoals.none() : goals;
        if (experiments.isEmpty() && comparisons.isEmpty()) {
            throw new MigLabException("A report needs at least one experiment id.");
        }
        if (experiments.size() + comparisons.size() > MAX_EXPERIMENTS) {
            throw new MigLabException("A report covers at most " + MAX_EXPERIMENTS + " experiments, not "
                    + (experiments.size() + comparisons.size()) + ".");
        }
        if (experiments.stream().distinct().count() != experiments.size()) {
            throw new MigLabException("Experiment ids in a report must differ; " + experiments + " repeats one.");
        }
    }

    public static ReportRequest of(List<Long> experiments) {
        return new ReportRequest(experiments, List.of(), null, MigrationGoals.none());
    }
}
