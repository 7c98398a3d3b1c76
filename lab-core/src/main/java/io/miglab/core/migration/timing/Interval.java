package io.miglab.core.migration.timing;

/** A confidence interval of a fitted parameter, such as the power law's exponent. */
public record Interval(double low, double high) {
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    public double width() {
        return high - low;
    }
}
