package io.miglab.core.workload;

import java.util.List;

/**
 * What pg_stat_statements counted during the measured part of a baseline (warm-up excluded), for statements of
 * this database: the server's own view of time and buffers, next to the client's latencies.
 *
 * @param hint when not available, what is missing and how to enable it
 */
public record StatStatementsDelta(boolean available, String hint, List<Entry> statements) {

    public StatStatementsDelta {
        statements = List.copyOf(statements);
    }

    public static StatStatementsDelta unavailable(String hint) {
        return new StatStatementsDelta(false, hint, List.of());
    }

    /** @param totalMs execution time inside the server */
    public record Entry(
            long queryId, String query, long calls, double totalMs, long sharedBlocksHit, long sharedBlocksRead) {}
}
