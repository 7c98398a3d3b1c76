package io.miglab.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.miglab.core.MigLabException;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.sizing.SizingReport.ContainerSizing;
import io.miglab.core.sizing.SizingReport.Recommendation;
import io.miglab.core.sizing.SizingReport.Risk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules on samples whose statistics are known by construction: CPU 1..200 millicores in steps of 1 at 15 s,
 * memory 100 MiB except one peak of 300 MiB.
 */
class SizerTest {
    static final long MIB = 1024L * 1024;
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static List<PodSample> ramp(String pod, Instant start, int n) {
        List<PodSample> samples = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            samples.add(new PodSample(
                    start.plusSeconds(15L * (i - 1)), "etl", pod, "loader", i, i == n / 2 ? 300 * MIB : 100 * MIB));
        }
        return samples;
    }

    static Recommendation rule(SizingReport r, SizingRule rule) {
        return r.containers().get(0).recommendations().stream()
                .filter(x -> x.rule() == rule)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theTeamRuleIsAveragePlusTwentyPercentAndItsLimitMissesTheMemoryPeak() {
        SizingReport r = Sizer.size(ramp("load-1", T0, 200), List.of(SizingRule.TEAM), 50, Map.of());
        Recommendation team = rule(r, SizingRule.TEAM);
        // mean CPU 100.5 m x 1.2 = 120.6 -> 121m; limit 120.6 x 1.5 = 180.9 -> 181m
        assertThat(team.resources().cpuRequest()).isEqualTo(121);
        assertThat(team.resources().cpuLimit()).isEqualTo(181);
        // mean memory (199 x 100 + 300) / 200 = 101 MiB x 1.2 = 121.2 -> 122 MiB; limit x 1.5 -> 182 MiB
        assertThat(team.resources().memoryRequest()).isEqualTo(122 * MIB);
        assertThat(team.resources().memoryLimit()).isEqualTo(182 * MIB);
        assertThat(team.risks())
                .extracting(Risk::message)
                .anyMatch(m -> m.startsWith("OOM kill: the peak working set 300Mi is above"))
                .anyMatch(m -> m.startsWith("Throttling: p95 CPU 190m is above")); // p95 = 190.05 > 181
    }

    @Test
    void krrTakesTheP95AndTheMaxAndWarnsWhereItWouldRefuse() {
        SizingReport r = Sizer.size(ramp("load-1", T0, 200), List.of(SizingRule.KRR), 50, Map.of());
        Recommendation krr = rule(r, SizingRule.KRR);
        assertThat(r.containers().get(0).history().cpu().p95()).isCloseTo(190.05, within(1e-9));
        assertThat(krr.resources().cpuRequest()).isEqualTo(191);
        assertThat(krr.resources().hasCpuLimit()).isFalse();
        assertThat(krr.resources().memoryRequest()).isEqualTo(345 * MIB); // 300 x 1.15
        assertThat(krr.resources().memoryLimit()).isEqualTo(345 * MIB);
        assertThat(krr.risks())
                .singleElement()
                .extracting(Risk::message)
                .asString()
                .contains("KRR itself would refuse", "200 over 49 min");
    }

    @Test
    void vpaWidensItsBoundsOnAShortHistoryAndKeepsItsFloors() {
        SizingReport r = Sizer.size(ramp("load-1", T0, 200), List.of(SizingRule.VPA), 50, Map.of());
        Recommendation vpa = rule(r, SizingRule.VPA);
        // p90 = 180.1 x 1.15 = 207.115 -> 208m; memory p90 = 100 MiB x 1.15 = 115 MiB, below the 250 MiB floor
        assertThat(vpa.resources().cpuRequest()).isEqualTo(208);
        assertThat(vpa.resources().memoryRequest()).isEqualTo(250 * MIB);
        assertThat(vpa.resources().hasCpuLimit()).isFalse();
        // confidence = min(2985 s in days, 200 / 1440) = 0.034549; upper = p95 x (1 + 1/c) = 190.05 x 29.944
        double c = 2985 / 86400.0;
        assertThat(vpa.upperBound().cpuRequest()).isEqualTo(Math.ceil(190.05 * (1 + 1 / c)));
        assertThat(vpa.lowerBound().cpuRequest()).isEqualTo(Math.ceil(100.5 * Math.pow(1 + 0.001 / c, -2)));
        assertThat(vpa.risks()).extracting(Risk::message).anyMatch(m -> m.startsWith("Short history"));
    }

    @Test
    void vpaKeepsTodaysLimitToRequestRatio() {
        Resources today = new Resources(100, 150, 200 * MIB, 320 * MIB);
        SizingReport r = Sizer.size(ramp("load-1", T0, 200), List.of(SizingRule.VPA), 50, Map.of("loader", today));
        Recommendation vpa = rule(r, SizingRule.VPA);
        assertThat(vpa.resources().cpuLimit()).isEqualTo(Math.ceil(207.115 * 1.5));
        assertThat(vpa.resources().memoryLimit()).isEqualTo(400 * MIB); // 250 MiB x 1.6
        ContainerSizing c = r.containers().get(0);
        assertThat(c.currentRisks())
                .extracting(x -> x.level() + " " + x.message())
                .containsExactly(
                        "DANGER Throttling: p95 CPU 190m is above the current limit of 150m.",
                        "WARNING Near OOM: the peak working set 300Mi is 94 % of the current memory limit of"
                                + " 320Mi.");
    }

    @Test
    void theJobRuleSizesByThePeakOfEveryRunAndListsTheRuns() {
        List<PodSample> samples = new ArrayList<>(ramp("load-1", T0, 200));
        List<PodSample> second = ramp("load-2", T0.plusSeconds(7200), 100);
        samples.addAll(second);
        SizingReport r = Sizer.size(samples, List.of(SizingRule.JOB), 100, Map.of());
        Recommendation job = rule(r, SizingRule.JOB);
        ContainerSizing c = r.containers().get(0);
        assertThat(c.runs()).extracting(SizingReport.JobRun::pod).containsExactly("load-1", "load-2");
        assertThat(c.runs().get(0).duration().toSeconds()).isEqualTo(199 * 15);
        assertThat(c.runs().get(1).cpuP95()).isCloseTo(95.05, within(1e-9));
        // CPU used by run 2: trapezoids of 15 s over 1..100 m = 15 x (sum - (1 + 100) / 2) / 1000
        assertThat(c.runs().get(1).cpuSeconds()).isCloseTo(15 * (5050 - 50.5) / 1000, within(1e-9));
        assertThat(job.resources().memoryRequest()).isEqualTo(345 * MIB);
        assertThat(job.resources().cpuRequest()).isEqualTo(191); // the larger run's p95
        assertThat(job.resources().cpuLimit()).isEqualTo(Math.ceil(190.05 * 2));
        assertThat(job.risks()).isEmpty();
        assertThat(c.history().pods()).isEqualTo(2);
    }

    @Test
    void aTimeWindowKeepsItsSamplesAndAnEmptyOneSaysWhatTheSamplesCover() {
        List<PodSample> samples = ramp("load-1", T0, 200); // 15 s apart from T0
        assertThat(Sizings.between(samples, T0.plusSeconds(150), T0.plusSeconds(300)))
                .hasSize(10);
        assertThat(Sizings.between(samples, null, T0.plusSeconds(15))).hasSize(1);
        assertThatThrownBy(() -> Sizings.between(samples, T0.plusSeconds(86_400), null))
                .isInstanceOf(MigLabException.class)
                .hasMessage("No samples between 2026-12-02T10:00:00Z and the end; they cover 2026-12-01T10:00:00Z to"
                        + " 2026-12-01T10:49:45Z.");
        assertThatThrownBy(() -> Sizings.between(samples, T0.plusSeconds(60), T0))
                .hasMessageContaining("must come before its end");
    }

    @Test
    void absurdInputIsRefused() {
        assertThatThrownBy(() -> Sizer.size(List.of(), List.of(SizingRule.TEAM), 50, Map.of()))
                .isInstanceOf(MigLabException.class);
        assertThatThrownBy(() -> Sizer.size(ramp("p", T0, 3), List.of(SizingRule.TEAM), 300, Map.of()))
                .hasMessageContaining("50 to 100");
        assertThatThrownBy(() -> SizingRule.parse("team,magic")).hasMessageContaining("Unknown sizing rule 'magic'");
        assertThat(SizingRule.parse("all")).hasSize(4);
    }

    @Test
    void quantitiesReadAsKubernetesWritesThem() {
        assertThat(Resources.cpuQuantity(250)).isEqualTo("250m");
        assertThat(Resources.cpuQuantity(2000)).isEqualTo("2");
        assertThat(Resources.cpuQuantity(120.2)).isEqualTo("121m");
        assertThat(Resources.memoryQuantity(512 * MIB)).isEqualTo("512Mi");
        assertThat(Resources.memoryQuantity(2048 * MIB)).isEqualTo("2Gi");
        assertThat(Resources.memoryQuantity(MIB + 1)).isEqualTo("2Mi");
        assertThat(Resources.memoryQuantity(-1)).isNull();
    }
}
