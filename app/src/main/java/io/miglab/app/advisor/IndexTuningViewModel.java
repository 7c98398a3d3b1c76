package io.miglab.app.advisor;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.app.task.Work;
import io.miglab.core.CancelledException;
import io.miglab.core.advisor.index.IndexAdvice;
import io.miglab.core.advisor.index.IndexAdviceRequest;
import io.miglab.core.advisor.index.IndexAdvisor;
import io.miglab.core.advisor.index.IndexApplyRequest;
import io.miglab.core.advisor.index.IndexBuild;
import io.miglab.core.advisor.index.IndexCandidate;
import io.miglab.core.advisor.index.IndexProof;
import io.miglab.core.advisor.index.IndexProveRequest;
import io.miglab.core.advisor.index.IndexUndoRequest;
import io.miglab.core.units.Sizes;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Index tuning step: find candidates in the workload's plans, cost them, then build the kept set, prove it in
 * interleaved A/B rounds with its write overhead beside it, and undo it. The SQL is shown before anything is built;
 * a guarded target that is not unlocked gets the advice and the SQL only.
 */
public final class IndexTuningViewModel {
    private final IndexAdvisor advisor;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final ObservableValue<Workload> workload;
    private final Runnable onRecorded;

    private final PageJob job = new PageJob();
    private final ReadOnlyObjectWrapper<IndexAdvice> advice = new ReadOnlyObjectWrapper<>();
    private final ObservableList<IndexCandidate> candidates = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<IndexBuild> build = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<IndexProof> proof = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper buildSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sql = new ReadOnlyStringWrapper("");
    private final IntegerProperty rounds = new SimpleIntegerProperty(6);

    public IndexTuningViewModel(
            IndexAdvisor advisor,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs,
            ObservableStringValue currentTarget,
            ObservableValue<Workload> workload,
            Runnable onRecorded) {
        this.advisor = advisor;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
        this.workload = workload;
        this.onRecorded = onRecorded;
    }

    /** Finds and costs the candidates for the page's workload on the chosen database. */
    public void advise() {
        String target = currentTarget.get();
        Workload statements = workload.getValue();
        if (target == null || statements == null) {
            dialogs.showError("Index advice", "Choose a target and a workload first.");
            return;
        }
        IndexAdviceRequest request = IndexAdviceRequest.of(
                target, database.selected(), new BaselineRequest.WorkloadSource.Given(statements));
        start(
                "Finding indexes for " + statements.name() + " on " + target,
                (p, c) -> advisor.advise(request, p, c),
                found -> {
                    advice.set(found);
                    // The advised set first, then the closest misses: what the user reads first is what to build.
                    candidates.setAll(found.candidates().stream()
                            .sorted(java.util.Comparator.comparing((IndexCandidate c) -> !c.kept())
                                    .thenComparing(
                                            IndexCandidate::bestSavingPercent, java.util.Comparator.reverseOrder()))
                            .toList());
                    build.set(null);
                    proof.set(null);
                    buildSummary.set("");
                    sql.set(found.sql());
                    summary.set(describe(found));
                });
    }

    /**
     * Builds the kept set after the user confirmed its SQL, then proves it: the workload A/B (without / with the
     * indexes) and the write overhead, each linked to the build.
     */
    public void applyAndProve() {
        IndexAdvice found = advice.get();
        if (found == null || found.kept().isEmpty()) {
            dialogs.showError("Build indexes", "There is no advised index to build: find indexes first.");
            return;
        }
        if (!found.writable()) {
            dialogs.showError(
                    "Build indexes",
                    "Writes are locked on " + found.target() + ". Unlock writes on the Targets page, or run the SQL"
                            + " yourself:\n\n" + found.sql());
            return;
        }
        if (!dialogs.confirm(
                "Build " + found.kept().size() + " index(es) on " + found.target(),
                "MigLab will run:\n\n" + found.sql() + "\nthen measure the workload and a write workload in "
                        + rounds.get() + " interleaved A/B rounds per side.")) {
            return;
        }
        buildAndProve();
    }

    /** Builds the advised set and proves it, without asking: for callers that showed the SQL themselves. */
    public void buildAndProve() {
        IndexAdvice found = advice.get();
        if (found == null || found.kept().isEmpty() || !found.writable()) {
            return;
        }
        Workload statements = workload.getValue();
        int perSide = rounds.get();
        start(
                "Building and proving " + found.kept().size() + " index(es)",
                (p, c) -> {
                    IndexBuild built = advisor.apply(IndexApplyRequest.of(found), p, c);
                    IndexProveRequest prove =
                            IndexProveRequest.of(built, new BaselineRequest.WorkloadSource.Given(statements));
                    IndexProof proved = advisor.prove(
                            new IndexProveRequest(
                                    prove.target(),
                                    prove.database(),
                                    prove.build(),
                                    prove.indexes(),
                                    prove.workload(),
                                    perSide,
                                    prove.round(),
                                    true),
                            p,
                            c);
                    return new Applied(built, proved);
                },
                applied -> {
                    build.set(applied.build());
                    proof.set(applied.proof());
                    buildSummary.set(describe(applied.build()));
                });
    }

