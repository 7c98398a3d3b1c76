package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.sizing.jobs.JobFailure;
import io.miglab.core.sizing.jobs.JobMatrix;
import io.miglab.core.sizing.jobs.JobRun;
import io.miglab.core.sizing.jobs.JobVariant;
import io.miglab.core.sizing.jobs.VariantResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The results table: ranked variants, the interval of the ratio when repeated, failures by reason. */
class K8sJobsCommandTest {
    static JobRun ok(String variant, int n, int seconds) {
        return new JobRun(
                variant,
                n,
                "m-" + variant + "-" + n,
                n,
                Duration.ofSeconds(seconds),
                true,
                null,
                null,
                4,
                300L << 20,
                400);
    }

    @Test
    void printsOneRowPerVariantWithTheRatioToTheFastestAndTheFailures() throws Exception {
        JobVariant fast = JobVariant.parse("gomaxprocs-3:cpu=3,env.GOMAXPROCS=3");
        JobVariant base = JobVariant.parse("baseline");
        JobVariant tiny = JobVariant.parse("tiny:limit-memory=64Mi");
        JobRun oom = new JobRun(
                "tiny",
                1,
                "m-tiny-1",
                9,
                Duration.ofSeconds(3),
                false,
                JobFailure.OOM_KILLED,
                "pod m-tiny-1-x container loader was OOMKilled (exit 137)",
                1,
                64L << 20,
                900);
        JobMatrix m = new JobMatrix(
                7,
                "etl",
                List.of(
                        new VariantResult(
                                fast,
                                1,
                                List.of(ok("gomaxprocs-3", 1, 40), ok("gomaxprocs-3", 2, 44)),
                                List.of(Duration.ofSeconds(40), Duration.ofSeconds(44)),
                                Duration.ofSeconds(42),
                                Duration.ofSeconds(40),
                                Duration.ofSeconds(44),
                                1.0,
                                Double.NaN,
                                Double.NaN,
                                300L << 20,
                                2900,
                                List.of()),
                        new VariantResult(
                                base,
                                2,
                                List.of(ok("baseline", 1, 100), ok("baseline", 2, 110)),
                                List.of(Duration.ofSeconds(100), Duration.ofSeconds(110)),
                                Duration.ofSeconds(105),
                                Duration.ofSeconds(100),
                                Duration.ofSeconds(110),
                                2.5,
                                2.27,
                                2.75,
                                310L << 20,
                                990,
                                List.of()),
                        new VariantResult(
                                tiny,
                                3,
                                List.of(oom),
                                List.of(),
                                null,
                                null,
                                null,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                64L << 20,
                                900,
                                List.of(
                                        "run 1: OOMKilled (pod m-tiny-1-x container loader was OOMKilled (exit 137))"))),
                List.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        K8sJobsCommand.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), m);
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).startsWith("Experiment 7, namespace etl: 5 run(s)");
        assertThat(lines.get(1))
                .startsWith("variant")
                .contains("median")
                .contains("vs fastest")
                .contains("failures");
        assertThat(lines.get(3))
                .startsWith("gomaxprocs-3")
                .contains("2/2")
                .contains("42 s")
                .contains("fastest");
        assertThat(lines.get(4))
                .startsWith("baseline")
                .contains("2.50x [2.27, 2.75]")
                .contains("310Mi")
                .contains("990m");
        assertThat(lines.get(5)).startsWith("tiny").contains("0/1").endsWith("OOMKilled");
        assertThat(out).contains("tiny run 1: OOMKilled (pod m-tiny-1-x container loader was OOMKilled (exit 137))");
        // --json: valid JSON even with the NaNs of a variant that never succeeded.
        var json = io.miglab.core.Json.mapper()
                .readTree(io.miglab.core.Json.mapper().writeValueAsString(m));
        assertThat(json.path("variants").get(1).path("ratioToFastest").asDouble())
                .isEqualTo(2.5);
        assertThat(json.path("variants")
                        .get(2)
                        .path("runs")
                        .get(0)
                        .path("failure")
                        .asText())
                .isEqualTo("OOM_KILLED");
    }
}
