package io.miglab.core.workload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps baselines in the ledger: one experiment of kind {@value #KIND}, its headline figures as measurements
 * ({@code latency.p50}, {@code statement.NAME.latency.p95}, ...), the result as JSON ({@value #RESULT}) and the raw
 * latencies as CSV ({@value #SAMPLES}), which is what {@link #compare} resamples. A cancelled run is stored with what
 * it measured and ends as cancelled; a run in which a statement never succeeded is stored too, and ends as failed
 * with {@link BaselineResult#failure()} as its error, so it is never mistaken for a baseline of its workload.
 */
public final class BaselineRecorder {
    public static final String KIND = "baseline";
    public static final String RESULT = "baseline.json";
    public static final String SAMPLES = "latencies.csv";

    private final Ledger ledger;

    public BaselineRecorder(Ledger ledger) {
        this.ledger = ledger;
    }

    /** A baseline stored in the ledger. */
    public record Recorded(long experimentId, BaselineResult result) {
        /** Stored as failed: a statement never succeeded ({@link BaselineResult#failure()} says which). */
        public boolean failed() {
            return result.failure() != null;
        }
    }

    /**
     * Begins the experiment, runs the baseline, stores it. The experiment exists (running) before the first
     * statement, so a crash leaves it interrupted rather than missing. The live snapshots are kept as time series
     * ({@code live.NAME.p50_ms}, {@code live.NAME.p95_ms}, {@code live.NAME.throughput}) for charts drawn later.
     */
    public Recorded runAndRecord(
            BaselineRunner runner,
            TargetFingerprint target,
            String database,
            Workload workload,
            BaselineOptions options,
            Cancellation cancellation,
            ProgressListener progress,
            BaselineListener live) {
        try (ExperimentRun run = ledger.begin(KIND, title(target, workload), target, parameters(workload, options))) {
            try {
                List<LiveSnapshot> snapshots = new ArrayList<>();
                BaselineListener keeping = snapshot -> {
                    snapshots.add(snapshot);
                    live.snapshot(snapshot);
                };
                BaselineResult result = runner.run(database, workload, options, cancellation, progress, keeping);
                store(run, result);
                storeSeries(run, result, snapshots);
                end(run, result);
                return new Recorded(run.id(), result);
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /** Stores a finished result (cancelled ones as cancelled) and returns the experiment id. */
    public long record(TargetFingerprint target, Workload workload, BaselineResult result) {
        try (ExperimentRun run =
                ledger.begin(KIND, title(target, workload), target, parameters(workload, result.options()))) {
            store(run, result);
            end(run, result);
            return run.id();
        }
    }

    /** Reads a stored baseline back, with its raw samples. */
    public BaselineResult load(long experimentId) {
        requireBaseline(experimentId);
        try {
            BaselineResult result = Json.mapper()
                    .readValue(
                            ledger.artifactContent(
                                    artifact(experimentId, RESULT).id()),
                            BaselineResult.class);
            return result.withSamples(loadSamples(experimentId));
        } catch (IOException e) {
            throw new MigLabException(
                    "The result of baseline experiment " + experimentId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The raw latencies of a stored baseline. */
    public LatencySamples loadSamples(long experimentId) {
        requireBaseline(experimentId);
        byte[] csv = ledger.artifactContent(artifact(experimentId, SAMPLES).id());
        return LatencySamples.fromCsv(csv, List.of());
    }

    /** Compares baseline B against baseline A, statement by statement. */
    public Comparison compare(long a, long b, CompareOptions options) {
        return Comparison.of("experiment " + a, loadSamples(a), "experiment " + b, loadSamples(b), options);
    }

    private void requireBaseline(long id) {
        Experiment experiment = ledger.find(id)
                .orElseThrow(() -> new MigLabException("There is no experiment " + id + " in the ledger."));
        if (!KIND.equals(experiment.kind())) {
            throw new MigLabException(
                    "Experiment " + id + " is a " + experiment.kind() + " experiment, not a baseline.");
        }
    }

    private Artifact artifact(long id, String name) {
        return ledger.artifacts(id).stream()
                .filter(a -> name.equals(a.name()))
                .findFirst()
                .orElseThrow(() -> new MigLabException("Baseline experiment " + id + " has no " + name
                        + "; it probably ended before measuring anything."));
    }

    private static void end(ExperimentRun run, BaselineResult result) {
        if (result.cancelled()) {
            run.cancelled();
        } else if (result.failure() != null) {
            run.fail(result.failure());
        } else {
            run.succeed();
        }
    }

    private static void store(ExperimentRun run, BaselineResult result) {
        run.measure("elapsed", result.elapsedSeconds(), "s");
        run.measure("executions", result.executions(), "count");
        run.measure("errors", result.errors(), "count");
        run.measure("throughput", result.throughputPerSecond(), "1/s");
        measureLatency(run, "latency", result.latency());
        for (StatementResult s : result.statements()) {
            String prefix = "statement." + s.name();
            run.measure(prefix + ".executions", s.executions(), "count");
            run.measure(prefix + ".errors", s.errors(), "count");
            run.measure(prefix + ".throughput", s.throughputPerSecond(), "1/s");
            measureLatency(run, prefix + ".latency", s.latency());
        }
        if (result.buffers() != null) {
            run.measure("buffers.hit", result.buffers().blocksHit(), "blocks");
            run.measure("buffers.read", result.buffers().blocksRead(), "blocks");
        }
        run.attachJson(RESULT, result);
        if (result.samples() != null) {
            run.attach(SAMPLES, "text/csv", result.samples().toCsv());
        }
    }

    private static void storeSeries(ExperimentRun run, BaselineResult result, List<LiveSnapshot> snapshots) {
        if (snapshots.isEmpty() || result.startedAt() == null) {
            return;
        }
        long start = result.startedAt().toEpochMilli();
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (LiveSnapshot snapshot : snapshots) {
            double at = start + snapshot.elapsedSeconds() * 1000;
            for (LiveSnapshot.Statement s : snapshot.statements()) {
                String prefix = "live." + s.name();
                series.computeIfAbsent(prefix + ".throughput", k -> new ArrayList<>())
                        .add(new double[] {at, s.intervalThroughput()});
                if (s.intervalCount() > 0) {
                    series.computeIfAbsent(prefix + ".p50_ms", k -> new ArrayList<>())
                            .add(new double[] {at, s.intervalP50Ms()});
                    series.computeIfAbsent(prefix + ".p95_ms", k -> new ArrayList<>())
                            .add(new double[] {at, s.intervalP95Ms()});
                }
            }
        }
        series.forEach(run::samples);
    }

    /** Nothing for a latency that does not exist: a 0 ms figure would read as a very fast statement. */
    private static void measureLatency(ExperimentRun run, String prefix, LatencySummary l) {
        if (l == null) {
            return;
        }
        run.measure(prefix + ".mean", l.meanMs(), "ms");
        run.measure(prefix + ".p50", l.p50Ms(), "ms");
        run.measure(prefix + ".p95", l.p95Ms(), "ms");
        run.measure(prefix + ".p99", l.p99Ms(), "ms");
        run.measure(prefix + ".max", l.maxMs(), "ms");
    }

    private static ObjectNode parameters(Workload workload, BaselineOptions options) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("workload", workload.name());
        node.set("options", Json.mapper().valueToTree(options));
        ArrayNode statements = node.putArray("statements");
        for (WorkloadStatement s : workload.statements()) {
            ObjectNode st = statements.addObject();
            st.put("name", s.name());
            st.put("sql", s.sql());
            st.put("weight", s.weight());
            st.put("parameterSets", s.parameterSets().size());
        }
        return node;
    }

    private static String title(TargetFingerprint target, Workload workload) {
        String on = target.targetName() == null ? "" : " on " + target.targetName();
        return String.format(Locale.ROOT, "Baseline of %s%s", workload.name(), on);
    }
}
