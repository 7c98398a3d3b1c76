package io.miglab.app.workload;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.AbTests;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.Verdict;
import io.miglab.core.workload.Workload;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;

/**
 * An A/B test in interleaved rounds on the chosen target and database, with the page's workload: what each side's
 * setup is, how many rounds, then B against A per statement. The setups run through the target's gate, so a
 * guarded target that is not unlocked refuses a setup that writes, and says so before a round is measured.
 */
public final class AbTestViewModel {
    private final AbTests abTests;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final ObservableValue<Workload> workload;
    private final Runnable onRecorded;

    private final StringProperty aLabel = new SimpleStringProperty("A: as it is");
    private final StringProperty aSetup = new SimpleStringProperty("");
    private final StringProperty bLabel = new SimpleStringProperty("B: with the change");
    private final StringProperty bSetup = new SimpleStringProperty("");
    private final IntegerProperty rounds = new SimpleIntegerProperty(AbRequest.DEFAULT_ROUNDS);
    private final IntegerProperty iterations = new SimpleIntegerProperty(20);
    private final PageJob job = new PageJob();
    private final ReadOnlyObjectWrapper<AbRun> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    /**
     * @param workload the statements to measure: the page's chosen workload
     * @param onRecorded called after the test is stored, so the experiments list refreshes
     */
    public AbTestViewModel(
            AbTests abTests,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs,
            ObservableStringValue currentTarget,
            ObservableValue<Workload> workload,
            Runnable onRecorded) {
        this.abTests = abTests;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
        this.workload = workload;
        this.onRecorded = onRecorded;
    }

    /** Runs the test; the result and its summary arrive when it ends, a cancelled one with the rounds it finished. */
    public void run() {
        String target = currentTarget.get();
        Workload statements = workload.getValue();
        if (target == null || statements == null) {
            dialogs.showError("A/B test", "Choose a target and a workload first.");
            return;
        }
        if (job.isRunning()) {
            return;
        }
        AbRequest request;
        try {
            request = new AbRequest(
                    target,
                    database.selected(),
                    new BaselineRequest.WorkloadSource.Given(statements),
                    AbRequest.AbSide.of(orDefault(aLabel.get(), "A"), aSetup.get()),
                    AbRequest.AbSide.of(orDefault(bLabel.get(), "B"), bSetup.get()),
                    rounds.get(),
                    AbRequest.defaultRound().withIterations(iterations.get()),
                    null);
        } catch (MigLabException e) {
            dialogs.showError("A/B test", Errors.userMessage(e));
            return;
        }
        String title = "A/B test of " + statements.name() + " on " + target;
        job.submit(
                runner,
                title,
                (progress, cancel) -> abTests.run(request, progress, cancel),
                run -> {
                    show(run);
                    onRecorded.run();
                },
                error -> {
                    onRecorded.run();
                    if (!(error instanceof CancelledException)) {
                        dialogs.showError("A/B test failed", Errors.userMessage(error));
                    }
                });
    }

    public void cancel() {
        job.cancel();
    }

    /** Shows a stored test again, for the Experiments page. */
    public void open(long experimentId) {
        runner.submit(
                "Opening A/B test #" + experimentId,
                (p, cancel) -> abTests.open(experimentId),
                this::show,
                error -> dialogs.showError("A/B test", Errors.userMessage(error)));
    }

    private void show(AbRun run) {
        result.set(run);
        long pairs = run.rounds().stream()
                .filter(r -> r.counted() && r.side() == 'B')
                .count();
        long faster = count(run, Verdict.FASTER);
        long slower = count(run, Verdict.SLOWER);
        long same = count(run, Verdict.NO_SIGNIFICANT_CHANGE);
        summary.set(String.format(
                Locale.ROOT,
                "Experiment #%d%s: %s against %s over %d interleaved pairs of rounds: %d faster, %d slower, %d no"
                        + " significant change. Ratio = median B / median A; the bar is its 95 %% interval.",
                run.experimentId(),
                run.cancelled() ? " (cancelled)" : "",
                run.bLabel(),
                run.aLabel(),
                pairs,
                faster,
                slower,
                same));
    }

    private static long count(AbRun run, Verdict v) {
        return run.comparison().statements().stream()
                .map(StatementComparison::verdict)
                .filter(v::equals)
                .count();
    }

    private static String orDefault(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip();
    }

    public StringProperty aLabelProperty() {
        return aLabel;
    }

    public StringProperty aSetupProperty() {
        return aSetup;
    }

    public StringProperty bLabelProperty() {
        return bLabel;
    }

    public StringProperty bSetupProperty() {
        return bSetup;
    }

    public IntegerProperty roundsProperty() {
        return rounds;
    }

    public IntegerProperty iterationsProperty() {
        return iterations;
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

    public ReadOnlyObjectProperty<AbRun> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
