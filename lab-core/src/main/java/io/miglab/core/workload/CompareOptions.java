package io.miglab.core.workload;

/**
 * How two baselines are compared.
 *
 * @param resamples bootstrap resamples (2000 keeps the 2.5 % and 97.5 % quantiles stable to about 1 %)
 * @param seed the random seed: the same inputs always give the same interval
 * @param confidence the two-sided confidence level, 0.95 for a 95 % interval
 * @param noiseThreshold a verdict needs the whole interval beyond this band around 1 (0.05: below 1/1.05 or above
 *     1.05): repeated runs on a busy machine drift by a few per cent, and large samples make even that drift
 *     "significant". See docs/decisions/0004-compare-verdict-noise-threshold.md.
 * @param minSamples fewer successful executions than this on either side gives {@link Verdict#INSUFFICIENT_DATA}
 * @param maxSamples larger sides are thinned (every k-th value) to this many before resampling, to bound the time
 * @param blocks each side is cut into this many consecutive blocks (at most 64), which are resampled whole, so
 *     drift within a run widens the interval instead of being mistaken for a change; a side that ran on 8 or more
 *     connections uses its connections as the blocks instead. 1 means the classic bootstrap of single latencies.
 */
public record CompareOptions(
        int resamples,
        long seed,
        double confidence,
        double noiseThreshold,
        int minSamples,
        int maxSamples,
        int blocks) {

    public CompareOptions {
        if (resamples < 100) {
            throw new IllegalArgumentException("At least 100 bootstrap resamples are needed");
        }
        if (confidence <= 0.5 || confidence >= 1) {
            throw new IllegalArgumentException("The confidence level must be between 0.5 and 1");
        }
        if (noiseThreshold < 0 || noiseThreshold >= 1) {
            throw new IllegalArgumentException("The noise threshold must be in [0, 1)");
        }
        if (minSamples < 2 || maxSamples < minSamples) {
            throw new IllegalArgumentException("Need 2 <= minSamples <= maxSamples");
        }
        if (blocks < 1 || blocks > Bootstrap.MAX_BLOCKS) {
            throw new IllegalArgumentException("Blocks must be from 1 to " + Bootstrap.MAX_BLOCKS);
        }
    }

    public static CompareOptions defaults() {
        return new CompareOptions(2000, 20261121L, 0.95, 0.05, 20, 100_000, 20);
    }

    /** 1 means the classic bootstrap of independent latencies, ignoring blocks and connections. */
    public CompareOptions withBlocks(int count) {
        return new CompareOptions(resamples, seed, confidence, noiseThreshold, minSamples, maxSamples, count);
    }

    public CompareOptions withNoiseThreshold(double threshold) {
        return new CompareOptions(resamples, seed, confidence, threshold, minSamples, maxSamples, blocks);
    }
}
