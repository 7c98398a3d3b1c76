package io.miglab.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A process source and a database-statistics source read as one: the processes' containers with the server's
 * activity beside them. The statistics are the extra: when they fail the poll keeps the processes and says why.
 */
final class CombinedSource implements MetricSource {
    private final MetricSource processes;
    private final MetricSource statistics;

    CombinedSource(MetricSource processes, MetricSource statistics) {
        this.processes = processes;
        this.statistics = statistics;
    }

    @Override
    public String describe() {
        return processes.describe();
    }

    @Override
    public MetricsSnapshot poll() {
        MetricsSnapshot usage = processes.poll();
        List<String> notes = new ArrayList<>(usage.notes());
        DatabaseActivity database = null;
        try {
            MetricsSnapshot stats = statistics.poll();
            database = stats.database();
            notes.addAll(stats.notes());
        } catch (MetricsUnavailableException e) {
            notes.add(e.getMessage());
        }
        return new MetricsSnapshot(usage.source(), usage.at(), usage.containers(), database, notes);
    }

    @Override
    public void close() {
        try (statistics) {
            processes.close();
        }
    }
}
