package io.miglab.core.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Block bootstrap of the ratio of two medians. Latencies of one run are not independent: a busy neighbour, a
 * checkpoint or a cache warming up slows a stretch of consecutive executions. Resampling single latencies treats
 * ten thousand of them as ten thousand independent facts and gives intervals far too narrow, so a repeated run
 * comes out "significantly" different. Instead each side is cut into consecutive blocks (stretches of time) and the
 * blocks are resampled with replacement (Künsch 1989; the cluster bootstrap); the interval is the percentile
 * interval of the resampled ratios (Efron and Tibshirani, ch. 13). With independent latencies it gives the same
 * interval as the classic bootstrap.
 *
 * <p>When a side ran on enough connections ({@value #MIN_CONNECTION_CLUSTERS} or more: several clients, or several
 * runs joined), the blocks are the connections themselves. On a busy machine a connection's latency depends on
 * where its server process is scheduled (measured here: 35 or 65 microseconds for the same {@code SELECT}, fixed
 * for the connection's life), so connections, not executions, are the independent units.
 *
 * <p>Resampling works on weights, not copies: each side is sorted once, remembering each value's block; a resample
 * is a multiplicity per block, and its median is found by one weighted walk over the sorted values. That is O(n) per
 * resample with no sort, so 2000 resamples of 100,000 latencies take well under a second.
 */
public final class Bootstrap {
    /** Blocks per side are at most this many (the block id lives in the low bits of a sorted long). */
    static final int MAX_BLOCKS = 64;
    /** Connection clusters are used as blocks from this many connections on. */
    static final int MIN_CONNECTION_CLUSTERS = 8;

    private Bootstrap() {}

    /** Point estimate, lower and upper bound of median(b) / median(a). */
    public record Interval(double ratio, double low, double high) {}

    /**
     * @param a latencies of side A in the order they were recorded (order defines the time blocks)
     * @param clientsA the connection of each value of {@code a}, or null when unknown
     * @param blocks time blocks per side; fewer when a side has fewer than 10 values per block
     */
    public static Interval medianRatio(
            long[] a,
            int[] clientsA,
            long[] b,
            int[] clientsB,
            int resamples,
            double confidence,
            long seed,
            int maxSamples,
            int blocks) {
        SplittableRandom random = new SplittableRandom(seed);
        Side sa = side(a, clientsA, maxSamples, blocks);
        Side sb = side(b, clientsB, maxSamples, blocks);
        double ratio = sb.median() / sa.median();
        double[] ratios = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            ratios[r] = sb.resampledMedian(random) / sa.resampledMedian(random);
        }
        Arrays.sort(ratios);
        double tail = (1 - confidence) / 2;
        int low = (int) Math.floor(tail * resamples);
        int high = (int) Math.ceil((1 - tail) * resamples) - 1;
        return new Interval(ratio, ratios[Math.max(0, low)], ratios[Math.min(resamples - 1, high)]);
    }

    /**
     * Thins to every k-th value when there are more than {@code max} (keeping the time order that defines the
     * blocks), then assigns blocks: connections when there are enough of them, else stretches of time.
     */
    private static Side side(long[] values, int[] clients, int max, int blocks) {
        int n = Math.min(values.length, max);
        long[] kept = new long[n];
        int[] keptClients = clients == null ? null : new int[n];
        for (int i = 0; i < n; i++) {
            int from = values.length <= max ? i : (int) ((long) i * values.length / max);
            kept[i] = values[from];
            if (clients != null) {
                keptClients[i] = clients[from];
            }
        }
        int[] block = new int[n];
        int[] distinct = keptClients == null
                ? new int[0]
                : java.util.Arrays.stream(keptClients).distinct().sorted().toArray();
        int count;
        if (blocks == 1) {
            return new Side(kept, block, 1, true);
        }
        if (distinct.length >= MIN_CONNECTION_CLUSTERS && distinct.length <= MAX_BLOCKS) {
            for (int i = 0; i < n; i++) {
                block[i] = java.util.Arrays.binarySearch(distinct, keptClients[i]);
            }
            count = distinct.length;
        } else {
            count = Math.max(1, Math.min(Math.min(blocks, MAX_BLOCKS), n / 10));
            for (int i = 0; i < n; i++) {
                block[i] = (int) ((long) i * count / n);
            }
        }
        return new Side(kept, block, count, false);
    }

    /** The median of sorted values: the middle one, or the mean of the two middle ones. */
    static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    }

    /** One side: values sorted with their block ids packed into the low 6 bits. */
    /**
     * One side: values sorted with their block ids packed into the low 6 bits. With {@code independent} every value
     * is resampled on its own (the classic bootstrap) and the block ids are ignored.
     */
    private static final class Side {
        final long[] packed;
        final int blocks;
        final boolean independent;
        final int[] blockSize;
        final int[] multiplicity;
        final int[] counts;

        Side(long[] values, int[] block, int blocks, boolean independent) {
            int n = values.length;
            this.blocks = blocks;
            this.independent = independent;
            this.blockSize = new int[blocks];
            this.multiplicity = new int[blocks];
            this.counts = independent ? new int[n] : null;
            this.packed = new long[n];
            for (int i = 0; i < n; i++) {
                blockSize[block[i]]++;
                packed[i] = (values[i] << 6) | block[i];
            }
            Arrays.sort(packed);
        }

        double median() {
            Arrays.fill(multiplicity, 1);
            return weightedMedian(packed.length, false);
        }

        double resampledMedian(SplittableRandom random) {
            int n = packed.length;
            if (independent) {
                // n draws with replacement; drawing a position of the sorted array is drawing a value.
                Arrays.fill(counts, 0);
                for (int i = 0; i < n; i++) {
                    counts[random.nextInt(n)]++;
                }
                return weightedMedian(n, true);
            }
            Arrays.fill(multiplicity, 0);
            long total = 0;
            for (int i = 0; i < blocks; i++) {
                int chosen = random.nextInt(blocks);
                multiplicity[chosen]++;
                total += blockSize[chosen];
            }
            return weightedMedian(total, false);
        }

        /** The median of the multiset where each value counts as often as it (or its block) was drawn. */
        private double weightedMedian(long total, boolean perValue) {
            long lowRank = (total - 1) / 2; // 0-based ranks of the middle value(s)
            long highRank = total / 2;
            long seen = 0;
            long lowValue = -1;
            for (int i = 0; i < packed.length; i++) {
                long p = packed[i];
                seen += perValue ? counts[i] : multiplicity[(int) (p & 63)];
                if (lowValue < 0 && seen > lowRank) {
                    lowValue = p >>> 6;
                }
                if (seen > highRank) {
                    return (lowValue + (double) (p >>> 6)) / 2;
                }
            }
            throw new IllegalStateException("multiplicities do not add up");
        }
    }
}
