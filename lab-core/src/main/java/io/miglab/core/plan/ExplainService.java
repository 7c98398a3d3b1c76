package io.miglab.core.plan;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.analysis.PlanFindings;
import io.miglab.core.plan.capture.CapturedPlan;
import io.miglab.core.plan.capture.PlanRecorder;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** {@link Explains} on a workspace's ledger and targets. */
public final class ExplainService implements Explains {
    private final Ledger ledger;
    private final TargetRegistry targets;

    public ExplainService(Ledger ledger, TargetRegistry targets) {
        this.ledger = ledger;
        this.targets = targets;
    }

    @Override
    public Explained capture(ExplainRequest request, Cancellation cancellation) {
        TargetConnector connector = targets.connector(request.target());
        try (Connection connection = connector.openOrExplain(request.database())) {
            TargetFingerprint fingerprint = ServerFingerprint.capture(request.target(), connection, request.database());
            PlanRecorder.Recorded recorded = new PlanRecorder(ledger)
                    .captureAndRecord(
                            connection,
                            fingerprint,
                            request.titleOrDefault(),
                            request.database(),
                            request.sql(),
                            request.options(),
                            cancellation);
            CapturedPlan capture = recorded.capture();
            return new Explained(
                    recorded.experimentId(),
                    source(recorded.experimentId(), request.target(), request.database()),
                    capture.sql(),
                    capture.plan(),
                    recorded.analysis(),
                    recorded.findings(),
                    capture.notes(),
                    capture.writes(),
                    capture.rolledBack(),
                    request.database(),
                    capture.command().options());
        } catch (SQLException e) {
            throw new MigLabException("Lost the connection to target '" + request.target() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Explained open(long experimentId) {
        Experiment e = ledger.find(experimentId)
                .orElseThrow(() -> new MigLabException("There is no experiment " + experimentId + "."));
        if (!PlanRecorder.KIND.equals(e.kind())) {
            throw new MigLabException("Experiment " + experimentId + " is a " + e.kind() + ", not an EXPLAIN capture.");
        }
        String plan = null;
        String sql = "";
        IndexCatalog indexes = IndexCatalog.EMPTY;
        for (Artifact a : ledger.artifacts(experimentId)) {
            if (a.name().equals(PlanRecorder.PLAN_ARTIFACT)) {
                plan = new String(ledger.artifactContent(a.id()), StandardCharsets.UTF_8);
            } else if (a.name().equals(PlanRecorder.QUERY_ARTIFACT)) {
                sql = new String(ledger.artifactContent(a.id()), StandardCharsets.UTF_8);
            } else if (a.name().equals(PlanRecorder.INDEXES_ARTIFACT)) {
                indexes = IndexCatalog.fromJson(ledger.artifactContent(a.id()));
            }
        }
        if (plan == null) {
            throw new MigLabException("Experiment " + experimentId + " holds no plan (it "
                    + e.status().name().toLowerCase(java.util.Locale.ROOT) + ").");
        }
        String target = e.target() == null ? null : e.target().targetName();
        String database = databaseOf(e);
        Explained read = read(plan, sql, source(experimentId, target, database), indexes);
        return new Explained(
                experimentId,
                read.source(),
                read.sql(),
                read.plan(),
                read.analysis(),
                read.findings(),
                List.of(),
                io.miglab.core.sql.StatementClassifier.classify(read.sql()).writes(),
                true,
                database,
                List.of());
    }

    @Override
    public List<Capture> captures(String target, int limit) {
        return ledger
                .list(new ExperimentFilter(PlanRecorder.KIND, ExperimentStatus.SUCCEEDED, target, null, limit))
                .stream()
                .map(e -> new Capture(
                        e.id(),
                        e.title(),
                        e.target() == null ? null : e.target().targetName(),
                        databaseOf(e)))
                .toList();
    }

    private static String databaseOf(Experiment e) {
        return e.parameters() == null || !e.parameters().hasNonNull("database")
                ? null
                : e.parameters().get("database").asText();
    }

    /** "experiment 12 on lab", "experiment 12 on lab, database pagila". */
    private static String source(long experimentId, String target, String database) {
        return "experiment " + experimentId + (target == null ? "" : " on " + target)
                + (database == null ? "" : ", database " + database);
    }

    @Override
    public Explained analyse(String planText, String source) {
        return read(planText, "", source, IndexCatalog.EMPTY);
    }

    private static Explained read(String planText, String sql, String source, IndexCatalog indexes) {
        Plan plan = PlanParser.parse(planText);
        if ((sql == null || sql.isBlank()) && plan.summary().path("Query Text").isTextual()) {
            sql = plan.summary().get("Query Text").asText(); // auto_explain output carries its query
        }
        PlanAnalysis analysis = PlanAnalyzer.analyze(plan);
        return new Explained(
                null,
                source,
                sql,
                plan,
                analysis,
                PlanFindings.find(plan, analysis, indexes),
                List.of(),
                false,
                false,
                null,
                List.of());
    }
}
