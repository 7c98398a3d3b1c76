package io.miglab.core.sizing.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.sizing.Resources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobVariantTest {
    @Test
    void readsResourcesEnvAndArgsInOrder() {
        JobVariant v = JobVariant.parse(
                "More CPU:cpu=500m,memory=512Mi,limit-cpu=1,limit-memory=1Gi,env.GOMAXPROCS=3,arg=--batch,arg=500");
        assertThat(v.label()).isEqualTo("More CPU");
        assertThat(v.slug()).isEqualTo("more-cpu");
        assertThat(v.resources()).isEqualTo(new Resources(500, 1000, 512L << 20, 1L << 30));
        assertThat(v.env()).containsExactly(java.util.Map.entry("GOMAXPROCS", "3"));
        assertThat(v.args()).containsExactly("--batch", "500");
        assertThat(v.describe()).isEqualTo("cpu 500m/1, memory 512Mi/1Gi, GOMAXPROCS=3, args --batch 500");
    }

    @Test
    void aBareLabelIsTheManifestAsItIs() {
        JobVariant v = JobVariant.parse("baseline");
        assertThat(v.resources()).isEqualTo(Resources.NONE);
        assertThat(v.env()).isEmpty();
        assertThat(v.describe()).isEqualTo("as the manifest");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "fast:cpu|Variant 'fast': 'cpu' is not key=value (cpu, memory, limit-cpu, limit-memory, env.NAME, arg).",
                "fast:gpu=1|Variant 'fast': unknown key 'gpu'; use cpu, memory, limit-cpu, limit-memory, env.NAME or arg.",
                "fast:cpu=lots|Variant 'fast': 'lots' is not a CPU quantity (250m, 0.5, 2).",
                "fast:cpu=0|Variant 'fast': '0' is not a CPU quantity (250m, 0.5, 2).",
                "fast:memory=1XB|Variant 'fast': '1XB' is not a memory quantity (512Mi, 1Gi, 1G).",
                "fast:|The variant 'fast:' has nothing after ':'; drop the ':' for the manifest as it is.",
                ":cpu=1|The variant ':cpu=1' has no label before ':'.",
                "fast:env.9X=1|Variant 'fast': '9X' is not an environment variable name."
            })
    void refusesBadSyntaxInOneLine(String text, String message) {
        assertThatThrownBy(() -> JobVariant.parse(text))
                .isInstanceOf(MigLabException.class)
                .hasMessage(message);
    }

    @Test
    void jobNamesAreDnsLabelsOfAtMost63() {
        assertThat(JobExperimentService.jobName("migrate", "more-cpu", 3)).isEqualTo("migrate-more-cpu-3");
        String n = JobExperimentService.jobName("a".repeat(70), "twenty-characters-xx", 10);
        assertThat(n).hasSize(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").endsWith("-twenty-characters-xx-10");
        assertThat(JobExperimentService.jobName("x".repeat(40) + "-" + "y".repeat(40), "v", 1))
                .doesNotContain("--")
                .hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void theRequestRefusesWhatIsNotOneJob() {
        String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n";
        assertThatThrownBy(() -> request(deployment, 1))
                .hasMessage("x.yaml is not a batch/v1 Job (it holds apps/v1 Deployment).");
        assertThatThrownBy(() ->
                        request(JobExperimentServiceTest.MANIFEST + "---\n" + JobExperimentServiceTest.MANIFEST, 1))
                .hasMessage("x.yaml holds 2 documents; give it one batch/v1 Job.");
        assertThatThrownBy(() -> request("apiVersion: batch/v1\nkind: Job\nmetadata: [\n", 1))
                .hasMessage("x.yaml:4:1: not valid YAML: expected the node content, but found '<stream end>'.");
        assertThatThrownBy(() -> request("just text\n", 1))
                .hasMessage("x.yaml is not a batch/v1 Job (it has no apiVersion and kind).");
        assertThatThrownBy(() -> request(JobExperimentServiceTest.MANIFEST, 0))
                .hasMessage("--repeats must be from 1 to 10, not 0.");
        assertThatThrownBy(() -> request(JobExperimentServiceTest.MANIFEST, 11))
                .hasMessage("--repeats must be from 1 to 10, not 11.");
        assertThatThrownBy(() -> new JobExperimentRequest(
                        JobExperimentServiceTest.MANIFEST,
                        "x.yaml",
                        "db",
                        List.of(JobVariant.parse("a")),
                        1,
                        null,
                        null,
                        Duration.ofMinutes(1)))
                .hasMessage("x.yaml has no container 'db'; its containers: loader, sidecar.");
        assertThatThrownBy(() -> new JobExperimentRequest(
                        JobExperimentServiceTest.MANIFEST,
                        "x.yaml",
                        "loader",
                        List.of(JobVariant.parse("Fast"), JobVariant.parse("fast")),
                        1,
                        null,
                        null,
                        Duration.ofMinutes(1)))
                .hasMessage("Two variants share the name 'fast'; give each its own label.");
    }

    private static JobExperimentRequest request(String manifest, int repeats) {
        return new JobExperimentRequest(
                manifest,
                "x.yaml",
                "loader",
                List.of(JobVariant.parse("a")),
                repeats,
                null,
                null,
                Duration.ofMinutes(1));
    }

    @Test
    void theBootstrapIntervalStaysInsideTheRatiosTheRunsAllowAndIsRepeatable() {
        double[] slow = {100, 110, 105};
        double[] fast = {40, 44, 42};
        double[] i = JobExperimentService.bootstrap(slow, fast);
        assertThat(i[0]).isGreaterThanOrEqualTo(100.0 / 44).isLessThanOrEqualTo(105.0 / 42);
        assertThat(i[1]).isLessThanOrEqualTo(110.0 / 40).isGreaterThanOrEqualTo(105.0 / 42);
        assertThat(JobExperimentService.bootstrap(slow, fast)).containsExactly(i);
        assertThat(JobExperimentService.bootstrap(new double[] {1}, fast)).containsOnly(Double.NaN);
    }
}
