package io.miglab.core.workload;

/**
 * Shared-buffer hits and reads of the database during a baseline, from {@code pg_stat_database}. Approximate: it
 * counts every session of the database, and backends report their counters up to a second late.
 *
 * @param hitRatio hits / (hits + reads), null when there was no block access
 */
public record BufferDelta(long blocksHit, long blocksRead, Double hitRatio) {
    public static BufferDelta of(long hit, long read) {
        long all = hit + read;
        return new BufferDelta(hit, read, all == 0 ? null : (double) hit / all);
    }
}
