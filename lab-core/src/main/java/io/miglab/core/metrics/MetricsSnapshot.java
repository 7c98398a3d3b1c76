package io.miglab.core.metrics;

import java.time.Instant;
import java.util.List;

/**
 * What one poll of a source returned: every container it saw, the database server's activity when the source reads
 * PostgreSQL's statistics (else null), and notes for the reader (missing pods, windows).
 */
public record MetricsSnapshot(
        String source, Instant at, List<ContainerUsage> containers, DatabaseActivity database, List<String> notes) {
    public MetricsSnapshot {
        containers = List.copyOf(containers);
        notes = List.copyOf(notes);
    }

    /** A snapshot of CPU and memory only. */
    public MetricsSnapshot(String source, Instant at, List<ContainerUsage> containers, List<String> notes) {
        this(source, at, containers, null, notes);
    }
}
