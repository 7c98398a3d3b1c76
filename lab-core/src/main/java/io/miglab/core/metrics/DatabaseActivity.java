package io.miglab.core.metrics;

import java.time.Instant;
import java.util.List;

/**
 * What a PostgreSQL server was doing between two polls of its statistics views: rates per second (NaN on the first
 * poll, which has nothing to subtract), the backends running a statement now, and the COPY and CREATE INDEX
 * commands in progress with how far they got.
 *
 * @param transactionsPerSecond commits and rollbacks, all databases
 * @param rowsWrittenPerSecond rows inserted, updated and deleted, all databases
 * @param walBytesPerSecond WAL written, from the insert position's advance
 */
public record DatabaseActivity(
        Instant at,
        double transactionsPerSecond,
        double rowsWrittenPerSecond,
        double walBytesPerSecond,
        double blocksReadPerSecond,
        double blocksHitPerSecond,
        int activeBackends,
        List<Progress> progress) {

    public DatabaseActivity {
        progress = List.copyOf(progress);
    }

    /** Share of block requests served from shared buffers between the two polls, 0 to 1; NaN when none. */
    public double cacheHitRatio() {
        double all = blocksReadPerSecond + blocksHitPerSecond;
        return Double.isNaN(all) || all <= 0 ? Double.NaN : blocksHitPerSecond / all;
    }

    /**
     * One command in progress, from {@code pg_stat_progress_copy} or {@code pg_stat_progress_create_index}.
     *
     * @param command "COPY FROM", "CREATE INDEX CONCURRENTLY", ...
     * @param relation the table, qualified as the server prints it (its OID when in another database)
     * @param phase the index build's phase; for COPY its direction and type ("FILE", "PIPE")
     * @param done how far it got, in {@code unit}
     * @param total how far it goes, or 0 when the server does not know (COPY from a pipe)
     * @param unit "bytes", "blocks" or "tuples"
     * @param tuples rows handled so far
     */
    public record Progress(
            String command,
            int pid,
            String database,
            String relation,
            String phase,
            long done,
            long total,
            String unit,
            long tuples) {

        /** 0 to 1, or NaN when the total is unknown. */
        public double fraction() {
            return total > 0 ? Math.min(1.0, (double) done / total) : Double.NaN;
        }
    }
}
