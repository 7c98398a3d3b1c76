package io.miglab.core.migrate;

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

    /** CPU and memory of a group of processes over a run, from /proc (or the metrics engine later). */
    public record ResourceUsage(
            String processes, double cpuSeconds, long peakMemoryBytes, List<ResourceSample> samples) {}

    /** One sample: seconds since the run began, CPU used over the last interval in millicores, resident memory. */
    public record ResourceSample(double atSeconds, double cpuMillicores, long memoryBytes) {}
}
