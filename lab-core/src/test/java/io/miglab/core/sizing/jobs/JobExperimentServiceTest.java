package io.miglab.core.sizing.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.metrics.kubernetes.KubernetesMetricSource;
import io.miglab.core.sizing.SizingService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix on fabric8's mock API server in CRUD mode. The mock runs no Jobs: a "cluster simulator" thread plays the
 * Job controller and the kubelet, seeing each created Job and, by its variant label, finishing it (status with
 * start and completion times), killing its pod for memory, or leaving it running.
 */
@EnableKubernetesMockClient(crud = true)
class JobExperimentServiceTest {
    static final String MANIFEST =
            """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate-orders
              namespace: etl
              labels:
                app: migrate
            spec:
              backoffLimit: 0
              ttlSecondsAfterFinished: 60
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: loader
                      image: example/loader:1
                      env:
                        - name: GOMAXPROCS
                          value: "1"
                        - name: BATCH
                          value: "500"
                      resources:
                        requests:
                          cpu: 250m
                          memory: 256Mi
                    - name: sidecar
                      image: example/sidecar:1
            """;

    KubernetesClient client;

    @TempDir
    Path home;

    Simulator simulator;

    @AfterEach
    void stop() throws InterruptedException {
        if (simulator != null) {
            simulator.interrupt();
            simulator.join(5_000);
        }
    }

    /** Plays the cluster: calls {@code act} once for each Job it sees, and notes how many Jobs existed then. */
    final class Simulator extends Thread {
        final Map<String, Job> created = new ConcurrentHashMap<>();
        final List<Integer> jobsAtCreate = new CopyOnWriteArrayList<>();
        final List<String> order = new CopyOnWriteArrayList<>();
        final BiConsumer<Job, Integer> act;
        volatile Throwable error;

