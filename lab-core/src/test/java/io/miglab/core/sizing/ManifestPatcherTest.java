package io.miglab.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import org.junit.jupiter.api.Test;

class ManifestPatcherTest {
    static final long MIB = 1024L * 1024;
    static final Resources SIZED = new Resources(1877, 2816, 541 * MIB, 541 * MIB);

    static final String JOB =
            """
            # The nightly order migration. Owner: data-platform.
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate-orders   # keep in step with the release
              namespace: etl
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: sidecar
                      image: "busybox:1.36"
                      resources:
                        requests: {cpu: 10m}
                    - name: loader
                      image: 'registry.example.com/loader:2.4'   # pinned
                      env:
                        - name: GOMAXPROCS
                          value: "2"
                      resources:
                        requests:
                          cpu: 500m   # a guess
                          memory: 256Mi
                        limits:
                          cpu: "1"
                          memory: 512Mi
                      args: [--batch-size, "5000"]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: loader-config}
            data:
              mode: fast
            """;

    @Test
    void onlyTheContainersResourcesChangeAndCommentsOrderAndQuotingStay() {
        ManifestPatcher.Patch p = ManifestPatcher.patch(JOB, "loader", SIZED, "job.yaml");
        String expected = JOB.replace(
                """
                          resources:
                            requests:
                              cpu: 500m   # a guess
                              memory: 256Mi
                            limits:
                              cpu: "1"
                              memory: 512Mi
                """,
                """
                          resources:
                            requests:
                              cpu: 1877m
                              memory: 541Mi
                            limits:
                              cpu: 2816m
                              memory: 541Mi
                """);
        assertThat(p.text()).isEqualTo(expected);
        assertThat(p.workloads()).containsExactly("Job/migrate-orders");
        assertThat(p.before()).containsExactly(new Resources(500, 1000, 256 * MIB, 512 * MIB));
        assertThat(ManifestPatcher.applyCommand(p, "job.yaml")).startsWith("kubectl replace --force -f job.yaml");
    }

    @Test
    void aContainerWithoutResourcesGetsThemAsItsLastKeyAfterTheLinesComment() {
        String deployment =
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  template:
                    spec:
                      containers:
                      - name: api
                        image: api:1   # 🙂 pinned
                      - name: other
                        image: other:1
                """;
        Resources krr = new Resources(191, Double.NaN, 345 * MIB, 345 * MIB);
        ManifestPatcher.Patch p = ManifestPatcher.patch(deployment, "api", krr, "api.yaml");
        assertThat(p.text())
                .isEqualTo(deployment.replace(
                        "        image: api:1   # 🙂 pinned\n",
                        "        image: api:1   # 🙂 pinned\n"
                                + "        resources:\n"
                                + "          requests:\n"
                                + "            cpu: 191m\n"
                                + "            memory: 345Mi\n"
                                + "          limits:\n"
                                + "            memory: 345Mi\n"));
        assertThat(ManifestPatcher.applyCommand(p, "api.yaml")).isEqualTo("kubectl apply -f api.yaml");
    }

    @Test
    void aCronJobsContainerIsFoundUnderItsJobTemplateAndCrlfStays() {
        String cron = "kind: CronJob\r\nmetadata:\r\n  name: nightly\r\nspec:\r\n  jobTemplate:\r\n    spec:\r\n"
                + "      template:\r\n        spec:\r\n          containers:\r\n            - name: loader\r\n"
                + "              image: l:1\r\n";
        ManifestPatcher.Patch p = ManifestPatcher.patch(cron, "loader", SIZED, "cron.yaml");
        assertThat(p.text())
                .startsWith(cron.substring(0, cron.length() - 2))
                .contains("\r\n              resources:\r\n");
        assertThat(p.text().replace("\r\n", "")).doesNotContain("\n");
        assertThat(ManifestPatcher.find(p.text(), "loader", "cron.yaml"))
                .singleElement()
                .satisfies(f -> assertThat(f.resources()).isEqualTo(SIZED));
    }

    @Test
    void badManifestsAreRefusedNamingWhereAndWhat() {
        assertThatThrownBy(() -> ManifestPatcher.patch("kind: Job\nspec: [unclosed\n", "x", SIZED, "m.yaml"))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("m.yaml:3:1: not valid YAML");
        assertThatThrownBy(() -> ManifestPatcher.patch(JOB, "db", SIZED, "job.yaml"))
                .hasMessage("job.yaml has no container 'db'; its containers: sidecar, loader.");
        assertThatThrownBy(() -> ManifestPatcher.patch("kind: Service\nspec: {}\n", "x", SIZED, "svc.yaml"))
                .hasMessageContaining("holds no Pod, Job")
                .hasMessageContaining("(it has Service)");
        assertThatThrownBy(() -> ManifestPatcher.patch("a: &a [*a, *a]\n", "x", SIZED, "bomb.yaml"))
                .isInstanceOf(MigLabException.class);
        assertThatThrownBy(() -> ManifestPatcher.find(JOB.replace("cpu: \"1\"", "cpu: lots"), "loader", "j.yaml"))
                .hasMessage("j.yaml: 'lots' is not a CPU quantity (250m, 0.5, 2).");
    }

    @Test
    void quantitiesParseAsKubernetesWritesThem() {
        assertThat(ManifestPatcher.cpu("250m", "x")).isEqualTo(250);
        assertThat(ManifestPatcher.cpu("0.5", "x")).isEqualTo(500);
        assertThat(ManifestPatcher.memory("512Mi", "x")).isEqualTo(512 * MIB);
        assertThat(ManifestPatcher.memory("1G", "x")).isEqualTo(1_000_000_000L);
        assertThat(ManifestPatcher.memory("1e9", "x")).isEqualTo(1_000_000_000L);
    }
}
