package io.miglab.core.metrics;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.metrics.kubernetes.KubernetesMetricSource;
import io.miglab.core.metrics.kubernetes.KubernetesQuery;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** {@link Metrics} on a workspace's ledger; sources come from the kubeconfig unless a test hands its own. */
public final class MetricsService implements Metrics {
    static final int MAX_FAILURES = 5;
    /** A recording holds at most this many samples (50 containers at 1 s for about 11 h). */
    static final int MAX_SAMPLES = 2_000_000;

    private final Ledger ledger;
    private final Function<KubernetesQuery, MetricSource> sources;

    public MetricsService(Ledger ledger) {
        this(ledger, KubernetesMetricSource::open);
    }

    public MetricsService(Ledger ledger, Function<KubernetesQuery, MetricSource> sources) {
        this.ledger = ledger;
        this.sources = sources;
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
            List<PodSample> samples = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Duration window = null;
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
                        for (ContainerUsage c : s.containers()) {
                            // metrics-server answers the same reading until its next scrape: keep each once.
                            if (record
                                    && samples.size() < MAX_SAMPLES
                                    && seen.add(c.pod() + "/" + c.container() + "@" + c.at())) {
                                samples.add(new PodSample(
                                        c.at(),
                                        c.namespace(),
                                        c.pod(),
                                        c.container(),
                                        c.cpuMillicores(),
                                        Math.max(0, c.memoryBytes())));
                                window = c.window() != null ? c.window() : window;
                            }
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
                    store(run, samples, window, polls);
                    run.fail(e);
                    run.close();
                }
                throw e;
            }
            if (run != null) {
                store(run, samples, window, polls);
                run.succeed();
                run.close();
                return new Watch(run.id(), polls, samples.size());
            }
            return new Watch(-1, polls, samples.size());
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

    private static void store(ExperimentRun run, List<PodSample> samples, Duration window, int polls) {
        StringWriter csv = new StringWriter();
        try {
            SamplesCsv.write(samples, csv);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run.attach(SamplesCsv.ARTIFACT, "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        run.measure("samples", samples.size(), "samples");
        run.measure("polls", polls, "polls");
        if (window != null) {
            run.measure("metrics window", window.toMillis() / 1000.0, "s");
        }
    }
}
