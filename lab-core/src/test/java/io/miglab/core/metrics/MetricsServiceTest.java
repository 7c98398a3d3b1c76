package io.miglab.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.miglab.core.Cancellation;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.metrics.kubernetes.KubernetesMetricSource;
import io.miglab.core.metrics.kubernetes.KubernetesQuery;
import io.miglab.core.sizing.SizingReport;
import io.miglab.core.sizing.SizingRule;
import io.miglab.core.sizing.SizingService;
import io.miglab.core.sizing.Sizings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded watch on the mock API server: metrics-server's readings change every "scrape" (here: each answer the
 * server gives twice), the recording keeps each reading once, and the sizing rules read it back from the ledger.
 */
@EnableKubernetesMockClient
class MetricsServiceTest {
    static final String METRICS = "/apis/metrics.k8s.io/v1beta1/namespaces/etl/pods";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path home;

    io.miglab.core.targets.lab.LabInstances labs() {
        return new io.miglab.core.targets.lab.LabInstanceManager(home.resolve("instances"), home.resolve("binaries"));
    }

    void scrape(int second, String cpu, String memory, int times) {
        server.expect()
                .get()
                .withPath(METRICS)
                .andReturn(
                        200,
                        new PodMetricsListBuilder()
                                .addToItems(new PodMetricsBuilder()
                                        .withNewMetadata()
                                        .withName("migrate-1")
                                        .endMetadata()
                                        .withTimestamp(String.format("2026-12-01T10:00:%02dZ", second))
                                        .addToContainers(new ContainerMetricsBuilder()
                                                .withName("loader")
                                                .addToUsage("cpu", new Quantity(cpu))
                                                .addToUsage("memory", new Quantity(memory))
                                                .build())
                                        .build())
                                .build())
                .times(times);
    }

    @Test
    void aRecordedWatchKeepsEachReadingOnceAndSizingReadsItBack() {
        scrape(0, "100m", "100Mi", 2);
        scrape(15, "900m", "300Mi", 2);
        scrape(30, "500m", "200Mi", 2);
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/etl/pods")
                .andReturn(200, new PodListBuilder().build())
                .always();
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            MetricsService metrics = new MetricsService(ledger, q -> KubernetesMetricSource.on(client, q), labs());
            List<MetricsSnapshot> seen = new ArrayList<>();
            Cancellation cancellation = new Cancellation();
            Metrics.Watch w = metrics.watch(
                    new KubernetesQuery(null, "etl", Map.of()),
                    Duration.ofMillis(200),
                    null,
                    true,
                    s -> {
                        seen.add(s);
                        if (seen.size() == 6) {
                            cancellation.cancel();
                        }
                    },
                    cancellation);
            assertThat(w.polls()).isEqualTo(6);
            assertThat(w.samples()).isEqualTo(3);
            assertThat(ledger.find(w.experimentId()).orElseThrow().status()).isEqualTo(ExperimentStatus.SUCCEEDED);

            // Streamed into the ledger's series as well, one per container and quantity.
            assertThat(ledger.samples(w.experimentId(), "cpu_millicores:etl/migrate-1/loader"))
                    .extracting(p -> p[1])
                    .containsExactly(100.0, 900.0, 500.0);
            assertThat(ledger.samples(w.experimentId(), "memory_bytes:etl/migrate-1/loader"))
                    .hasSize(3);

            Sizings sizings = new SizingService(ledger);
            List<io.miglab.core.metrics.PodSample> samples = sizings.samplesOf(w.experimentId());
            assertThat(samples)
                    .extracting(io.miglab.core.metrics.PodSample::cpuMillicores)
                    .containsExactly(100.0, 900.0, 500.0);
            SizingReport r =
                    sizings.size(new Sizings.SizingRequest(samples, List.of(SizingRule.KRR), 50, null, Map.of()));
            // KRR: memory = max 300Mi x 1.15 = 345Mi
            assertThat(r.containers()
                            .get(0)
                            .recommendations()
                            .get(0)
                            .resources()
                            .memoryLimit())
                    .isEqualTo(345L * 1024 * 1024);
        }
    }

    @Test
    void fivePollsFailingInARowEndTheWatchAndARetryIsAnnounced() {
        server.expect().get().withPath(METRICS).andReturn(403, "").always();
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            MetricsService metrics = new MetricsService(ledger, q -> KubernetesMetricSource.on(client, q), labs());
            List<String> notes = new ArrayList<>();
            assertThatThrownBy(() -> metrics.watch(
                            new KubernetesQuery(null, "etl", Map.of()),
                            Duration.ofMillis(200),
                            null,
                            false,
                            s -> notes.addAll(s.notes()),
                            new Cancellation()))
                    .isInstanceOf(MetricsUnavailableException.class)
                    .hasMessageStartingWith("Forbidden");
            assertThat(notes).hasSize(MetricsService.MAX_FAILURES - 1).allMatch(n -> n.contains("Retrying"));
        }
    }
}
