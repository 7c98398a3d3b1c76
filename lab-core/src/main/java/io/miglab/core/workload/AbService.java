package io.miglab.core.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.lab.LabInstances;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link AbTests} on a workspace's ledger and targets. Each side's setup runs through the target's connector, so
 * the gate sees it like any statement the user types: on a locked guarded target a setup that writes is refused
 * before the first round, and nothing is measured.
 */
public final class AbService implements AbTests {
    static final String RESULT = "ab.json";

    private final Ledger ledger;
    private final TargetRegistry targets;
    private final LabInstances labInstances;

    public AbService(Ledger ledger, TargetRegistry targets, LabInstances labInstances) {
        this.ledger = ledger;
        this.targets = targets;
        this.labInstances = labInstances;
    }

    @Override
    public AbRun run(AbRequest request, ProgressListener progress, Cancellation cancellation) {
        if ((request.a().restart() || request.b().restart())
                && targets.get(request.target()).role() != TargetRole.LAB) {
            throw new MigLabException("Only a lab instance can be restarted between rounds; '" + request.target()
                    + "' is not one. Compare settings that a reload applies, or copy the data to a lab instance.");
        }
        TargetConnector connector = targets.connector(request.target());
        Workload workload = BaselineService.workload(
                        request.workload(), request.target(), request.database(), connector)
                .workload();
        TargetFingerprint fingerprint = ServerFingerprint.capture(request.target(), connector, request.database());
        try (ExperimentRun run =
                ledger.begin(AbRecorder.KIND, title(request, workload), fingerprint, parameters(request, workload))) {
            try {
                if (request.proves() != null) {
                    ledger.link(run.id(), ExperimentLink.PROVES, request.proves());
                }
                AbRun result = new Rounds(request, workload, run.id(), progress, cancellation).execute();
                store(run, result);
                if (result.cancelled()) {
                    run.cancelled();
                } else {
                    run.succeed();
                }
                return result;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    @Override
    public AbRun open(long experimentId) {
        Experiment experiment = ledger.find(experimentId)
                .orElseThrow(() -> new MigLabException("There is no experiment " + experimentId + " in the ledger."));
        if (!AbRecorder.KIND.equals(experiment.kind())) {
            throw new MigLabException(
                    "Experiment " + experimentId + " is a " + experiment.kind() + " experiment, not an A/B test.");
        }
        Artifact artifact = ledger.artifacts(experimentId).stream()
                .filter(a -> RESULT.equals(a.name()))
                .findFirst()
                .orElseThrow(() -> new MigLabException(
                        "A/B test " + experimentId + " has no result; it ended before its first pair of rounds."));
        try {
            return Json.mapper().readValue(ledger.artifactContent(artifact.id()), AbRun.class);
        } catch (IOException e) {
            throw new MigLabException(
                    "The result of A/B test " + experimentId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The rounds of one test: each side's uncounted first round, then A B B A A B B A ... */
    private final class Rounds {
        final AbRequest request;
        final Workload workload;
        final long experimentId;
        final ProgressListener progress;
        final Cancellation cancellation;
        final List<AbRun.Round> rounds = new ArrayList<>();
        final List<LatencySamples> samplesA = new ArrayList<>();
        final List<LatencySamples> samplesB = new ArrayList<>();
        TargetConnector connector;

        Rounds(AbRequest request, Workload workload, long experimentId, ProgressListener progress, Cancellation c) {
            this.request = request;
            this.workload = workload;
            this.experimentId = experimentId;
            this.progress = progress;
            this.cancellation = c;
            this.connector = targets.connector(request.target());
        }

        AbRun execute() {
            List<Character> order = new ArrayList<>(List.of('A', 'B'));
            order.addAll(AbRequest.order(request.rounds()));
            boolean cancelled = false;
            for (int i = 0; i < order.size(); i++) {
                if (cancellation.isCancelled()) {
                    cancelled = true;
                    break;
                }
                char side = order.get(i);
                boolean counted = i >= 2;
                AbRequest.AbSide which = side == 'A' ? request.a() : request.b();
                progress.report(Progress.of(
                        String.format(
                                Locale.ROOT,
                                "A/B round %d of %d: %s%s",
                                i + 1,
                                order.size(),
                                which.label(),
                                counted ? "" : " (uncounted first round)"),
                        i,
                        order.size()));
                double setupMs;
                try {
                    setupMs = setup(which);
                } catch (CancelledException e) {
                    cancelled = true;
                    break;
                }
                BaselineResult result = new BaselineRunner(connector)
                        .run(
                                request.database(),
                                workload,
                                request.round(),
                                cancellation,
                                ProgressListener.NONE,
                                s -> {});
                if (result.cancelled()) {
                    cancelled = true;
                    break;
                }
                rounds.add(new AbRun.Round(
                        i,
                        side,
                        counted,
                        setupMs,
                        result.elapsedSeconds() * 1000,
                        result.executions() - result.errors()));
                if (counted) {
                    (side == 'A' ? samplesA : samplesB).add(result.samples());
                }
                if (result.samples() != null) {
                    // Every round's raw latencies, so the pairing can be re-analysed later.
                    ledger.attach(
                            experimentId,
                            String.format(Locale.ROOT, "round-%02d-%c.csv", i + 1, side),
                            "text/csv",
                            result.samples().toCsv());
                }
            }
            progress.report(Progress.of("A/B rounds done", order.size(), order.size()));
            int pairs = Math.min(samplesA.size(), samplesB.size());
            Comparison comparison = Comparison.ofRounds(
                    request.a().label(),
                    samplesA.subList(0, pairs),
                    request.b().label(),
                    samplesB.subList(0, pairs),
                    CompareOptions.defaults());
            return new AbRun(experimentId, request.a().label(), request.b().label(), comparison, rounds, cancelled);
        }

        /** Runs a side's setup (and restarts the lab instance when asked) and returns how long it took. */
        double setup(AbRequest.AbSide side) {
            long start = System.nanoTime();
            if (side.hasSetup()) {
                try {
                    new ScriptRunner(connector)
                            .run(
                                    side.label() + " setup",
                                    new ByteArrayInputStream(side.setup().getBytes(StandardCharsets.UTF_8)),
                                    null,
                                    ScriptOptions.defaults()
                                            .withDatabase(request.database())
                                            .withStopOnError(true),
                                    ProgressListener.NONE,
                                    cancellation);
                } catch (CancelledException e) {
                    throw e;
                } catch (MigLabException e) {
                    throw new MigLabException("The setup of " + side.label() + " failed: " + e.getMessage(), e);
                }
            }
            if (side.restart()) {
                labInstances.restart(request.target(), ProgressListener.NONE);
                // A restart may move the instance to another port: connect afresh.
                connector = targets.connector(request.target());
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private void store(ExperimentRun run, AbRun result) {
        for (StatementComparison s : result.comparison().statements()) {
            if (s.ratio() == null) {
                continue;
            }
            String prefix = "statement." + s.statement();
            run.measure(prefix + ".ratio", s.ratio(), "ratio");
            run.measure(prefix + ".ratio.low", s.ciLow(), "ratio");
            run.measure(prefix + ".ratio.high", s.ciHigh(), "ratio");
            run.measure(prefix + ".a.p50", s.medianAMs(), "ms");
            run.measure(prefix + ".b.p50", s.medianBMs(), "ms");
        }
        run.measure(
                "rounds", result.rounds().stream().filter(AbRun.Round::counted).count(), "count");
        run.attachJson(RESULT, result);
    }

    private static String title(AbRequest request, Workload workload) {
        return "A/B " + workload.name() + ": " + request.b().label() + " against "
                + request.a().label();
    }

    private static ObjectNode parameters(AbRequest request, Workload workload) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("workload", workload.name());
        if (request.database() != null) {
            p.put("database", request.database());
        }
        p.put("rounds", request.rounds());
        p.put("iterations", request.round().iterations());
        p.put("clients", request.round().clients());
        ObjectNode a = p.putObject("a");
        a.put("label", request.a().label())
                .put("setup", request.a().setup())
                .put("restart", request.a().restart());
        ObjectNode b = p.putObject("b");
        b.put("label", request.b().label())
                .put("setup", request.b().setup())
                .put("restart", request.b().restart());
        return p;
    }
}
