package io.miglab.core.workload;

/**
 * One statement in two baselines.
 *
 * <p>The medians, the ratio and its interval are null when there were too few samples for a verdict.
 *
 * @param ratio median(B) / median(A): below 1 means B is faster
 * @param ciLow lower bound of the bootstrap confidence interval of the ratio
 * @param ciHigh upper bound
 */
public record StatementComparison(
        String statement,
        long samplesA,
        long samplesB,
        Double medianAMs,
        Double medianBMs,
        Double ratio,
        Double ciLow,
        Double ciHigh,
        Verdict verdict) {}
