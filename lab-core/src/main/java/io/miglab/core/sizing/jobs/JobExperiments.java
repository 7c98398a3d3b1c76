package io.miglab.core.sizing.jobs;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;

/**
 * Experiment Jobs on a cluster: run the user's migration Job once per variant and repeat, one after another, each
 * to its end (success, backoff limit, deadline, OOM kill, or MigLab's timeout), with pod metrics taken while it runs,
 * and compare the variants by median duration. Each run is an experiment of kind {@link #RUN_KIND} with the pod
 * samples ({@code miglab size --experiment ID} reads them); the set is one of kind {@link #MATRIX_KIND} linked to
 * them.
 */
public interface JobExperiments {
    String RUN_KIND = "k8s-job";
    String MATRIX_KIND = "k8s-job-matrix";
    String EXPERIMENT_LABEL = "miglab.io/experiment";
    String VARIANT_LABEL = "miglab.io/variant";

    /**
     * Runs the whole matrix. A cancel deletes the Job running at that moment and ends with {@link
     * io.miglab.core.CancelledException}, the experiments so far marked cancelled.
     */
    JobMatrix run(JobExperimentRequest request, ProgressListener progress, Cancellation cancellation);
}
