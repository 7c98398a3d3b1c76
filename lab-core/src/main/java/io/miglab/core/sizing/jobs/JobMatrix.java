package io.miglab.core.sizing.jobs;

import java.util.List;

/**
 * The whole set of runs: variants ranked by median duration (those that never succeeded last), with the experiment
 * that links the runs.
 */
public record JobMatrix(long experimentId, String namespace, List<VariantResult> variants, List<JobRun> runs) {
    public JobMatrix {
        variants = List.copyOf(variants);
        runs = List.copyOf(runs);
    }
}
