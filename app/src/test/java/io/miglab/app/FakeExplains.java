package io.miglab.app;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.plan.ExplainRequest;
import io.miglab.core.plan.Explained;
import io.miglab.core.plan.Explains;
import io.miglab.core.plan.IndexCatalog;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.analysis.PlanFindings;
import io.miglab.core.plan.parse.PlanParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EXPLAIN in memory, for view-model tests: a capture answers with the next plan text queued (or the next failure),
 * records the request and keeps the result as an experiment that {@link #open} and {@link #captures} find. Plans are
 * parsed and analysed by the real lab-core code; no server, no ledger.
 */
public final class FakeExplains implements Explains {
    /** What the next captures answer, in turn: a plan text, or a RuntimeException to throw. */
    public final Deque<Object> answers = new ArrayDeque<>();

    public final List<ExplainRequest> requests = new ArrayList<>();
    private final Map<Long, Explained> experiments = new LinkedHashMap<>();
    private final Map<Long, ExplainRequest> requestOf = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public Explained capture(ExplainRequest request, Cancellation cancellation) {
        requests.add(request);
        Object answer = answers.poll();
        if (answer instanceof RuntimeException e) {
            throw e;
        }
        if (answer == null) {
            throw new MigLabException("The fake has no plan queued.");
        }
        long id = nextId++;
        Explained read = analyse((String) answer, "experiment " + id + " on " + request.target());
        Explained e = new Explained(
                id,
                read.source(),
                request.sql(),
                read.plan(),
                read.analysis(),
                read.findings(),
                List.of(),
                false,
                true,
                request.database(),
                List.of("ANALYZE"));
        experiments.put(id, e);
        requestOf.put(id, request);
        return e;
    }

    /** Keeps a plan as an experiment, as if it had been captured with these index definitions. */
    public long record(String planText, IndexCatalog indexes) {
        long id = nextId++;
        Plan plan = PlanParser.parse(planText);
        PlanAnalysis analysis = PlanAnalyzer.analyze(plan);
        experiments.put(
                id,
                new Explained(
                        id,
                        "experiment " + id,
                        "",
                        plan,
                        analysis,
                        PlanFindings.find(plan, analysis, indexes),
                        List.of(),
                        false,
                        true,
                        null,
                        List.of()));
        return id;
    }

    @Override
    public Explained open(long experimentId) {
        Explained e = experiments.get(experimentId);
        if (e == null) {
            throw new MigLabException("There is no experiment " + experimentId + ".");
        }
        return e;
    }

    @Override
    public List<Capture> captures(String target, int limit) {
        List<Capture> out = new ArrayList<>();
        experiments.forEach((id, e) -> {
            ExplainRequest r = requestOf.get(id);
            out.add(
                    0,
                    new Capture(
                            id,
                            r == null ? e.source() : r.titleOrDefault(),
                            r == null ? null : r.target(),
                            e.database()));
        });
        return out.stream().limit(limit).toList();
    }

    @Override
    public Explained analyse(String planText, String source) {
        Plan plan = PlanParser.parse(planText);
        PlanAnalysis analysis = PlanAnalyzer.analyze(plan);
        return new Explained(
                null,
                source,
                "",
                plan,
                analysis,
                PlanFindings.find(plan, analysis, IndexCatalog.EMPTY),
                List.of(),
                false,
                false,
                null,
                List.of());
    }
}
