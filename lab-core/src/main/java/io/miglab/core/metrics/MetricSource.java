package io.miglab.core.metrics;

/**
 * Where CPU and memory samples come from: the Kubernetes metrics API, local processes, or PostgreSQL's statistics.
 * One poll gives one snapshot; the caller chooses the interval. Adapters live in sub-packages.
 */
public interface MetricSource extends AutoCloseable {
    /** "cluster kind-dev, namespace etl, app=loader", for headings and experiment names. */
    String describe();

    /**
     * Reads the current usage.
     *
     * @throws MetricsUnavailableException when the source cannot answer now, with what to do about it
     */
    MetricsSnapshot poll();

    @Override
    void close();

    /** Both sources as one: the first's containers, the second's database activity (its failures become notes). */
    static MetricSource combined(MetricSource processes, MetricSource statistics) {
        return new CombinedSource(processes, statistics);
    }
}
