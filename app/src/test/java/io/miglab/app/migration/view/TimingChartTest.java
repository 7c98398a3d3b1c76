package io.miglab.app.migration.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.ViewScreenshots;
import io.miglab.core.migration.timing.GrowthModels;
import io.miglab.core.migration.timing.Measurement;
import io.miglab.core.migration.timing.Regime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The timing chart on two variants shaped like the story's: one growing as n^1.6, one about linearly; each gets its
 * runs, its model's line out to production and its interval there, and the window is drawn once.
 */
@ExtendWith(ApplicationExtension.class)
class TimingChartTest {
    TimingChart chart;

    @Start
    void start(Stage stage) {
        chart = new TimingChart();
        stage.setScene(new Scene(new StackPane(chart.node()), 900, 420));
        stage.show();
    }

    static List<Measurement> series(double exponent, double scale) {
        List<Measurement> out = new ArrayList<>();
        long[] sizes = {2_500, 5_000, 10_000, 20_000};
        for (long n : sizes) {
            for (int r = 0; r < 3; r++) {
                // A fixed wobble per repeat (±4 %), so the fit has a spread to put an interval on.
                double wobble = 1 + 0.04 * (r - 1) * (n % 3 == 0 ? 1 : -1);
                out.add(new Measurement(n, n * 1_500, scale * Math.pow(n, exponent) * wobble));
            }
        }
        return out;
    }

    @Test
    void eachVariantHasItsRunsItsLineAndItsIntervalAndTheWindowIsOneLine(FxRobot robot) {
        Duration window = Duration.ofHours(2);
        List<GrowthModels.Assessment> variants = List.of(
                GrowthModels.assess("as written", series(1.6, 2e-6), 16_000_000, Regime.UNKNOWN, window),
                GrowthModels.assess("with the temporary index", series(1.0, 2e-4), 16_000_000, Regime.UNKNOWN, window));
        robot.interact(() -> chart.show(variants, window));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(chart.seriesCount()).isEqualTo(2 * 3 + 1);
        List<XYChart.Series<Number, Number>> data = chart.node().getData();
        assertThat(data.get(0).getData()).hasSize(12);
        // The band stands at production size: log10(16M).
        assertThat(data.get(2).getData())
                .allSatisfy(d -> assertThat(d.getXValue().doubleValue())
                        .isCloseTo(Math.log10(16_000_000), org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(data.get(6).getName()).isEqualTo("window 2 h");
        // The as-written line ends higher at production than the fixed one: it grows faster.
        double asWritten = data.get(1)
                .getData()
                .get(data.get(1).getData().size() - 1)
                .getYValue()
                .doubleValue();
        double fixed = data.get(4)
                .getData()
                .get(data.get(4).getData().size() - 1)
                .getYValue()
                .doubleValue();
        assertThat(asWritten).isGreaterThan(fixed);
        ViewScreenshots.write(robot, "timing-chart-900x420.png");
    }
}
