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
 * <p>Resampling works on weights, not copies: each side is sorted once, remembering each value's block; a resample
 * is a multiplicity per block, and its median is found by one weighted walk over the sorted values. That is O(n) per
 * resample with no sort, so 2000 resamples of 100,000 latencies take well under a second.
 */
final class Bootstrap {
    /** Blocks per side are at most this many (the block id lives in the low bits of a sorted long). */
    static final int MAX_BLOCKS = 64;

    private Bootstrap() {}

    /** Point estimate, lower and upper bound of median(b) / median(a). */
    record Interval(double ratio, double low, double high) {}

    /**
     * @param a latencies of side A in the order they were recorded (order defines the blocks)
     * @param blocks blocks per side; fewer when a side has fewer than 10 values per block
     */
    static Interval medianRatio(
            long[] a, long[] b, int resamples, double confidence, long seed, int maxSamples, int blocks) {
        SplittableRandom random = new SplittableRandom(seed);
        Side sa = new Side(thin(a, maxSamples), blocks);
        Side sb = new Side(thin(b, maxSamples), blocks);
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

    /** Every k-th value when there are more than {@code max}, keeping the time order that defines the blocks. */
    private static long[] thin(long[] values, int max) {
        if (values.length <= max) {
            return values;
        }
        long[] out = new long[max];
        for (int i = 0; i < max; i++) {
            out[i] = values[(int) ((long) i * values.length / max)];
        }
        return out;
    }

    /** The median of sorted values: the middle one, or the mean of the two middle ones. */
    static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    }

    /** One side: values sorted with their block ids packed into the low 6 bits. */
    private static final class Side {
        final long[] packed;
        final int blocks;
        final int[] blockSize;
        final int[] multiplicity;

        Side(long[] values, int wantedBlocks) {
            int n = values.length;
            this.blocks = Math.max(1, Math.min(Math.min(wantedBlocks, MAX_BLOCKS), n / 10));
            this.blockSize = new int[blocks];
            this.multiplicity = new int[blocks];
            this.packed = new long[n];
            for (int i = 0; i < n; i++) {
                int block = (int) ((long) i * blocks / n);
                blockSize[block]++;
                packed[i] = (values[i] << 6) | block;
            }
            Arrays.sort(packed);
        }

        double median() {
            Arrays.fill(multiplicity, 1);
            return weightedMedian(packed.length);
        }

        double resampledMedian(SplittableRandom random) {
            Arrays.fill(multiplicity, 0);
            long total = 0;
            for (int i = 0; i < blocks; i++) {
                int chosen = random.nextInt(blocks);
                multiplicity[chosen]++;
                total += blockSize[chosen];
            }
            return weightedMedian(total);
        }

        /** The median of the multiset where each value counts as often as its block was drawn. */
        private double weightedMedian(long total) {
            long lowRank = (total - 1) / 2; // 0-based ranks of the middle value(s)
            long highRank = total / 2;
            long seen = 0;
            long lowValue = -1;
            for (long p : packed) {
                seen += multiplicity[(int) (p & 63)];
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
