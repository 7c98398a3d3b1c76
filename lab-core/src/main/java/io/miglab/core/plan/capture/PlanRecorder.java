package io.miglab.core.plan.capture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.finding.Finding;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.plan.IndexCatalog;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.analysis.PlanFindings;
import io.miglab.core.plan.render.PlanJsonWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * Captures a plan as an experiment of kind {@value #KIND}: the parameters hold the query and the options; the
 * artifacts are the plan JSON as the server returned it ({@code plan.json}, re-openable in MigLab and on
 * explain.dalibo.com), the query ({@code query.sql}), the settings that matter ({@code settings.json}), the
 * definitions of the indexes the plan uses ({@value #INDEXES_ARTIFACT}, so the plan opened again gives the same
 * findings) and the analysis with its findings ({@code analysis.json}); the measurements are the execution,
 * planning and root times and the total cost. The experiment is opened before the EXPLAIN runs, so a failure or a cancel is recorded too.
 */
public final class PlanRecorder {
    public static final String KIND = "explain";
    /** The plan as the server returned it (FORMAT JSON). */
    public static final String PLAN_ARTIFACT = "plan.json";
    /** The statement explained. */
    public static final String QUERY_ARTIFACT = "query.sql";
    /** The artifact holding the definitions of the indexes the plan uses ({@link IndexCatalog} as JSON). */
    public static final String INDEXES_ARTIFACT = "indexes.json";

    private final Ledger ledger;

    public PlanRecorder(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The outcome: the experiment's id, the capture, its analysis and its findings. */
    public record Recorded(long experimentId, CapturedPlan capture, PlanAnalysis analysis, List<Finding> findings) {
        public Recorded {
            findings = List.copyOf(findings);
        }
    }

    public Recorded captureAndRecord(
            Connection connection,
            TargetFingerprint target,
            String title,
            String database,
            String sql,
            ExplainOptions options,
            Cancellation cancel) {
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("query", sql);
        if (database != null) {
            params.put("database", database);
        }
        ObjectNode opts = params.putObject("options");
        opts.put("analyze", options.analyze());
        opts.put("buffers", options.buffers());
        opts.put("verbose", options.verbose());
        opts.put("settings", options.settings());
        opts.put("wal", options.wal());
        opts.put("timing", options.timing());
        opts.put("summary", options.summary());
        opts.put("statementTimeoutMs", options.statementTimeout().toMillis());
        try (ExperimentRun run = ledger.begin(KIND, title, target, params)) {
            try {
                CapturedPlan capture = PlanCapturer.capture(connection, sql, options, cancel);
                PlanAnalysis analysis = PlanAnalyzer.analyze(capture.plan());
                List<Finding> findings = PlanFindings.find(capture.plan(), analysis, capture.indexes());
                run.attach(PLAN_ARTIFACT, "application/json", capture.planJson().getBytes(StandardCharsets.UTF_8));
                run.attach(QUERY_ARTIFACT, "application/sql", capture.sql().getBytes(StandardCharsets.UTF_8));
                run.attach("settings.json", "application/json", json(settingsDocument(capture)));
                run.attach(
                        INDEXES_ARTIFACT, "application/json", capture.indexes().toJson());
                run.attach(
                        "analysis.json",
                        "application/json",
                        PlanJsonWriter.toText(PlanJsonWriter.analysisAndFindings(capture.plan(), analysis, findings))
                                .getBytes(StandardCharsets.UTF_8));
                if (analysis.executionTime() != null) {
                    run.measure("execution_time", analysis.executionTime(), "ms");
                }
                if (analysis.planningTime() != null) {
                    run.measure("planning_time", analysis.planningTime(), "ms");
                }
                if (analysis.rootTime() != null) {
                    run.measure("root_time", analysis.rootTime(), "ms");
                }
                run.measure("total_cost", analysis.totalCost(), "cost");
                if (capture.rolledBack()) {
                    run.tag("rolled-back");
                }
                run.succeed();
                return new Recorded(run.id(), capture, analysis, findings);
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    private static ObjectNode settingsDocument(CapturedPlan capture) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("serverVersion", capture.serverVersion().toString());
        ObjectNode s = doc.putObject("settings");
        for (Map.Entry<String, String> e : capture.settings().entrySet()) {
            s.put(e.getKey(), e.getValue());
        }
        doc.putArray("explainOptions")
                .addAll(capture.command().options().stream()
                        .map(o -> Json.mapper().getNodeFactory().textNode(o))
                        .toList());
        doc.putArray("notes")
                .addAll(capture.notes().stream()
                        .map(o -> Json.mapper().getNodeFactory().textNode(o))
                        .toList());
        return doc;
    }

    private static byte[] json(ObjectNode node) {
        return PlanJsonWriter.toText(node).getBytes(StandardCharsets.UTF_8);
    }
}
