package io.miglab.core.metrics.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.miglab.core.MigLabException;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.MetricsUnavailableException;
import io.miglab.core.metrics.MetricsUnavailableException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics API and the pods API as fabric8's mock API server answers them, including the ways they fail. */
@EnableKubernetesMockClient
class KubernetesMetricSourceTest {
    static final String METRICS = "/apis/metrics.k8s.io/v1beta1/namespaces/etl/pods";
    static final String PODS = "/api/v1/namespaces/etl/pods";

    KubernetesMockServer server;
    KubernetesClient client;

    static Pod loaderPod(String name) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("etl")
                .addToLabels("app", "loader")
                .endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder()
                        .withName("loader")
                        .withNewResources()
                        .addToRequests("cpu", new Quantity("500m"))
                        .addToRequests("memory", new Quantity("256Mi"))
                        .addToLimits("cpu", new Quantity("1"))
                        .addToLimits("memory", new Quantity("512Mi"))
                        .endResources()
                        .build())
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addToContainerStatuses(new ContainerStatusBuilder()
                        .withName("loader")
                        .withRestartCount(1)
                        .withNewLastState()
                        .withNewTerminated()
                        .withReason("OOMKilled")
                        .withExitCode(137)
                        .endTerminated()
                        .endLastState()
                        .build())
                .endStatus()
                .build();
    }

    void serve(String selectorQuery) throws java.text.ParseException {
        server.expect()
                .get()
                .withPath(METRICS + selectorQuery)
                .andReturn(
                        200,
                        new PodMetricsListBuilder()
                                .addToItems(new PodMetricsBuilder()
                                        .withNewMetadata()
                                        .withName("migrate-1-abc")
                                        .withNamespace("etl")
                                        .endMetadata()
                                        .withTimestamp("2026-12-01T10:15:30Z")
                                        .withWindow(io.fabric8.kubernetes.api.model.Duration.parse("15s"))
                                        .addToContainers(new ContainerMetricsBuilder()
                                                .withName("loader")
                                                .addToUsage("cpu", new Quantity("750123456n"))
                                                .addToUsage("memory", new Quantity("300Mi"))
                                                .build())
                                        .build())
                                .build())
                .always();
        server.expect()
                .get()
                .withPath(PODS + selectorQuery)
                .andReturn(
                        200,
                        new PodListBuilder()
                                .addToItems(loaderPod("migrate-1-abc"), loaderPod("migrate-2-def"))
                                .build())
                .always();
    }

    @Test
    void usageIsJoinedWithRequestsLimitsRestartsAndTheWindow() throws Exception {
        serve("?labelSelector=app%3Dloader");
        try (KubernetesMetricSource source =
                KubernetesMetricSource.on(client, new KubernetesQuery(null, "etl", Map.of("app", "loader")))) {
            MetricsSnapshot s = source.poll();
            assertThat(s.containers()).singleElement().satisfies(c -> {
                assertThat(c.pod()).isEqualTo("migrate-1-abc");
                assertThat(c.at()).isEqualTo(Instant.parse("2026-12-01T10:15:30Z"));
                assertThat(c.window()).isEqualTo(Duration.ofSeconds(15));
                assertThat(c.cpuMillicores()).isEqualTo(750.123456, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(c.memoryBytes()).isEqualTo(300L * 1024 * 1024);
                assertThat(c.cpuRequest()).isEqualTo(500);
                assertThat(c.cpuLimit()).isEqualTo(1000);
                assertThat(c.memoryLimit()).isEqualTo(512L * 1024 * 1024);
                assertThat(c.cpuOfLimit()).isEqualTo(75.0123456, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(c.memoryOfLimit()).isEqualTo(300.0 / 512 * 100);
                assertThat(c.restarts()).isEqualTo(1);
                assertThat(c.lastTermination()).isEqualTo("OOMKilled");
            });
            assertThat(s.notes())
                    .singleElement()
                    .asString()
                    .startsWith("Pod migrate-2-def (Running) has no metrics yet");
            assertThat(source.describe()).contains("namespace etl", "app=loader");
        }
    }

    @Test
    void aMissingMetricsServerAForbiddenRoleAndAnUnreachableServerAreEachExplained() {
        server.expect().get().withPath(METRICS).andReturn(404, "").once();
        server.expect().get().withPath(METRICS).andReturn(403, "").once();
        KubernetesMetricSource source = KubernetesMetricSource.on(client, new KubernetesQuery(null, "etl", Map.of()));
        assertThatThrownBy(source::poll)
                .isInstanceOfSatisfying(MetricsUnavailableException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.NO_METRICS_SERVER))
                .hasMessageContaining("metrics-server is not installed");
        assertThatThrownBy(source::poll)
                .isInstanceOfSatisfying(MetricsUnavailableException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.FORBIDDEN))
                .hasMessageContaining("kubectl auth can-i list pods.metrics.k8s.io -n etl");

        KubernetesClient nowhere = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder()
                        .withMasterUrl("https://127.0.0.1:1")
                        .withRequestTimeout(2000)
                        .withConnectionTimeout(2000)
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
        try (KubernetesMetricSource far =
                KubernetesMetricSource.on(nowhere, new KubernetesQuery(null, "etl", Map.of()))) {
            assertThatThrownBy(far::poll)
                    .isInstanceOfSatisfying(MetricsUnavailableException.class, e -> assertThat(e.problem())
                            .isEqualTo(Problem.UNREACHABLE))
                    .hasMessageStartingWith("Cannot reach the Kubernetes API server at https://127.0.0.1:1");
        }
    }

    @Test
    void selectorsAndNamespacesAreCheckedUpFront() {
        assertThat(KubernetesQuery.parseSelector("app=loader, tier==batch"))
                .containsExactly(Map.entry("app", "loader"), Map.entry("tier", "batch"));
        assertThatThrownBy(() -> KubernetesQuery.parseSelector("app!=x")).hasMessageContaining("set-based");
        assertThatThrownBy(() -> KubernetesQuery.parseSelector("app=lo ader")).isInstanceOf(MigLabException.class);
        assertThatThrownBy(() -> new KubernetesQuery(null, "Prod_NS", Map.of()))
                .hasMessageContaining("not a namespace name");
    }

    @Test
    void aMissingContextIsNamed() {
        assertThatThrownBy(() -> KubernetesMetricSource.open(new KubernetesQuery("no-such-context", null, Map.of())))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessageContaining("no-such-context");
    }

    static double cpu(ContainerUsage c) {
        return c.cpuMillicores();
    }
}
