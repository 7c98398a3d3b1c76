package io.miglab.core.advisor.index;

import java.util.List;

/**
 * A finished build and its experiment ({@value IndexAdvisor#BUILD_KIND}).
 *
 * @param indexes each index as built, in order
 */
public record IndexBuild(long experimentId, String target, String database, List<Built> indexes) {
    public IndexBuild {
        indexes = List.copyOf(indexes);
    }

    public List<IndexSpec> specs() {
        return indexes.stream().map(Built::index).toList();
    }

    public double totalBuildMs() {
        return indexes.stream().mapToDouble(Built::buildMs).sum();
    }

    public long totalSizeBytes() {
        return indexes.stream().mapToLong(Built::sizeBytes).sum();
    }

    /**
     * One index built.
     *
     * @param sql the statement that ran
     * @param buildMs how long CREATE INDEX CONCURRENTLY took
     * @param sizeBytes pg_relation_size of the index afterwards
     */
    public record Built(IndexSpec index, String sql, double buildMs, long sizeBytes) {}
}
