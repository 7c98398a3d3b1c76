package io.miglab.core.metrics;

import java.time.Instant;
import java.util.List;

/** What one poll of a source returned: every container it saw, and notes for the reader (missing pods, windows). */
public record MetricsSnapshot(String source, Instant at, List<ContainerUsage> containers, List<String> notes) {
    public MetricsSnapshot {
        containers = List.copyOf(containers);
        notes = List.copyOf(notes);
    }
}
