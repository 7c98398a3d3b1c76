package io.miglab.core.migrate;

import io.miglab.core.metrics.PodSample;
import java.time.Instant;
import java.util.List;

/**
 * What one loader run did and how long each part took.
 *
 * @param schemaFrom where the destination's DDL came from: {@code pg_dump} or {@code catalog}
 * @param phases the whole run's phases in order (schema, copy, indexes, constraints, analyze, ...)
 * @param client the loading process (MigLab itself, or pg_restore), sampled while it ran; null when not sampled
 * @param server the destination's server processes, when they are local and readable; null otherwise
 */
public record LoadReport(
        String source,
        String destination,
        String destinationDatabase,
        String destinationVersion,
        LoaderSettings settings,
        String schemaFrom,
        List<TableLoad> tables,
        List<PhaseTime> phases,
        long rows,
        long bytes,
        double seconds,
        ResourceUsage client,
        ResourceUsage server) {

    public double rowsPerSecond() {
        return seconds <= 0 ? 0 : rows / seconds;
    }

    public double megabytesPerSecond() {
        return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
    }

    /**
     * One table's share of the run.
     *
     * @param bytes the table's heap size on the source, what the copy moved
     */
    public record TableLoad(
            String table,
            long rows,
            long bytes,
            double copySeconds,
            double indexSeconds,
            double constraintSeconds,
            double analyzeSeconds) {}

    public record PhaseTime(String phase, double seconds) {}

    /**
     * CPU and memory of a group of processes over a run, from /proc.
     *
     * @param startedAt when sampling began, what each sample's {@code atSeconds} counts from (null in runs stored
     *     before it was kept)
     */
    public record ResourceUsage(
            String processes,
            Instant startedAt,
            double cpuSeconds,
            long peakMemoryBytes,
            List<ResourceSample> samples) {

        /**
         * The samples as one container's readings, so the sizing rules read a load run as they read a pod: the
         * namespace {@code local}, like the live page's local processes.
         */
        public List<PodSample> asPodSamples(String pod, String container) {
            if (startedAt == null) {
                return List.of();
            }
            String podName = pod.replaceAll("[^A-Za-z0-9._-]", "-");
            return samples.stream()
                    .map(s -> new PodSample(
                            startedAt.plusNanos((long) (s.atSeconds() * 1e9)),
                            "local",
                            podName,
                            container,
                            s.cpuMillicores(),
                            s.memoryBytes()))
                    .toList();
        }
    }

    /** One sample: seconds since the run began, CPU used over the last interval in millicores, resident memory. */
    public record ResourceSample(double atSeconds, double cpuMillicores, long memoryBytes) {}
}
