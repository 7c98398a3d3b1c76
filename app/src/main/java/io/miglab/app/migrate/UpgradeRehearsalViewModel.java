package io.miglab.app.migrate;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.migrate.upgrade.UpgradeRehearsal;
import io.miglab.core.migrate.upgrade.UpgradeRequest;
import io.miglab.core.targets.lab.PostgresRelease;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Migrate step's upgrade rehearsal: the chosen database of the current target (a lab instance on the old major)
 * dumped with the pg_dump that fits it, restored into a lab instance on the new major, validated, and the same
 * baseline run and compared on both. Says up front whether this machine's pg_dump allows it.
 */
public final class UpgradeRehearsalViewModel {
    private final UpgradeRehearsal upgrades;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final ObservableValue<Workload> workload;
    private final Runnable onRecorded;

    private final IntegerProperty toMajor = new SimpleIntegerProperty(PostgresRelease.DEFAULT_MAJOR);
    private final ReadOnlyStringWrapper offer = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<UpgradeRehearsal.Step> steps = FXCollections.observableArrayList();
    private final PageJob job = new PageJob();

    public UpgradeRehearsalViewModel(
            UpgradeRehearsal upgrades,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs,
            ObservableStringValue currentTarget,
            ObservableValue<Workload> workload,
            Runnable onRecorded) {
        this.upgrades = upgrades;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
        this.workload = workload;
        this.onRecorded = onRecorded;
        toMajor.addListener((obs, old, now) -> checkOffer());
        currentTarget.addListener((obs, old, now) -> checkOffer());
        database.selectedProperty().addListener((obs, old, now) -> checkOffer());
    }

    /** The majors MigLab runs lab instances of. */
    public List<Integer> majors() {
        return PostgresRelease.supported().stream().map(PostgresRelease::major).toList();
    }

    private UpgradeRequest request() {
        Workload w = workload.getValue() != null ? workload.getValue() : PagilaWorkload.bundled();
        return UpgradeRequest.of(
                currentTarget.get(), database.selected(), toMajor.get(), new BaselineRequest.WorkloadSource.Given(w));
    }

    /** Asks, in the background, whether this machine's pg_dump fits the current target. */
    public void checkOffer() {
        if (currentTarget.get() == null) {
            offer.set("Choose the target to upgrade from (a lab instance on the old major).");
            return;
        }
        UpgradeRequest request;
        try {
            request = request();
        } catch (MigLabException e) {
            offer.set(Errors.userMessage(e));
            return;
        }
        runner.submit(
                "Checking pg_dump for " + request.from(),
                (p, c) -> upgrades.offer(request),
                o -> offer.set(
                        o.available()
                                ? "Available: " + request.from() + " will be dumped, restored into " + request.to()
                                        + " (PostgreSQL " + request.toMajor()
                                        + "), validated and baselined on both sides."
                                : "Not available here: " + o.reason()),
                error -> offer.set(Errors.userMessage(error)));
    }

    public void rehearse() {
        UpgradeRequest request;
        try {
            request = request();
        } catch (MigLabException e) {
            dialogs.showError("Upgrade rehearsal", Errors.userMessage(e));
            return;
        }
        steps.clear();
        summary.set("");
        job.submit(
                runner,
                "Rehearsing the upgrade of " + request.from() + " to PostgreSQL " + request.toMajor(),
                (p, c) -> upgrades.rehearse(request, p, c),
                done -> {
                    UpgradeRehearsal.UpgradeReport r = done.report();
                    steps.setAll(r.steps());
                    summary.set(String.format(
                            Locale.ROOT,
                            "%s: %s (PostgreSQL %s) to %s (PostgreSQL %s) in %.1f s%s. Experiment #%d.",
                            r.passed() ? "PASSED" : "FAILED",
                            r.from(),
                            r.fromVersion(),
                            r.to(),
                            r.toVersion(),
                            r.seconds(),
                            r.failure() == null ? "" : ": " + r.failure(),
                            done.experimentId()));
                    onRecorded.run();
                },
                error -> {
                    onRecorded.run();
                    if (!(error instanceof CancelledException)) {
                        dialogs.showError("Upgrade rehearsal", Errors.userMessage(error));
                    }
                });
    }

    public void cancel() {
        job.cancel();
    }

    public IntegerProperty toMajorProperty() {
        return toMajor;
    }

    public ReadOnlyStringProperty offerProperty() {
        return offer.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<UpgradeRehearsal.Step> steps() {
        return steps;
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
