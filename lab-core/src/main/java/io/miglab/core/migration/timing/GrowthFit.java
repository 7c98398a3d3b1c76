package io.miglab.core.migration.timing;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Counts;
import io.miglab.core.units.Sizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Every growth model fitted to the same measurements, and the one leave-one-out cross-validation chose. The power
 * law's exponent is reported whichever model was chosen: it says how fast time grows (1 linear, 2 quadratic).
 */
public record GrowthFit(List<Measurement> measurements, List<ModelFit> models, GrowthModel chosen) {
    /** Confidence of the exponent's interval and of the projection's prediction interval. */
    public static final double LEVEL = 0.95;
    /** Beyond this many times the largest measured size a projection is a guess, and says so. */
    public static final double EXTRAPOLATION_LIMIT = 10;
    /** Longer than this is no duration a migration window compares with; keeps Duration from overflowing. */
    private static final double LONGEST_SECONDS = 1e12;

    public GrowthFit {
        measurements = List.copyOf(measurements);
        models = List.copyOf(models);
    }

    public ModelFit model(GrowthModel model) {
        return models.stream()
                .filter(m -> m.model() == model)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(model + " not fitted"));
    }

    public ModelFit best() {
        return model(chosen);
    }

    /** The power law's k in t = c n^k. */
    public double exponent() {
        return model(GrowthModel.POWER_LAW).line().slope();
    }

    /** The 95 % interval of k: k ± t(0.975, m - 2) × its standard error; k itself when the points fit exactly. */
    public Interval exponentInterval() {
        Line line = model(GrowthModel.POWER_LAW).line();
        double half = StudentT.twoSided(LEVEL, line.degreesOfFreedom()) * line.slopeStandardError();
        return new Interval(line.slope() - half, line.slope() + half);
    }

    /** {@code 1.95 [1.90, 2.01]}. */
    public String exponentText() {
        Interval k = exponentInterval();
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", exponent(), k.low(), k.high());
    }

    public long distinctSizes() {
        return measurements.stream().mapToLong(Measurement::rows).distinct().count();
    }

    public long largestRows() {
        return measurements.stream().mapToLong(Measurement::rows).max().orElseThrow();
    }

    /** The chosen model at {@code rows} with its 95 % prediction interval and the warnings {@code regime} calls for. */
    public Projection project(long rows, Regime regime) {
        return project(chosen, rows, regime);
    }

    /**
     * {@code model} at {@code rows}: the prediction interval for one new run, ŷ ± t(0.975, m - 2) s √(1 + 1/m +
     * (x₀ - x̄)² / Sxx), on the model's own scale (seconds for a line, ln seconds for the power law, then
     * exponentiated, so its interval is not symmetric); a lower bound below zero is shown as zero.
     */
    public Projection project(GrowthModel model, long rows, Regime regime) {
        if (rows <= 0) {
            throw new MigLabException("Production size must be a positive number of rows, not " + rows + ".");
        }
        Line line = model(model).line();
        double x = model.x(rows);
        double y = line.predict(x);
        double half = line.predictionHalfWidth(x, StudentT.twoSided(LEVEL, line.degreesOfFreedom()));
        double factor = (double) rows / largestRows();
        return new Projection(
                model,
                rows,
                duration(model.seconds(y)),
                duration(model.seconds(y - half)),
                duration(model.seconds(y + half)),
                factor,
                warnings(rows, factor, regime == null ? Regime.UNKNOWN : regime));
    }

    private List<String> warnings(long rows, double factor, Regime regime) {
        List<String> warnings = new ArrayList<>();
        String at = Counts.format(rows) + " rows";
        if (factor > EXTRAPOLATION_LIMIT) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%s is %.0fx the largest measured size (%s rows), past the %.0fx the fit can vouch for.",
                    at,
                    factor,
                    Counts.format(largestRows()),
                    EXTRAPOLATION_LIMIT));
        }
        Measurement largest = measurements.stream()
                .max(Comparator.comparingLong(Measurement::rows))
                .orElseThrow();
        Long measuredBytes = largest.bytes() > 0 ? largest.bytes() : null;
        Long data = regime.dataBytes();
        if (data == null && measuredBytes != null) {
            data = Math.round((double) measuredBytes / largest.rows() * rows);
        }
        memory(
                warnings,
                at,
                "The data",
                data,
                measuredBytes,
                "shared_buffers",
                regime.sharedBuffers(),
                "reads that missed PostgreSQL's cache are not in the measurements");
        memory(
                warnings,
                at,
                "The data",
                data,
                measuredBytes,
                "RAM",
                regime.ram(),
                "reads from disk are not in the measurements");
        memory(
                warnings,
                at,
                "The largest sort",
                regime.sortBytes(),
                null,
                "maintenance_work_mem",
                regime.maintenanceWorkMem(),
                "an index build spills its sort to disk");
        return warnings;
    }

    /** Warns when {@code bytes} at production size is past {@code limit} and the measurements were not (or unknown). */
    private static void memory(
            List<String> warnings,
            String at,
            String what,
            Long bytes,
            Long measured,
            String limitName,
            Long limit,
            String consequence) {
        if (bytes == null || limit == null || bytes <= limit || (measured != null && measured > limit)) {
            return;
        }
        warnings.add(what + " at " + at + " (" + Sizes.format(bytes) + ") is past " + limitName + " ("
                + Sizes.format(limit) + "): " + consequence + ".");
    }

    private static Duration duration(double seconds) {
        double s = Math.min(Math.max(seconds, 0), LONGEST_SECONDS);
        long whole = (long) s;
        return Duration.ofSeconds(whole, Math.round((s - whole) * 1e9));
    }
}
