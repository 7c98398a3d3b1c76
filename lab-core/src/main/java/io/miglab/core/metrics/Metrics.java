package io.miglab.core.metrics;

import io.miglab.core.Cancellation;
import io.miglab.core.metrics.kubernetes.KubernetesQuery;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Live metrics as one feature: one look at a cluster's pods (kubectl top, with requests, limits and restarts), or a
 * watch that polls at an interval, hands each snapshot on, and optionally records the samples as an experiment whose
 * {@code samples.csv} the sizing rules read.
 */
public interface Metrics {
    String RECORD_KIND = "pod-metrics";

    MetricsSnapshot top(KubernetesQuery query);

    /**
     * Polls until cancelled or {@code duration} passes (null: until cancelled). A poll that fails is handed on as a
     * note and retried at the next tick; five failures in a row end the watch with the last one's message.
     *
     * @param record store the samples (each new reading once: metrics-server refreshes about every 15 s) as an
     *     experiment of kind {@link #RECORD_KIND}
     */
    Watch watch(
            KubernetesQuery query,
            Duration interval,
            Duration duration,
            boolean record,
            Consumer<MetricsSnapshot> each,
            Cancellation cancellation);

    /**
     * As the cluster watch, on any source (local processes, a test's); the watch closes it at the end.
     */
    Watch watch(
            MetricSource source,
            Duration interval,
            Duration duration,
            boolean record,
            Consumer<MetricsSnapshot> each,
            Cancellation cancellation);

    /**
     * A running lab instance's PostgreSQL processes (by role) and MigLab's own, from /proc, as a source for
     * {@link #watch(MetricSource, Duration, Duration, boolean, Consumer, Cancellation)}.
     *
     * @throws io.miglab.core.MigLabException when there is no such instance or it is not running
     */
    MetricSource labInstanceSource(String name);

    /** Refuses a polling interval under 200 ms (metrics-server refreshes every 15 s) or over an hour. */
    static void checkInterval(Duration interval) {
        if (interval == null
                || interval.compareTo(Duration.ofMillis(200)) < 0
                || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new io.miglab.core.MigLabException("The interval is from 200ms to 1h, not "
                    + (interval == null ? "none" : io.miglab.core.units.Durations.format(interval)) + ".");
        }
    }

    /** @param experimentId the recording, or -1 when not recorded */
    record Watch(long experimentId, int polls, int samples) {}
}