        Simulator(BiConsumer<Job, Integer> act) {
            this.act = act;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    List<Job> jobs =
                            client.batch().v1().jobs().inNamespace("etl").list().getItems();
                    for (Job j : jobs) {
                        if (created.putIfAbsent(j.getMetadata().getName(), j) == null) {
                            jobsAtCreate.add(jobs.size());
                            order.add(j.getMetadata().getName());
                            act.accept(j, created.size());
                        }
                    }
                    // The simulator's own poll interval, like a controller's resync: not a wait for a condition.
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            } catch (RuntimeException e) {
                if (!isInterrupted()) {
                    error = e;
                }
            }
        }
    }

    void finish(Job j, int seconds) {
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        pod(j, null);
        client.batch()
                .v1()
                .jobs()
                .inNamespace("etl")
                .withName(j.getMetadata().getName())
                .editStatus(x -> {
                    x.setStatus(new JobStatusBuilder()
                            .withStartTime(start.toString())
                            .withCompletionTime(start.plusSeconds(seconds).toString())
                            .withSucceeded(1)
                            .withConditions(new JobConditionBuilder()
                                    .withType("Complete")
                                    .withStatus("True")
                                    .build())
                            .build());
                    return x;
                });
    }

    void fail(Job j, String reason) {
        client.batch()
                .v1()
                .jobs()
                .inNamespace("etl")
                .withName(j.getMetadata().getName())
                .editStatus(x -> {
                    x.setStatus(new JobStatusBuilder()
                            .withStartTime("2026-12-02T10:00:00Z")
                            .withFailed(1)
                            .withConditions(new JobConditionBuilder()
                                    .withType("Failed")
                                    .withStatus("True")
                                    .withReason(reason)
                                    .withMessage("Job has reached the specified backoff limit")
                                    .build())
                            .build());
                    return x;
                });
    }

    /** The Job's pod, with a metrics-server reading for it (taken before the pod ended); killed for memory when {@code terminated} is OOMKilled. */
    void pod(Job j, String terminated) {
        String pod = j.getMetadata().getName() + "-abcde";
        var builder = new PodBuilder()
                .withNewMetadata()
                .withName(pod)
                .withNamespace("etl")
                .addToLabels("job-name", j.getMetadata().getName())
                .endMetadata()
                .withSpec(j.getSpec().getTemplate().getSpec());
        if (terminated != null) {
            builder.withNewStatus()
                    .withPhase("Failed")
                    .addToContainerStatuses(new ContainerStatusBuilder()
                            .withName("loader")
                            .withNewState()
                            .withNewTerminated()
                            .withReason(terminated)
                            .withExitCode(137)
                            .endTerminated()
                            .endState()
                            .build())
                    .endStatus();
        }
        client.resource(new PodMetricsBuilder()
                        .withNewMetadata()
                        .withName(pod)
                        .withNamespace("etl")
                        .addToLabels("job-name", j.getMetadata().getName())
                        .endMetadata()
                        .withTimestamp("2026-12-02T10:00:15Z")
                        .withWindow(new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofSeconds(15)))
                        .addToContainers(new ContainerMetricsBuilder()
                                .withName("loader")
                                .addToUsage("cpu", new Quantity(terminated != null ? "900m" : "400m"))
                                .addToUsage("memory", new Quantity(terminated != null ? "200Mi" : "300Mi"))
                                .build())
                        .build())
                .inNamespace("etl")
                .create();
        client.pods().inNamespace("etl").resource(builder.build()).create();
    }

    JobExperimentService service(Ledger ledger) {
        return new JobExperimentService(ledger, client, KubernetesMetricSource::on, Duration.ofMillis(20));
    }

    @Test
    void runsTheVariantsOneAfterAnotherAppliesThemAndRanksByMedianDuration() {
        simulator = new Simulator((j, count) -> {
            String variant = j.getMetadata().getLabels().get(JobExperiments.VARIANT_LABEL);
            boolean second = j.getMetadata().getName().endsWith("-2");
            switch (variant) {
                case "more-cpu" -> finish(j, second ? 44 : 40);
                case "baseline" -> finish(j, second ? 110 : 100);
                case "tiny-memory" -> pod(j, "OOMKilled");
                case "no-retries" -> fail(j, "BackoffLimitExceeded");
                case "deadline" -> fail(j, "DeadlineExceeded");
                default -> {
                    // Nothing else is asked for.
                }
            }
        });
        simulator.start();
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            JobExperimentRequest request = new JobExperimentRequest(
                    MANIFEST,
                    "job.yaml",
                    "loader",
                    List.of(
                            JobVariant.parse("baseline"),
                            JobVariant.parse("more-cpu:cpu=2,limit-cpu=3,env.GOMAXPROCS=3,arg=--batch,arg=1000"),
                            JobVariant.parse("tiny-memory:memory=64Mi,limit-memory=64Mi"),
                            JobVariant.parse("no-retries"),
                            JobVariant.parse("deadline:env.DEADLINE=1")),
                    2,
                    null,
                    null,
                    Duration.ofMinutes(1));
            List<String> progress = new CopyOnWriteArrayList<>();
            ProgressListener listener = p -> progress.add(p.message());
            JobMatrix m = service(ledger).run(request, listener, new Cancellation());

            assertThat(simulator.error).isNull();
            // One after another: each Job was alone in the namespace when the simulator saw it.
            assertThat(simulator.jobsAtCreate).hasSize(10).containsOnly(1);
            assertThat(simulator.order)
                    .containsExactly(
                            "migrate-orders-baseline-1",
                            "migrate-orders-more-cpu-1",
                            "migrate-orders-tiny-memory-1",
                            "migrate-orders-no-retries-1",
                            "migrate-orders-deadline-1",
                            "migrate-orders-baseline-2",
                            "migrate-orders-more-cpu-2",
                            "migrate-orders-tiny-memory-2",
                            "migrate-orders-no-retries-2",
                            "migrate-orders-deadline-2");
            // The variant's resources, env and args on the created Job; the rest as the manifest had it.
            Job more = simulator.created.get("migrate-orders-more-cpu-1");
            var loader = more.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(loader.getResources().getRequests())
                    .containsEntry("cpu", new Quantity("2"))
                    .containsEntry("memory", new Quantity("256Mi"));
            assertThat(loader.getResources().getLimits()).containsEntry("cpu", new Quantity("3"));
            assertThat(loader.getEnv())
                    .extracting(e -> e.getName() + "=" + e.getValue())
                    .containsExactly("BATCH=500", "GOMAXPROCS=3");
            assertThat(loader.getArgs()).containsExactly("--batch", "1000");
            assertThat(more.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(1)
                            .getResources())
                    .satisfiesAnyOf(r -> assertThat(r).isNull(), r -> assertThat(r.getRequests())
                            .isNullOrEmpty());
            assertThat(more.getSpec().getTtlSecondsAfterFinished()).isNull();
            assertThat(more.getMetadata().getLabels())
                    .containsEntry("app", "migrate")
                    .containsEntry(JobExperiments.EXPERIMENT_LABEL, Long.toString(m.experimentId()))
                    .containsEntry(JobExperiments.VARIANT_LABEL, "more-cpu");
            Job tiny = simulator.created.get("migrate-orders-tiny-memory-2");
            assertThat(tiny.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getResources()
                            .getLimits())
                    .containsEntry("memory", new Quantity("64Mi"));
            Job base = simulator.created.get("migrate-orders-baseline-1");
            assertThat(base.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getEnv())
                    .extracting(e -> e.getName() + "=" + e.getValue())
                    .containsExactly("GOMAXPROCS=1", "BATCH=500");

            // Ranked by median: more-cpu (42 s) before baseline (105 s); the failing ones after.
            assertThat(m.variants()).extracting(v -> v.variant().slug()).startsWith("more-cpu", "baseline");
            VariantResult fast = m.variants().get(0);
            VariantResult slow = m.variants().get(1);
            assertThat(fast.durations()).containsExactly(Duration.ofSeconds(40), Duration.ofSeconds(44));
            assertThat(fast.median()).isEqualTo(Duration.ofSeconds(42));
            assertThat(fast.ratioToFastest()).isEqualTo(1.0);
            assertThat(slow.median()).isEqualTo(Duration.ofSeconds(105));
            assertThat(slow.min()).isEqualTo(Duration.ofSeconds(100));
            assertThat(slow.max()).isEqualTo(Duration.ofSeconds(110));
            assertThat(slow.ratioToFastest()).isEqualTo(2.5);
            // The bootstrap cannot leave the ratios the runs allow: 100/44 to 110/40.
            assertThat(slow.ratioLow()).isBetween(100.0 / 44, 2.5);
            assertThat(slow.ratioHigh()).isBetween(2.5, 110.0 / 40);
            assertThat(fast.peakMemoryBytes()).isEqualTo(300L * 1024 * 1024);
            assertThat(fast.cpuP95Millicores()).isEqualTo(400.0);
            assertThat(m.runs()).filteredOn(r -> r.variant().equals("more-cpu")).allMatch(JobRun::timedByKubernetes);

            VariantResult oom = byslug(m, "tiny-memory");
            assertThat(oom.median()).isNull();
            assertThat(oom.runs()).extracting(JobRun::failure).containsOnly(JobFailure.OOM_KILLED);
            assertThat(oom.failures().get(0)).contains("OOMKilled").contains("exit 137");
            assertThat(oom.peakMemoryBytes()).isEqualTo(200L * 1024 * 1024);
            assertThat(byslug(m, "no-retries").runs())
                    .extracting(JobRun::failure)
                    .containsOnly(JobFailure.BACKOFF_LIMIT_EXCEEDED);
            assertThat(byslug(m, "deadline").runs())
                    .extracting(JobRun::failure)
                    .containsOnly(JobFailure.DEADLINE_EXCEEDED);

            // Every Job deleted afterwards.
            assertThat(client.batch().v1().jobs().inNamespace("etl").list().getItems())
                    .isEmpty();

            // Stored: ten runs linked to the matrix, each with its samples for miglab size.
            List<Experiment> runs = ledger.list(ExperimentFilter.ALL).stream()
                    .filter(e -> e.kind().equals(JobExperiments.RUN_KIND))
                    .toList();
            assertThat(runs).hasSize(10);
            assertThat(runs)
                    .filteredOn(e -> e.status() == ExperimentStatus.SUCCEEDED)
                    .hasSize(4);
            assertThat(ledger.links(m.experimentId()))
                    .filteredOn(l -> l.to() == m.experimentId() && l.relation().equals(ExperimentLink.PROVES))
                    .hasSize(10);
            assertThat(ledger.find(m.experimentId()).orElseThrow().kind()).isEqualTo(JobExperiments.MATRIX_KIND);
            assertThat(ledger.find(m.experimentId()).orElseThrow().status()).isEqualTo(ExperimentStatus.SUCCEEDED);
            long fastRun = m.runs().stream()
                    .filter(r -> r.variant().equals("more-cpu"))
                    .findFirst()
                    .orElseThrow()
                    .experimentId();
            assertThat(new SizingService(ledger).samplesOf(fastRun))
                    .singleElement()
                    .satisfies(s -> assertThat(s.memoryBytes()).isEqualTo(300L * 1024 * 1024));
            assertThat(progress).anyMatch(p -> p.startsWith("Run 1 of 10: migrate-orders-baseline-1"));
        }
    }

    private static VariantResult byslug(JobMatrix m, String slug) {
        return m.variants().stream()
                .filter(v -> v.variant().slug().equals(slug))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aJobThatDoesNotEndInTimeIsDeletedAndCountedAsTimedOut() {
        simulator = new Simulator((j, count) -> pod(j, null));
        simulator.start();
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            JobMatrix m = service(ledger)
                    .run(
                            new JobExperimentRequest(
                                    MANIFEST,
                                    "job.yaml",
                                    "loader",
                                    List.of(JobVariant.parse("stuck")),
                                    1,
                                    null,
                                    null,
                                    Duration.ofMillis(300)),
                            ProgressListener.NONE,
                            new Cancellation());
            JobRun run = m.runs().get(0);
            assertThat(run.failure()).isEqualTo(JobFailure.TIMEOUT);
            assertThat(run.failureMessage()).isEqualTo("not finished after 300 ms; MigLab deleted it");
            assertThat(run.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(run.timedByKubernetes()).isFalse();
            assertThat(m.variants().get(0).median()).isNull();
            assertThat(client.batch().v1().jobs().inNamespace("etl").list().getItems())
                    .isEmpty();
            assertThat(ledger.find(run.experimentId()).orElseThrow().error())
                    .isEqualTo("Timeout: not finished after 300 ms; MigLab deleted it");
        }
    }

    @Test
    void aCancelDeletesTheRunningJobAndMarksTheExperimentsCancelled() {
        Cancellation cancellation = new Cancellation();
        simulator = new Simulator((j, count) -> cancellation.cancel());
        simulator.start();
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            JobExperimentRequest request = new JobExperimentRequest(
                    MANIFEST,
                    "job.yaml",
                    "loader",
                    List.of(JobVariant.parse("baseline")),
                    3,
                    null,
                    "etl",
                    Duration.ofMinutes(5));
            assertThatThrownBy(() -> service(ledger).run(request, ProgressListener.NONE, cancellation))
                    .isInstanceOf(CancelledException.class);
            assertThat(simulator.order).containsExactly("migrate-orders-baseline-1");
            assertThat(client.batch().v1().jobs().inNamespace("etl").list().getItems())
                    .isEmpty();
            assertThat(ledger.list(ExperimentFilter.ALL))
                    .extracting(Experiment::status)
                    .containsOnly(ExperimentStatus.CANCELLED)
                    .hasSize(2);
        }
    }
}
