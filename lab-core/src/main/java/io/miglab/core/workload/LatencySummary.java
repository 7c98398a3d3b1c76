package io.miglab.core.workload;

import org.HdrHistogram.Histogram;

/**
 * The usual latency figures in milliseconds, from an HdrHistogram of nanoseconds (3 significant digits, so each
 * percentile is within 0.1 % of the exact value). All zero when nothing was measured.
 */
public record LatencySummary(
        long count, double meanMs, double minMs, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                nanos.getTotalCount(),
                nanos.getMean() / 1e6,
                nanos.getMinValue() / 1e6,
                nanos.getValueAtPercentile(50) / 1e6,
                nanos.getValueAtPercentile(95) / 1e6,
                nanos.getValueAtPercentile(99) / 1e6,
                nanos.getMaxValue() / 1e6);
    }
}
