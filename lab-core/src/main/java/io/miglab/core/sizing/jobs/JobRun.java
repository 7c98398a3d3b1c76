package io.miglab.core.sizing.jobs;

import java.time.Duration;

/**
 * One run of one variant.
 *
 * @param repeat 1-based
 * @param duration status.startTime to completionTime when Kubernetes gave both, else MigLab's wall clock from create
 *     to the end it saw
 * @param failure null when the Job succeeded
 * @param peakMemoryBytes the largest working set metrics-server reported for the container, -1 without samples
 * @param cpuP95Millicores the 95th percentile of its CPU samples, NaN without samples
 */
public record JobRun(
        String variant,
        int repeat,
        String jobName,
        long experimentId,
        Duration duration,
        boolean timedByKubernetes,
        JobFailure failure,
        String failureMessage,
        int samples,
        long peakMemoryBytes,
        double cpuP95Millicores) {
    public boolean succeeded() {
        return failure == null;
    }
}
