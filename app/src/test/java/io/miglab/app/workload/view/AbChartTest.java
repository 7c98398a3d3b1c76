package io.miglab.app.workload.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The A/B chart's words and axis, without a display. */
class AbChartTest {
    private static StatementComparison row(double ratio, double low, double high, Verdict verdict) {
        return new StatementComparison("s", 50, 50, 1.0, ratio, ratio, low, high, verdict);
    }

    @Test
    void aVerdictReadsAsHowManyTimesFasterOrSlowerAndNoiseAsAPlainRatio() {
        assertThat(AbChart.valueText(row(0.125, 0.1, 0.16, Verdict.FASTER))).isEqualTo("8.00x faster [6.25, 10.00]");
        assertThat(AbChart.valueText(row(1.5, 1.2, 1.9, Verdict.SLOWER))).isEqualTo("1.50x slower [1.20, 1.90]");
        assertThat(AbChart.valueText(row(1.06, 0.98, 1.16, Verdict.NO_SIGNIFICANT_CHANGE)))
                .isEqualTo("ratio 1.06 [0.98, 1.16]");
        assertThat(AbChart.shortValueText(row(0.125, 0.1, 0.16, Verdict.FASTER)))
                .isEqualTo("8.00x faster");
    }

    @Test
    void ticksAreOneTwoFivePerDecadeAroundOneAndThinOutOnWideAxes() {
        assertThat(AbChart.ticks(Math.log10(2.2))).containsExactly(0.5, 1.0, 2.0);
        assertThat(AbChart.ticks(Math.log10(60)))
                .containsExactly(0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0);
        assertThat(AbChart.ticks(3.1)).containsExactly(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0);
        assertThat(List.of(AbChart.tickLabel(0.05), AbChart.tickLabel(1), AbChart.tickLabel(20)))
                .containsExactly("0.05", "1", "20");
    }
}
