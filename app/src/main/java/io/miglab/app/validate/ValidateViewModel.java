package io.miglab.app.validate;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.Targets;
import io.miglab.core.validate.Check;
import io.miglab.core.validate.RowDifference;
import io.miglab.core.validate.TableParity;
import io.miglab.core.validate.ValidationReport;
import io.miglab.core.validate.ValidationRequest;
import io.miglab.core.validate.Validations;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Validate step: the chosen database on the current target (the destination) against the same database, or
 * another, on a source target; parity table by table down to the keys that differ, and the destination's integrity
 * checks. It only reads, so it works on guarded targets while they are locked.
 */
public final class ValidateViewModel {
    private final Validations validations;
    private final Targets targets;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final Runnable onRecorded;

    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final StringProperty source = new SimpleStringProperty();
    private final StringProperty sourceDatabase = new SimpleStringProperty("");
    private final StringProperty tables = new SimpleStringProperty("");
    private final PageJob job = new PageJob();
    private final ReadOnlyObjectWrapper<ValidationReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TableParity> tableRows = FXCollections.observableArrayList();
    private final ObservableList<Check> checks = FXCollections.observableArrayList();
    private final ObjectProperty<TableParity> selectedTable = new SimpleObjectProperty<>();
    private final ObservableList<RowDifference> differences = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public ValidateViewModel(
            Validations validations,
            Targets targets,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs,
            ObservableStringValue currentTarget,
            Runnable onRecorded) {
        this.validations = validations;
        this.targets = targets;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
        this.onRecorded = onRecorded;
        selectedTable.addListener((obs, old, t) -> differences.setAll(t == null ? List.of() : t.differences()));
    }

    /** The targets a source can be, read in the background. */
    public void refreshSources() {
        runner.submit(
                "Listing targets",
                (p, c) -> targets.list().stream().map(Target::name).toList(),
                names -> {
                    sources.setAll(names);
                    if (source.get() == null || !names.contains(source.get())) {
                        source.set(names.stream()
                                .filter(n -> !n.equals(currentTarget.get()))
                                .findFirst()
                                .orElse(null));
                    }
                },
                error -> dialogs.showError("Validate", Errors.userMessage(error)));
    }

    /** Compares the destination (current target, chosen database) with the source. */
    public void validate() {
        String destination = currentTarget.get();
        if (destination == null || source.get() == null) {
            dialogs.showError("Validate", "Choose the source target and the destination (the current target).");
            return;
        }
        if (job.isRunning()) {
            return;
        }
        String chosen = database.selected();
        ValidationRequest request;
        try {
            request = new ValidationRequest(
                    source.get(),
                    destination,
                    sourceDatabase.get() == null || sourceDatabase.get().isBlank() ? chosen : sourceDatabase.get(),
                    chosen,
                    ValidationRequest.split(tables.get()),
                    List.of(),
                    null);
        } catch (MigLabException e) {
            dialogs.showError("Validate", Errors.userMessage(e));
            return;
        }
        String title = "Validating " + destination + " against " + source.get();
        job.submit(
                runner,
                title,
                (p, c) -> validations.validate(request, p, c),
                done -> {
                    show(done.experimentId(), done.report());
                    onRecorded.run();
                },
                error -> {
                    onRecorded.run();
                    if (!(error instanceof CancelledException)) {
                        dialogs.showError("Validation failed", Errors.userMessage(error));
                    }
                });
    }

    public void cancel() {
        job.cancel();
    }

    private void show(long experimentId, ValidationReport r) {
        report.set(r);
        // Tables that differ first, so the eye lands on them.
        tableRows.setAll(r.tables().stream()
                .sorted(java.util.Comparator.comparing(TableParity::passed).thenComparing(TableParity::table))
                .toList());
        checks.setAll(r.checks());
        selectedTable.set(
                tableRows.stream().filter(t -> !t.passed()).findFirst().orElse(null));
        long differing = r.tables().stream().filter(t -> !t.passed()).count();
        long rows = r.tables().stream().mapToLong(TableParity::sourceRows).sum();
        summary.set(String.format(
                Locale.ROOT,
                "%s: %s/%s (PostgreSQL %s) against %s/%s (PostgreSQL %s), %d table(s), %,d source row(s), %d"
                        + " differ; %d of %d checks pass. Experiment #%d, %.2f s.",
                r.passed() ? "PASSED" : "FAILED",
                r.target(),
                r.targetDatabase(),
                r.targetVersion(),
                r.source(),
                r.sourceDatabase(),
                r.sourceVersion(),
                r.tables().size(),
                rows,
                differing,
                r.checks().stream().filter(Check::passed).count(),
                r.checks().size(),
                experimentId,
                r.seconds()));
    }

    public ObservableList<String> sources() {
        return sources;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty sourceDatabaseProperty() {
        return sourceDatabase;
    }

    public StringProperty tablesProperty() {
        return tables;
    }

    public DatabaseChoice database() {
        return database;
    }

    public ReadOnlyObjectProperty<ValidationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<TableParity> tableRows() {
        return tableRows;
    }

    public ObservableList<Check> checks() {
        return checks;
    }

    public ObjectProperty<TableParity> selectedTableProperty() {
        return selectedTable;
    }

    public ObservableList<RowDifference> differences() {
        return differences;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
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
