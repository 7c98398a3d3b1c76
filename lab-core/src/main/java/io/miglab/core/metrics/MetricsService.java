package io.miglab.core.metrics;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.metrics.kubernetes.KubernetesMetricSource;
import io.miglab.core.metrics.kubernetes.KubernetesQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** {@link Metrics} on a workspace's ledger; sources come from the kubeconfig unless a test hands its own. */
public final class MetricsService implements Metrics {
    static final int MAX_FAILURES = 5;

    private final Ledger ledger;
    private final Function<KubernetesQuery, MetricSource> sources;

    private final io.miglab.core.targets.lab.LabInstances labInstances;

    public MetricsService(Ledger ledger, io.miglab.core.targets.lab.LabInstances labInstances) {
        this(ledger, KubernetesMetricSource::open, labInstances);
    }

    public MetricsService(
            Ledger ledger,
            Function<KubernetesQuery, MetricSource> sources,
            io.miglab.core.targets.lab.LabInstances labInstances) {
        this.ledger = ledger;
        this.sources = sources;
        this.labInstances = labInstances;
    }

    @Override
    public MetricSource labInstanceSource(String name) {
        io.miglab.core.targets.lab.LabInstance instance = labInstances
                .find(name)
                .orElseThrow(() -> new io.miglab.core.MigLabException(
                        "There is no lab instance named '" + name + "'.",
                        "Create and start it with: miglab lab start --name " + name,
                        null));
        if (!instance.running() || instance.pid() <= 0) {
            throw new io.miglab.core.MigLabException(
                    "Lab instance '" + name + "' is not running: start it with miglab lab start --name " + name + ".");
        }
        MetricSource processes = io.miglab.core.metrics.local.LocalProcessSource.of(java.util.Map.of(
                name, instance.pid(), "miglab", ProcessHandle.current().pid()));
        MetricSource statistics = new io.miglab.core.metrics.postgres.PostgresStatsSource(
                "lab instance " + name,
                database -> java.sql.DriverManager.getConnection(instance.jdbcUrl(database)),
                java.time.Clock.systemUTC());
        return MetricSource.combined(processes, statistics);
    }

    @Override
    public MetricsSnapshot top(KubernetesQuery query) {
        try (MetricSource source = sources.apply(query)) {
            return source.poll();
        }
    }

    @Override
    public Watch watch(
            KubernetesQuery query,
            Duration interval,
            Duration duration,
            boolean record,
            Consumer<MetricsSnapshot> each,
            Cancellation cancellation) {
        Metrics.checkInterval(interval);
        return watch(sources.apply(query), interval, duration, record, each, cancellation);
    }

    @Override
    public Watch watch(
            MetricSource opened,
            Duration interval,
            Duration duration,
            boolean record,
            Consumer<MetricsSnapshot> each,
            Cancellation cancellation) {
        Metrics.checkInterval(interval);
        try (MetricSource source = opened) {
            ExperimentRun run = record
                    ? ledger.begin(
                            RECORD_KIND,
                            "Pod metrics, " + source.describe(),
                            TargetFingerprint.NONE,
                            Json.mapper()
                                    .createObjectNode()
                                    .put("source", source.describe())
                                    .put("intervalMillis", interval.toMillis()))
                    : null;
            SampleRecorder recorder = run == null
                    ? null
                    : new SampleRecorder(
                            run, ledger.file().toAbsolutePath().getParent().resolve("recordings"));
            int polls = 0;
            int failures = 0;
            Instant end = duration == null ? null : Instant.now().plus(duration);
            try {
                while (true) {
                    cancellation.checkpoint();
                    long started = System.nanoTime();
                    try {
                        MetricsSnapshot s = source.poll();
                        failures = 0;
                        polls++;
                        if (recorder != null) {
                            recorder.add(s);
                        }
                        each.accept(s);
                    } catch (MetricsUnavailableException e) {
                        if (++failures >= MAX_FAILURES) {
                            throw e;
                        }
                        each.accept(new MetricsSnapshot(
                                source.describe(),
                                Instant.now(),
                                List.of(),
                                List.of(e.getMessage() + " Retrying (" + failures + " of " + MAX_FAILURES + ").")));
                    }
                    if (end != null && !Instant.now().isBefore(end)) {
                        break;
                    }
                    long waitMillis = interval.toMillis() - (System.nanoTime() - started) / 1_000_000;
                    if (waitMillis > 0) {
                        pause(waitMillis, cancellation);
                    }
                }
            } catch (CancelledException e) {
                // A cancelled watch is how a watch ends: keep what it recorded.
            } catch (RuntimeException e) {
                if (run != null) {
                    try (recorder) {
                        recorder.finish(polls);
                    }
                    run.fail(e);
                    run.close();
                }
                throw e;
            }
            if (run != null) {
                try (recorder) {
                    recorder.finish(polls);
                }
                run.succeed();
                run.close();
                return new Watch(run.id(), polls, recorder.count());
            }
            return new Watch(-1, polls, 0);
        }
    }

    /** Sleeps until the next tick, waking at once on a cancel. */
    private static void pause(long millis, Cancellation cancellation) {
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        try (Cancellation.Registration r = cancellation.onCancel(cancelled::countDown)) {
            cancelled.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
        }
        cancellation.checkpoint();
    }
}
