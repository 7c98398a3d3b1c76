package io.miglab.core.sizing;

import java.util.Arrays;

/** Percentiles the way Prometheus computes {@code quantile_over_time}: linear interpolation between ranks. */
public final class Quantiles {
    private Quantiles() {}

    /**
     * The {@code q}-quantile of {@code values} (0 <= q <= 1): with the values sorted, rank = q x (n - 1), and the
     * result interpolates between the values at floor(rank) and floor(rank) + 1. NaN for no values; -Inf below 0 and
     * +Inf above 1, as Prometheus answers.
     */
    public static double of(double q, double[] values) {
        if (values.length == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted(q, sorted);
    }

    /** As {@link #of} on values already sorted ascending. */
    static double sorted(double q, double[] sorted) {
        double rank = q * (sorted.length - 1);
        int lower = (int) Math.max(0, Math.floor(rank));
        int upper = (int) Math.min(sorted.length - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return sorted[lower] * (1 - weight) + sorted[upper] * weight;
    }

    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    public static double max(double[] values) {
        double max = Double.NaN;
        for (double v : values) {
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        return max;
    }
}
