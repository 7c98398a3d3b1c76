package io.miglab.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    /** Log-normal latencies around {@code medianMicros}, the usual shape of query latencies. */
    private static LatencySamples samples(String statement, double medianMicros, int n, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(LatencySamples.HEADER).append('\n');
        for (int i = 0; i < n; i++) {
            long nanos = Math.round(medianMicros * 1000 * Math.exp(0.3 * random.nextGaussian()));
            csv.append(statement)
                    .append(",0,")
                    .append(i)
                    .append(',')
                    .append(nanos)
                    .append(",1\n");
        }
        return LatencySamples.fromCsv(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of());
    }

    @Test
    void aRealSpeedUpIsFasterWithAnIntervalBelowOne() {
        Comparison c = Comparison.of(
                "A", samples("q", 500, 400, 1), "B", samples("q", 100, 400, 2), CompareOptions.defaults());
        StatementComparison q = c.statements().get(0);
        assertThat(q.verdict()).isEqualTo(Verdict.FASTER);
        assertThat(q.ratio()).isBetween(0.17, 0.23);
        assertThat(q.ciLow()).isLessThan(q.ratio());
        assertThat(q.ciHigh()).isGreaterThan(q.ratio()).isLessThan(1);
        assertThat(q.verdict().label()).isEqualTo("faster");
    }

    @Test
    void aSlowDownIsSlower() {
        Comparison c = Comparison.of(
                "A", samples("q", 100, 300, 3), "B", samples("q", 130, 300, 4), CompareOptions.defaults());
        assertThat(c.statements().get(0).verdict()).isEqualTo(Verdict.SLOWER);
        assertThat(c.statements().get(0).ciLow()).isGreaterThan(1);
    }

    @Test
    void theSameDistributionTwiceIsNoSignificantChange() {
        Comparison c = Comparison.of(
                "A", samples("q", 200, 2000, 5), "B", samples("q", 200, 2000, 6), CompareOptions.defaults());
        StatementComparison q = c.statements().get(0);
        assertThat(q.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(q.ciLow()).isGreaterThan(0.95);
        assertThat(q.ciHigh()).isLessThan(1.05);
        assertThat(q.ratio()).isBetween(q.ciLow(), q.ciHigh());
    }

    @Test
    void aTinyButCertainDriftStaysBelowTheNoiseThreshold() {
        Comparison c = Comparison.of(
                "A", samples("q", 200, 50_000, 7), "B", samples("q", 204, 50_000, 8), CompareOptions.defaults());
        StatementComparison q = c.statements().get(0);
        assertThat(q.ciLow())
                .as("2 %% drift on 50k samples is statistically clear")
                .isGreaterThan(1);
        assertThat(q.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
    }

    @Test
    void driftWithinARunWidensTheIntervalInsteadOfFakingAChange() {
        // A: steady. B: the same query, but a build on the same machine came and went during the run.
        LatencySamples a = samples("q", 200, 4000, 14);
        long[] drifting = samples("q", 200, 4000, 15).latenciesNanos("q");
        for (int i = 0; i < drifting.length; i++) {
            drifting[i] = Math.round(drifting[i] * ((i / 400) % 2 == 0 ? 0.8 : 1.2));
        }
        StringBuilder csv = new StringBuilder(LatencySamples.HEADER).append('\n');
        for (int i = 0; i < drifting.length; i++) {
            csv.append("q,0,").append(i).append(',').append(drifting[i]).append(",1\n");
        }
        LatencySamples b =
                LatencySamples.fromCsv(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of());
        StatementComparison independent = Comparison.of(
                        "A", a, "B", b, CompareOptions.defaults().withBlocks(1))
                .statements()
                .get(0);
        StatementComparison blocked = Comparison.of("A", a, "B", b, CompareOptions.defaults())
                .statements()
                .get(0);
        assertThat(blocked.ciHigh() - blocked.ciLow())
                .as("blocked %s, independent %s", blocked, independent)
                .isGreaterThan(2 * (independent.ciHigh() - independent.ciLow()));
        assertThat(blocked.ciLow()).isLessThan(1);
        assertThat(blocked.ciHigh()).isGreaterThan(1);
        assertThat(blocked.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
    }

    /** Per connection a latency level of 35 or 65 microseconds, as measured on a busy 2-core machine. */
    private static LatencySamples connections(boolean[] slow, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(LatencySamples.HEADER).append('\n');
        for (int c = 0; c < slow.length; c++) {
            for (int i = 0; i < 200; i++) {
                long nanos = Math.round((slow[c] ? 65_000 : 35_000) * Math.exp(0.1 * random.nextGaussian()));
                csv.append("q,")
                        .append(c)
                        .append(',')
                        .append(i)
                        .append(',')
                        .append(nanos)
                        .append(",1\n");
            }
        }
        return LatencySamples.fromCsv(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of());
    }

    @Test
    void connectionsAreTheUnitWhenASideRanOnManyOfThem() {
        // The same query; B's connections were just unluckier with where their server processes ran.
        LatencySamples a = connections(new boolean[] {true, false, false, true, false, true, false, false}, 16);
        LatencySamples b = connections(new boolean[] {true, true, false, true, true, false, true, true}, 17);
        StatementComparison independent = Comparison.of(
                        "A", a, "B", b, CompareOptions.defaults().withBlocks(1))
                .statements()
                .get(0);
        StatementComparison clustered = Comparison.of("A", a, "B", b, CompareOptions.defaults())
                .statements()
                .get(0);
        assertThat(independent.verdict())
                .as("single latencies: %s", independent)
                .isEqualTo(Verdict.SLOWER);
        assertThat(clustered.verdict()).as("connections: %s", clustered).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(clustered.ciLow()).isLessThan(1);
    }

    @Test
    void studentQuantilesMatchTheTables() {
        assertThat(Student.normalQuantile(0.975)).isCloseTo(1.959964, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Student.quantile(0.975, 3)).isEqualTo(3.182);
        assertThat(Student.quantile(0.975, 40)).isCloseTo(2.021, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Student.quantile(0.95, 7))
                .as("one-sided 95 %%")
                .isCloseTo(1.895, org.assertj.core.data.Offset.offset(0.005));
        assertThat(Student.quantile(0.995, 10)).isCloseTo(3.169, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void pairedRoundsCancelWhatTheMachineDidMeanwhile() {
        // Eight rounds; the machine's load changes from round to round (x1 to x3) but hits A and B of a round alike.
        List<LatencySamples> a = new java.util.ArrayList<>();
        List<LatencySamples> b = new java.util.ArrayList<>();
        List<LatencySamples> faster = new java.util.ArrayList<>();
        double[] load = {1, 3, 1.5, 2.5, 1, 2, 3, 1.2};
        for (int i = 0; i < load.length; i++) {
            a.add(samples("q", 100 * load[i], 50, 100 + i));
            b.add(samples("q", 100 * load[i], 50, 200 + i));
            faster.add(samples("q", 70 * load[i], 50, 300 + i));
        }
        StatementComparison pooled = Comparison.of(
                        "A", LatencySamples.concat(a), "B", LatencySamples.concat(faster), CompareOptions.defaults())
                .statements()
                .get(0);
        StatementComparison same = Comparison.ofRounds("A", a, "B", b, CompareOptions.defaults())
                .statements()
                .get(0);
        StatementComparison paired = Comparison.ofRounds("A", a, "B", faster, CompareOptions.defaults())
                .statements()
                .get(0);
        assertThat(same.verdict()).as("same: %s", same).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(paired.verdict()).as("paired: %s", paired).isEqualTo(Verdict.FASTER);
        assertThat(paired.ratio()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.05));
        assertThat(paired.ciHigh() - paired.ciLow()).isLessThan(pooled.ciHigh() - pooled.ciLow());
        assertThat(Comparison.ofRounds("A", a.subList(0, 3), "B", b.subList(0, 3), CompareOptions.defaults())
                        .statements()
                        .get(0)
                        .verdict())
                .isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void theIntervalIsReproducibleWithTheSameSeed() {
        LatencySamples a = samples("q", 300, 500, 9);
        LatencySamples b = samples("q", 280, 500, 10);
        assertThat(Comparison.of("A", a, "B", b, CompareOptions.defaults()))
                .isEqualTo(Comparison.of("A", a, "B", b, CompareOptions.defaults()));
    }

    @Test
    void tooFewSamplesOrUnmatchedStatementsGetNoVerdict() {
        Comparison c =
                Comparison.of("A", samples("q", 100, 5, 11), "B", samples("q", 10, 5, 12), CompareOptions.defaults());
        assertThat(c.statements().get(0).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(c.statements().get(0).ratio()).isNull();
        Comparison unmatched = Comparison.of(
                "A", samples("q", 100, 50, 11), "B", samples("r", 100, 50, 12), CompareOptions.defaults());
        assertThat(unmatched.statements()).isEmpty();
        assertThat(unmatched.onlyInA()).containsExactly("q");
        assertThat(unmatched.onlyInB()).containsExactly("r");
    }

    @Test
    void resampledMediansMatchAPlainBootstrapOnSmallData() {
        long[] a = {5, 1, 4, 2, 3};
        assertThat(Bootstrap.median(new long[] {1, 2, 3, 4})).isEqualTo(2.5);
        assertThat(Bootstrap.median(new long[] {1, 2, 3, 4, 5})).isEqualTo(3.0);
        Bootstrap.Interval ci = Bootstrap.medianRatio(a, null, a, null, 1000, 0.95, 1, 100, 20);
        assertThat(ci.ratio()).isEqualTo(1.0);
        assertThat(ci.low()).isLessThanOrEqualTo(1.0);
        assertThat(ci.high()).isGreaterThanOrEqualTo(1.0);
        assertThat(new SplittableRandom(1).nextInt(5)).isBetween(0, 4);
    }

    @Test
    void samplesSurviveTheirCsvForm() {
        LatencySamples s = samples("stmt.a-1", 100, 20, 13);
        LatencySamples back = LatencySamples.fromCsv(s.toCsv(), List.of());
        assertThat(back.size()).isEqualTo(20);
        assertThat(back.latenciesNanos("stmt.a-1")).containsExactly(s.latenciesNanos("stmt.a-1"));
        assertThat(back.toCsv()).isEqualTo(s.toCsv());
    }
}
