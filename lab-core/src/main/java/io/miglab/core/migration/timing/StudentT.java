package io.miglab.core.migration.timing;

import org.apache.commons.math3.distribution.TDistribution;

/** Student's t quantiles for the intervals, from commons-math3 rather than a table of our own. */
final class StudentT {
    private StudentT() {}

    /** The two-sided {@code level} quantile with {@code df} degrees of freedom: 12.706 for 0.95 and 1 df. */
    static double twoSided(double level, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("t quantile needs at least 1 degree of freedom, not " + df);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("t quantile level must be in (0, 1), not " + level);
        }
        // No random generator: only the quantile is used, and building one costs more than the quantile.
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + level / 2);
    }
}
