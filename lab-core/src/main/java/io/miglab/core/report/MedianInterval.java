package io.miglab.core.report;

import java.util.Arrays;

/**
 * A distribution-free confidence interval of a median from order statistics: with n samples sorted, the ranks
 * n/2 -+ z sqrt(n)/2 (normal approximation of the binomial). It assumes independent samples, which latencies of one
 * run are only roughly; the A/B test's paired rounds are the stricter evidence.
 */
record MedianInterval(double median, double low, double high) {
    static final double Z95 = 1.959963984540054;

    /** Null with fewer than 6 samples, too few for a 95 % interval from ranks. */
    static MedianInterval of(long[] nanos) {
        int n = nanos.length;
        if (n < 6) {
            return null;
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        double half = Z95 * Math.sqrt(n) / 2;
        int lo = Math.max(0, (int) Math.floor(n / 2.0 - half) - 1);
        int hi = Math.min(n - 1, (int) Math.ceil(n / 2.0 + half));
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        return new MedianInterval(median / 1e6, s[lo] / 1e6, s[hi] / 1e6);
    }
}
