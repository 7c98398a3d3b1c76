package io.miglab.core.migration.timing;

import io.miglab.core.MigLabException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits linear, n log n and power-law growth to durations measured at several sizes, and chooses between them by
 * leave-one-out cross-validation on the log scale: each point is left out in turn, the model fitted to the rest
 * predicts it, and the model whose predictions were closest (root mean square of ln(predicted / measured)) wins.
 * Ties go to the simpler model (linear, then n log n, then the power law).
 */
public final class GrowthModels {
    /** A later model must beat an earlier one by more than this to be chosen, so that exact data picks the simplest. */
    private static final double TIE = 1e-9;

    private GrowthModels() {}

    /** The fit, or a one-line {@link MigLabException} naming what makes the measurements unusable. */
    public static GrowthFit fit(List<Measurement> measurements) {
        validate(measurements);
        if (measurements.size() < 3) {
            throw new MigLabException("Growth fit needs at least 3 measurements, got " + measurements.size() + ".");
        }
        if (distinctSizes(measurements) < 2) {
            throw new MigLabException("Growth fit needs at least 2 different sizes; every measurement is at "
                    + measurements.get(0).rows() + " rows.");
        }
        List<ModelFit> fits = new ArrayList<>();
        GrowthModel chosen = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (GrowthModel model : GrowthModel.values()) {
            ModelFit fit = new ModelFit(model, line(model, measurements, -1), looError(model, measurements));
            fits.add(fit);
            if (chosen == null || fit.looError() < bestError - TIE) {
                chosen = model;
                bestError = fit.looError();
            }
        }
        return new GrowthFit(measurements, fits, chosen);
    }

    /**
     * Fit, projection and verdict for one variant of a script: UNKNOWN (with no projection) when fewer than {@link
     * Verdict#MINIMUM_SIZES} sizes were measured, while values that are not durations still fail.
     */
    public static Assessment assess(
            String label, List<Measurement> measurements, long productionRows, Regime regime, Duration window) {
        validate(measurements);
        int sizes = distinctSizes(measurements);
        if (sizes < Verdict.MINIMUM_SIZES) {
            return new Assessment(label, null, null, Verdict.unknown(label, sizes));
        }
        GrowthFit fit = fit(measurements);
        Projection projection = fit.project(productionRows, regime);
        return new Assessment(label, fit, projection, Verdict.of(label, projection, sizes, window));
    }

    /** One variant's fit (null when too few sizes), projection (likewise) and verdict. */
    public record Assessment(String label, GrowthFit fit, Projection projection, Verdict verdict) {}

    private static void validate(List<Measurement> measurements) {
        if (measurements == null || measurements.isEmpty()) {
            throw new MigLabException("Growth fit needs measurements; none were given.");
        }
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            String where = "Measurement " + (i + 1) + " of " + measurements.size();
            if (m == null) {
                throw new MigLabException(where + " is missing.");
            }
            if (m.rows() <= 0) {
                throw new MigLabException(where + " has " + m.rows() + " rows; sizes must be positive.");
            }
            if (Double.isNaN(m.seconds()) || Double.isInfinite(m.seconds())) {
                throw new MigLabException(where + " (" + m.rows() + " rows) has no duration (" + m.seconds() + ").");
            }
            if (m.seconds() <= 0) {
                throw new MigLabException(String.format(
                        Locale.ROOT,
                        "%s (%d rows) took %s s; durations must be positive.",
                        where,
                        m.rows(),
                        m.seconds()));
            }
            if (m.bytes() < 0) {
                throw new MigLabException(where + " (" + m.rows() + " rows) has " + m.bytes() + " bytes.");
            }
        }
    }

    private static int distinctSizes(List<Measurement> measurements) {
        return (int)
                measurements.stream().mapToLong(Measurement::rows).distinct().count();
    }

    /** The model's line through every measurement except the one at {@code leftOut} (-1: none). */
    private static Line line(GrowthModel model, List<Measurement> measurements, int leftOut) {
        int m = measurements.size() - (leftOut >= 0 ? 1 : 0);
        double[] x = new double[m];
        double[] y = new double[m];
        int j = 0;
        for (int i = 0; i < measurements.size(); i++) {
            if (i != leftOut) {
                x[j] = model.x(measurements.get(i).rows());
                y[j] = model.y(measurements.get(i).seconds());
                j++;
            }
        }
        return Line.fit(x, y);
    }

    /**
     * Root mean square of ln(predicted / measured) over the points that can be left out (a point whose size no
     * other point shares cannot be when only one other size remains).
     */
    private static double looError(GrowthModel model, List<Measurement> measurements) {
        double sum = 0;
        int folds = 0;
        for (int i = 0; i < measurements.size(); i++) {
            final int out = i;
            long others = java.util.stream.IntStream.range(0, measurements.size())
                    .filter(k -> k != out)
                    .mapToLong(k -> measurements.get(k).rows())
                    .distinct()
                    .count();
            if (others < 2) {
                continue;
            }
            Measurement left = measurements.get(i);
            Line line = line(model, measurements, i);
            double predicted = model.seconds(line.predict(model.x(left.rows())));
            if (!(predicted > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double e = Math.log(predicted / left.seconds());
            sum += e * e;
            folds++;
        }
        return Math.sqrt(sum / folds);
    }
}
