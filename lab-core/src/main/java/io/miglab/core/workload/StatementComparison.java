package io.miglab.core.workload;

/**
 * One statement in two baselines.
 *
 * @param ratio median(B) / median(A): below 1 means B is faster
 * @param ciLow lower bound of the bootstrap confidence interval of the ratio
 * @param ciHigh upper bound
 */
public record StatementComparison(
        String statement,
        long samplesA,
        long samplesB,
        double medianAMs,
        double medianBMs,
        double ratio,
        double ciLow,
        double ciHigh,
        Verdict verdict) {}
