package io.miglab.core.migration.timing;

import java.util.Locale;

/**
 * One growth model fitted to all the measurements, with its leave-one-out error: the root mean square, over the
 * points, of ln(predicted / measured) when the point is left out of the fit. On the log scale an error of 0.1 means
 * about 10 % off whatever the size, so small and large sizes count alike. Infinite when a left-out point was
 * predicted to take no time at all (a straight line through super-linear data does that at the small end).
 */
public record ModelFit(GrowthModel model, Line line, double looError) {

    /** The model's time at {@code rows}, in seconds (may be negative for a line). */
    public double predictSeconds(double rows) {
        return model.seconds(line.predict(model.x(rows)));
    }

    /** The leave-one-out error as a relative error: 0.1 as about 10.5 %. */
    public double looRelativeError() {
        return Math.expm1(looError);
    }

    /** The leave-one-out error for people: {@code 4.2 %}, or {@code ∞} when a point was predicted at zero time. */
    public String looText() {
        if (Double.isInfinite(looError)) {
            return "\u221e";
        }
        return String.format(Locale.ROOT, "%.1f %%", 100 * looRelativeError());
    }

    /** The fitted formula with seconds and rows: {@code t = 0.12 s + 3.4e-05 s × n}, {@code t = 2.1e-09 s × n^1.95}. */
    public String formula() {
        return switch (model) {
            case LINEAR -> "t = " + number(line.intercept()) + " s + " + number(line.slope()) + " s \u00d7 n";
            case N_LOG_N -> "t = " + number(line.intercept()) + " s + " + number(line.slope()) + " s \u00d7 n ln n";
            case POWER_LAW -> "t = "
                    + number(Math.exp(line.intercept()))
                    + " s \u00d7 n^"
                    + String.format(Locale.ROOT, "%.2f", line.slope());
        };
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
