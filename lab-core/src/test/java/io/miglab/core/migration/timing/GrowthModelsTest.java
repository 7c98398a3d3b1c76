package io.miglab.core.migration.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Sizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class GrowthModelsTest {
    private static final long[] SIZES = {5_000, 10_000, 20_000, 40_000, 80_000};

    /** {@code repeats} runs at each size of {@code truth}, each off by a factor exp(N(0, sigma)), seeded. */
    private static List<Measurement> series(DoubleUnaryOperator truth, double sigma, int repeats, long seed) {
        Random random = new Random(seed);
        List<Measurement> points = new ArrayList<>();
        for (long n : SIZES) {
            for (int r = 0; r < repeats; r++) {
                points.add(Measurement.of(n, truth.applyAsDouble(n) * Math.exp(sigma * random.nextGaussian())));
            }
        }
        return points;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Test
    void exactlyLinearDataPicksLinearAndProjectsTheTruth() {
        DoubleUnaryOperator truth = n -> 2 + 0.001 * n;
        GrowthFit fit = GrowthModels.fit(series(truth, 0, 1, 1));

        assertThat(fit.chosen()).isEqualTo(GrowthModel.LINEAR);
        assertThat(fit.best().looError()).isLessThan(1e-9);
        assertThat(fit.best().line().slope()).isCloseTo(0.001, within(1e-12));
        Projection p = fit.project(1_000_000, Regime.UNKNOWN);
        assertThat(seconds(p.point())).isCloseTo(1002, within(1e-6));
        assertThat(seconds(p.low())).isLessThanOrEqualTo(1002 + 1e-6);
        assertThat(seconds(p.high())).isGreaterThanOrEqualTo(1002 - 1e-6);
    }

    @Test
    void noisyLinearDataPicksLinearAndItsPredictionIntervalContainsTheTruth() {
        DoubleUnaryOperator truth = n -> 2 + 0.001 * n;
        GrowthFit fit = GrowthModels.fit(series(truth, 0.02, 3, 7));

        assertThat(fit.chosen()).isEqualTo(GrowthModel.LINEAR);
        Projection p = fit.project(800_000, Regime.UNKNOWN);
        assertThat(seconds(p.low())).isLessThan(802).isGreaterThan(0);
        assertThat(seconds(p.high())).isGreaterThan(802);
        assertThat(seconds(p.point())).isCloseTo(802, within(802 * 0.1));
        assertThat(fit.exponentInterval().low()).isLessThan(1.0);
    }

    @Test
    void powerLawDataWithNoisePicksThePowerLawWithTheExponentInItsInterval() {
        GrowthFit fit = GrowthModels.fit(series(n -> 1e-7 * Math.pow(n, 1.8), 0.05, 3, 42));

        assertThat(fit.chosen()).isEqualTo(GrowthModel.POWER_LAW);
        Interval k = fit.exponentInterval();
        assertThat(k.contains(1.8)).isTrue();
        assertThat(k.width()).isLessThan(0.2);
        assertThat(fit.exponentText()).matches("1\\.\\d\\d \\[1\\.\\d\\d, 1\\.\\d\\d]");
        // A straight line through a curve misses the left-out ends.
        assertThat(fit.model(GrowthModel.LINEAR).looError())
                .isGreaterThan(3 * fit.model(GrowthModel.POWER_LAW).looError());
        double truth = 1e-7 * Math.pow(16_000_000, 1.8);
        Projection p = fit.project(16_000_000, Regime.UNKNOWN);
        assertThat(seconds(p.low())).isLessThan(truth);
        assertThat(seconds(p.high())).isGreaterThan(truth);
    }

    @Test
    void nLogNDataPicksNLogN() {
        GrowthFit fit = GrowthModels.fit(series(n -> 0.5 + 2e-5 * n * Math.log(n), 0, 1, 1));

        assertThat(fit.chosen()).isEqualTo(GrowthModel.N_LOG_N);
        assertThat(fit.model(GrowthModel.N_LOG_N).looError()).isLessThan(1e-9);
        assertThat(fit.model(GrowthModel.LINEAR).looError()).isGreaterThan(1e-4);
        assertThat(fit.best().formula()).startsWith("t = 0.500 s + 2.00e-05 s \u00d7 n ln n");
    }

    @Test
    void leaveOneOutPrefersTheSimplerModelOnLinearDataAndThePowerLawOnQuadraticData() {
        GrowthFit linear = GrowthModels.fit(series(n -> 0.3 + 2e-4 * n, 0.01, 2, 3));
        assertThat(linear.model(GrowthModel.LINEAR).looError())
                .isLessThan(linear.model(GrowthModel.POWER_LAW).looError());

        // Each batch scans the table: n / batch batches of n rows each, plus a constant.
        GrowthFit quadratic = GrowthModels.fit(series(n -> 0.05 + 1e-9 * n * n, 0.03, 2, 5));
        assertThat(quadratic.chosen()).isEqualTo(GrowthModel.POWER_LAW);
        // The constant lowers the apparent exponent at the small end, but it stays well above linear.
        assertThat(quadratic.exponentInterval().low()).isGreaterThan(1.3);
        // Lines fitted without the smallest size predict it to take less than no time: an infinite error.
        assertThat(quadratic.model(GrowthModel.LINEAR).looError()).isInfinite();
        assertThat(quadratic.model(GrowthModel.LINEAR).looText()).isEqualTo("\u221e");
        assertThat(quadratic.model(GrowthModel.N_LOG_N).looError())
                .isGreaterThan(quadratic.model(GrowthModel.POWER_LAW).looError());
    }

    @Test
    void intervalsMatchAnIndependentComputation() {
        // Expected figures from scipy.stats.linregress and stats.t.ppf(0.975, 3) on the same five points.
        List<Measurement> points = List.of(
                Measurement.of(1000, 0.11),
                Measurement.of(2000, 0.42),
                Measurement.of(4000, 1.9),
                Measurement.of(8000, 6.1),
                Measurement.of(16000, 27.0));
        GrowthFit fit = GrowthModels.fit(points);

        assertThat(fit.exponent()).isCloseTo(1.9738972156, within(1e-9));
        assertThat(fit.model(GrowthModel.POWER_LAW).line().slopeStandardError()).isCloseTo(0.0392731309, within(1e-9));
        assertThat(fit.exponentInterval().low()).isCloseTo(1.8489125853, within(1e-6));
        assertThat(fit.exponentInterval().high()).isCloseTo(2.0988818459, within(1e-6));
        Projection p = fit.project(GrowthModel.POWER_LAW, 1_000_000, Regime.UNKNOWN);
        assertThat(seconds(p.point())).isCloseTo(92321.944, within(0.01));
        assertThat(seconds(p.low())).isCloseTo(43499.712, within(0.01));
        assertThat(seconds(p.high())).isCloseTo(195940.178, within(0.01));
        assertThat(p.extrapolationFactor()).isEqualTo(62.5);
    }

    @Test
    void studentQuantilesAreTheTabulatedOnes() {
        assertThat(StudentT.twoSided(0.95, 1)).isCloseTo(12.706, within(0.001));
        assertThat(StudentT.twoSided(0.95, 4)).isCloseTo(2.776, within(0.001));
        assertThat(StudentT.twoSided(0.95, 30)).isCloseTo(2.042, within(0.001));
        assertThat(StudentT.twoSided(0.99, 10)).isCloseTo(3.169, within(0.001));
        assertThatThrownBy(() -> StudentT.twoSided(0.95, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void degenerateInputFailsWithOneLineNamingTheProblem() {
        assertProblem(List.of(), "none were given");
        assertProblem(
                List.of(Measurement.of(1000, 1), Measurement.of(1000, 1.1), Measurement.of(1000, 0.9)),
                "at least 2 different sizes; every measurement is at 1000 rows");
        assertProblem(List.of(Measurement.of(1000, 1), Measurement.of(2000, 2)), "at least 3 measurements, got 2");
        assertProblem(
                List.of(Measurement.of(1000, 1), Measurement.of(2000, 0), Measurement.of(4000, 4)),
                "Measurement 2 of 3 (2000 rows) took 0.0 s; durations must be positive");
        assertProblem(
                List.of(Measurement.of(1000, 1), Measurement.of(2000, 2), Measurement.of(4000, -4)),
                "Measurement 3 of 3 (4000 rows) took -4.0 s");
        assertProblem(
                List.of(Measurement.of(1000, Double.NaN), Measurement.of(2000, 2), Measurement.of(4000, 4)),
                "Measurement 1 of 3 (1000 rows) has no duration (NaN)");
        assertProblem(
                List.of(Measurement.of(0, 1), Measurement.of(2000, 2), Measurement.of(4000, 4)),
                "Measurement 1 of 3 has 0 rows; sizes must be positive");
        GrowthFit fit = GrowthModels.fit(series(n -> n * 1e-4, 0, 1, 1));
        assertThatThrownBy(() -> fit.project(0, Regime.UNKNOWN))
                .isInstanceOf(MigLabException.class)
                .hasMessage("Production size must be a positive number of rows, not 0.");
    }

    private static void assertProblem(List<Measurement> points, String expected) {
        assertThatThrownBy(() -> GrowthModels.fit(points))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("\n");
    }

    @Test
    void verdictFlipsWhenTheUpperBoundCrossesTheWindow() {
        GrowthFit fit = GrowthModels.fit(series(n -> 1e-7 * Math.pow(n, 1.8), 0.05, 3, 42));
        Projection p = fit.project(1_000_000, Regime.UNKNOWN);
        assertThat(p.low()).isLessThan(p.point());
        assertThat(p.point()).isLessThan(p.high());

        Verdict above = Verdict.of("as written", p, 5, p.high().plusSeconds(1));
        assertThat(above.outcome()).isEqualTo(Verdict.Outcome.GO);
        assertThat(above.sentence()).startsWith("as written: " + p.text()).endsWith("window: go");

        Verdict between = Verdict.of("as written", p, 5, p.high().minusSeconds(1));
        assertThat(between.outcome()).isEqualTo(Verdict.Outcome.NO_GO);
        assertThat(between.sentence()).contains("the upper bound is over").endsWith(": no-go");

        Verdict below = Verdict.of("as written", p, 5, p.point().minusSeconds(1));
        assertThat(below.outcome()).isEqualTo(Verdict.Outcome.NO_GO);

        Verdict story = Verdict.of(
                "as written",
                new Projection(
                        GrowthModel.POWER_LAW,
                        16_000_000,
                        Duration.ofHours(11),
                        Duration.ofHours(9),
                        Duration.ofHours(14),
                        400,
                        List.of()),
                4,
                Duration.ofHours(2));
        assertThat(story.sentence()).isEqualTo("as written: 11 h [9 h, 14 h] over the 2 h window: no-go");
    }

    @Test
    void aLowerBoundClampedAtZeroReadsAsZeroSeconds() {
        Projection p = new Projection(
                GrowthModel.LINEAR,
                1_000_000,
                Duration.ofMinutes(20),
                Duration.ZERO,
                Duration.ofMinutes(59),
                800,
                List.of());
        assertThat(p.text()).isEqualTo("20 min [0 s, 59 min]");
    }

    @Test
    void tooFewSizesGiveAnUnknownVerdictNotAGuess() {
        List<Measurement> twoSizes = List.of(
                Measurement.of(1000, 1), Measurement.of(1000, 1.1), Measurement.of(2000, 2), Measurement.of(2000, 2.1));
        GrowthModels.Assessment a =
                GrowthModels.assess("as written", twoSizes, 16_000_000, Regime.UNKNOWN, Duration.ofHours(2));
        assertThat(a.verdict().outcome()).isEqualTo(Verdict.Outcome.UNKNOWN);
        assertThat(a.verdict().sentence())
                .isEqualTo("as written: measured at 2 sizes, at least 3 are needed to project: unknown");
        assertThat(a.projection()).isNull();

        GrowthModels.Assessment enough = GrowthModels.assess(
                "with the temporary index",
                series(n -> 1e-4 * n, 0.02, 1, 9),
                16_000_000,
                Regime.UNKNOWN,
                Duration.ofHours(2));
        assertThat(enough.verdict().outcome()).isEqualTo(Verdict.Outcome.GO);
        assertThat(enough.fit().distinctSizes()).isEqualTo(5);
    }

    @Test
    void warnsWhereTheProjectionLeavesTheMeasuredRegime() {
        List<Measurement> points = new ArrayList<>();
        for (long n : SIZES) {
            points.add(new Measurement(n, n * 500, 1e-4 * n)); // 500 bytes a row: 40 MB at 80k rows
        }
        GrowthFit fit = GrowthModels.fit(points);

        assertThat(fit.project(800_000, Regime.UNKNOWN).warnings()).isEmpty();
        Projection far =
                fit.project(16_000_000, new Regime(null, 128 * Sizes.MB, 24 * Sizes.GB, 2 * Sizes.GB, 64 * Sizes.MB));
        assertThat(far.extrapolationFactor()).isEqualTo(200);
        assertThat(far.warnings())
                .containsExactly(
                        "16,000,000 rows is 200x the largest measured size (80,000 rows), past the 10x the fit can"
                                + " vouch for.",
                        "The data at 16,000,000 rows (7.5 GB) is past shared_buffers (128 MB): reads that missed"
                                + " PostgreSQL's cache are not in the measurements.",
                        "The largest sort at 16,000,000 rows (2.0 GB) is past maintenance_work_mem (64.0 MB): an index"
                                + " build spills its sort to disk.");
        // Measured past shared_buffers already: that regime is in the measurements.
        Projection measured = fit.project(16_000_000, new Regime(null, 16 * Sizes.MB, null, null, null));
        assertThat(measured.warnings()).hasSize(1);
        Projection ram = fit.project(16_000_000, new Regime(100 * Sizes.GB, null, 24 * Sizes.GB, null, null));
        assertThat(ram.warnings()).anyMatch(w -> w.contains("past RAM (24.0 GB)"));
    }
}
