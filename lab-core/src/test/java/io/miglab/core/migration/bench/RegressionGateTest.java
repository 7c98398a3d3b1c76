package io.miglab.core.migration.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.migration.bench.BenchResult.FileResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's judgement on made-up timings, where the right answer is known. */
class RegressionGateTest {

    private static BenchResult now(Map<String, List<Double>> seconds) {
        List<FileResult> files = new ArrayList<>();
        seconds.forEach((file, s) ->
                files.add(new FileResult(file, "h", null, 0, List.of(), List.of(), s, List.of(), false, null)));
        return new BenchResult(
                1,
                "set",
                "sequential",
                false,
                "k",
                null,
                files,
                List.of(),
                List.of(),
                List.of(),
                List.of(1.0),
                null,
                List.of(),
                null);
    }

    private static Map<String, List<Double>> baseline() {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        m.put("V1__a.sql", List.of(0.50, 0.52, 0.49));
        m.put("V2__b.sql", List.of(0.30, 0.31, 0.29));
        m.put("V3__c.sql", List.of(0.80, 0.82, 0.79));
        m.put("V4__tiny.sql", List.of(0.003, 0.003, 0.003));
        m.put("V5__d.sql", List.of(0.20, 0.21, 0.19));
        m.put("V6__e.sql", List.of(0.10, 0.11, 0.10));
        return m;
    }

    @Test
    void aFileSlowedWellBeyondItsNoiseFailsAndTheOthersPass() {
        Map<String, List<Double>> m = baseline();
        m.put("V2__b.sql", List.of(0.61, 0.60, 0.62));

        BenchResult r = MigrationBench.gate(now(m), new MigrationBench.Earlier(7, baseline()), 0.20);

        assertThat(r.gate().regressed()).containsExactly("V2__b.sql");
        assertThat(r.gate().drift()).isEqualTo(1.0);
        assertThat(r.files().get(1).vsEarlier().ratio()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void aTinyFileTwiceAsSlowIsBelowTheNoiseFloor() {
        Map<String, List<Double>> m = baseline();
        m.put("V4__tiny.sql", List.of(0.007, 0.007, 0.007));

        BenchResult r = MigrationBench.gate(now(m), new MigrationBench.Earlier(7, baseline()), 0.20);

        assertThat(r.gate().passed()).isTrue();
        assertThat(r.files().get(3).vsEarlier().low()).isGreaterThan(1.2);
    }

    @Test
    void aMachineSlowerForEveryFileIsDriftNotARegression() {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        baseline().forEach((f, s) -> m.put(f, s.stream().map(x -> x * 1.6).toList()));

        BenchResult r = MigrationBench.gate(now(m), new MigrationBench.Earlier(7, baseline()), 0.20);

        assertThat(r.gate().passed()).isTrue();
        assertThat(r.gate().drift()).isCloseTo(1.6, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aSlowerFileWithinItsOwnNoisePasses() {
        Map<String, List<Double>> before = baseline();
        before.put("V1__a.sql", List.of(0.40, 0.90, 0.45));
        Map<String, List<Double>> m = baseline();
        m.put("V1__a.sql", List.of(0.50, 0.95, 0.70));

        BenchResult r = MigrationBench.gate(now(m), new MigrationBench.Earlier(7, before), 0.20);

        assertThat(r.gate().passed()).isTrue();
        assertThat(r.files().get(0).vsEarlier().ratio()).isGreaterThan(1.2);
    }

    @Test
    void fewerThanFiveFilesAboveTheNoiseFloorGiveNoDrift() {
        Map<String, List<Double>> before = new LinkedHashMap<>();
        before.put("V1__create.sql", List.of(0.010, 0.012, 0.011));
        before.put("V2__fill.sql", List.of(0.08, 0.17, 0.08));
        before.put("V3__index.sql", List.of(0.025, 0.022, 0.030));
        before.put("V4__other.sql", List.of(0.004, 0.003, 0.009));
        Map<String, List<Double>> m = new LinkedHashMap<>();
        m.put("V1__create.sql", List.of(0.030, 0.011, 0.040));
        m.put("V2__fill.sql", List.of(0.33, 0.34, 0.40));
        m.put("V3__index.sql", List.of(0.026, 0.080, 0.020));
        m.put("V4__other.sql", List.of(0.010, 0.012, 0.030));

        BenchResult r = MigrationBench.gate(now(m), new MigrationBench.Earlier(7, before), 0.20);

        assertThat(r.gate().drift()).isEqualTo(1.0);
        assertThat(r.gate().regressed()).containsExactly("V2__fill.sql");
    }

    @Test
    void aFileTheEarlierRunDidNotHaveIsListedAsNew() {
        Map<String, List<Double>> m = baseline();
        m.put("V5__new.sql", List.of(1.0, 1.0, 1.0));

        BenchResult r = MigrationBench.gate(now(m), new MigrationBench.Earlier(7, baseline()), 0.20);

        assertThat(r.gate().unmatched()).containsExactly("V5__new.sql");
        assertThat(r.gate().passed()).isTrue();
    }
}
