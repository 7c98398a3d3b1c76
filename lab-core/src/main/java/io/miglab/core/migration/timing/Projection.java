package io.miglab.core.migration.timing;

import io.miglab.core.units.Durations;
import java.time.Duration;
import java.util.List;

/**
 * The chosen model's time at the production size with its 95 % prediction interval (for one run, so the noise of
 * a single run is in it, not only the uncertainty of the fit).
 *
 * @param rows the production row count projected to
 * @param extrapolationFactor production rows over the largest measured size
 * @param warnings where the projection leaves the measured regime, one sentence each
 */
public record Projection(
        GrowthModel model,
        long rows,
        Duration point,
        Duration low,
        Duration high,
        double extrapolationFactor,
        List<String> warnings) {
    public Projection {
        warnings = List.copyOf(warnings);
    }

    /** {@code 11 h 5 min [9 h 2 min, 14 h]}. */
    public String text() {
        return shown(point) + " [" + shown(low) + ", " + shown(high) + "]";
    }

    /** A lower bound clamped at zero reads as 0 s, not as a measured 0.000 ms. */
    private static String shown(Duration d) {
        return d.isZero() ? "0 s" : Durations.format(d);
    }
}