    /** Drops the built indexes again (DROP INDEX CONCURRENTLY), after the user confirmed. */
    public void undo() {
        IndexBuild built = build.get();
        if (built == null) {
            return;
        }
        IndexUndoRequest request = IndexUndoRequest.of(built);
        StringBuilder statements = new StringBuilder();
        request.indexes()
                .forEach(i -> statements.append(i.dropConcurrentlySql()).append(";\n"));
        if (!dialogs.confirm("Drop " + built.indexes().size() + " index(es)", "MigLab will run:\n\n" + statements)) {
            return;
        }
        start("Dropping " + built.indexes().size() + " index(es)", (p, c) -> advisor.undo(request, p, c), undone -> {
            build.set(null);
            buildSummary.set(String.format(
                    Locale.ROOT,
                    "Dropped %d index(es) in %.0f ms (experiment #%d). The A/B results above stay in the ledger.",
                    undone.statements().size(),
                    undone.elapsedMs(),
                    undone.experimentId()));
        });
    }

    public void cancel() {
        job.cancel();
    }

    private record Applied(IndexBuild build, IndexProof proof) {}

    private <T> void start(String title, Work<T> work, Consumer<T> onSuccess) {
        job.submit(
                runner,
                title,
                work,
                result -> {
                    onSuccess.accept(result);
                    onRecorded.run();
                },
                error -> {
                    onRecorded.run();
                    if (!(error instanceof CancelledException)) {
                        dialogs.showError(title, Errors.userMessage(error));
                    }
                });
    }

    /** One candidate in full, for the detail under the table: its SQL, the verdict and every statement's cost. */
    public static String detail(IndexCandidate c) {
        StringBuilder text =
                new StringBuilder(c.index().createSql()).append(";\n").append(c.reason());
        for (io.miglab.core.advisor.index.StatementCost cost : c.costs()) {
            text.append(String.format(
                    Locale.ROOT,
                    "%n%s: estimated cost %.1f \u2192 %.1f (%.0f %% %s)%s",
                    cost.statement(),
                    cost.before(),
                    cost.after(),
                    Math.abs(cost.savingPercent()),
                    cost.savingPercent() >= 0 ? "less" : "more",
                    cost.used() ? "" : ", the plan does not use it"));
        }
        return text.toString();
    }

    static String describe(IndexAdvice a) {
        long kept = a.kept().size();
        return String.format(
                Locale.ROOT,
                "%d candidate(s) from the plans of %s, costed with %s: %d kept (each saves at least %.0f %% of a"
                        + " statement's estimated cost), %d rejected. Experiment #%d.%s",
                a.candidates().size(),
                a.workload(),
                a.costing().label(),
                kept,
                a.minSavingPercent(),
                a.candidates().size() - kept,
                a.experimentId(),
                a.writable() ? "" : " Writes are locked on " + a.target() + ": advice and SQL only.");
    }

    static String describe(IndexBuild b) {
        return String.format(
                Locale.ROOT,
                "Built %d index(es) with CREATE INDEX CONCURRENTLY in %.0f ms, %s on disk (experiment #%d).",
                b.indexes().size(),
                b.totalBuildMs(),
                Sizes.format(b.totalSizeBytes()),
                b.experimentId());
    }

    public BooleanBinding canApply() {
        return Bindings.createBooleanBinding(
                () -> !job.isRunning()
                        && advice.get() != null
                        && !advice.get().kept().isEmpty(),
                job.runningProperty(),
                advice);
    }

    public BooleanBinding canUndo() {
        return Bindings.createBooleanBinding(
                () -> !job.isRunning() && build.get() != null, job.runningProperty(), build);
    }

    public ObservableList<IndexCandidate> candidates() {
        return candidates;
    }

    public ReadOnlyObjectProperty<IndexAdvice> adviceProperty() {
        return advice.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IndexBuild> buildProperty() {
        return build.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IndexProof> proofProperty() {
        return proof.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty buildSummaryProperty() {
        return buildSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sqlProperty() {
        return sql.getReadOnlyProperty();
    }

    public IntegerProperty roundsProperty() {
        return rounds;
    }

    public DatabaseChoice database() {
        return database;
    }

    public ObservableValue<Workload> workload() {
        return workload;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return job.messageProperty();
    }
}
