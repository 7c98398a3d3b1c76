package io.miglab.core.inventory;

/**
 * A table bloat estimate from statistics alone, in the spirit of the well-known pgexperts / ioguix queries: the
 * pages the live rows would need if tightly packed, against the pages the table has. Cheap (no table scan, unlike
 * pgstattuple) and only as good as the last ANALYZE; the inventory reports it as an estimate.
 */
final class Bloat {
    /** Heap tuple header (23 bytes) rounded up to the 8-byte alignment. */
    private static final int TUPLE_HEADER = 24;
    /** A line pointer per tuple in the page's item array. */
    private static final int LINE_POINTER = 4;
    /** The page header. */
    private static final int PAGE_HEADER = 24;

    private Bloat() {}

    /**
     * @param rows live rows ({@code reltuples})
     * @param pages heap pages ({@code relpages}, from the same VACUUM or ANALYZE)
     * @param dataWidth the sum of the columns' average widths from {@code pg_stats}
     * @param blockSize {@code block_size}, normally 8192
     * @param fillfactor the table's fillfactor in percent
     * @return wasted bytes and wasted pages
     */
    static long[] estimate(long rows, long pages, long dataWidth, int blockSize, int fillfactor) {
        long tupleBytes = TUPLE_HEADER + align8(dataWidth) + LINE_POINTER;
        double usable = (blockSize - PAGE_HEADER) * (fillfactor / 100.0);
        long perPage = Math.max(1, (long) Math.floor(usable / tupleBytes));
        long expectedPages = (rows + perPage - 1) / perPage;
        long wastedPages = Math.max(0, pages - Math.max(1, expectedPages));
        return new long[] {wastedPages * blockSize, wastedPages};
    }

    private static long align8(long bytes) {
        return (bytes + 7) / 8 * 8;
    }
}
