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
import io.miglab.core.validate.SideBySide;
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
    private final ObjectProperty<RowDifference> selectedDifference = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<SideBySide> sideBySide = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ColumnValues> rowValues = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rowNote = new ReadOnlyStringWrapper("");

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
        selectedTable.addListener((obs, old, t) -> {
            selectedDifference.set(null);
            differences.setAll(t == null ? List.of() : t.differences());
            loadSideBySide(t);
        });
        selectedDifference.addListener((obs, old, d) -> showRow());
        sideBySide.addListener((obs, old, rows) -> showRow());
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

    /** Fetches the values of the selected table's first differing rows on both sides, in the background. */
    private void loadSideBySide(TableParity t) {
        sideBySide.set(null);
        ValidationReport r = report.get();
        if (t == null || r == null || t.differences().isEmpty() || t.key().isEmpty()) {
            rowNote.set(
                    t != null && !t.passed() && t.key().isEmpty()
                            ? "This table has no key: only its whole-table hash was compared, so no row can be named."
                            : "");
            return;
        }
        List<List<String>> keys = t.differences().stream()
                .limit(SideBySide.MAX_KEYS)
                .map(RowDifference::key)
                .toList();
        rowNote.set("Reading the rows on both sides...");
        runner.submit(
                "Reading the differing rows of " + t.table(),
                (p, c) -> validations.sideBySide(
                        r.source(), r.sourceDatabase(), r.target(), r.targetDatabase(), t.table(), keys),
                rows -> {
                    if (t.equals(selectedTable.get())) {
                        sideBySide.set(rows);
                        rowNote.set(
                                t.differences().size() > keys.size()
                                        ? "Values shown for the first " + keys.size() + " differing rows."
                                        : "");
                        if (selectedDifference.get() == null) {
                            selectedDifference.set(t.differences().get(0));
                        }
                    }
                },
                error -> rowNote.set("Could not read the rows: " + Errors.userMessage(error)));
    }

    private void showRow() {
        SideBySide rows = sideBySide.get();
        RowDifference d = selectedDifference.get();
        if (rows == null || d == null) {
            rowValues.clear();
            return;
        }
        SideBySide.RowPair pair = rows.rows().stream()
                .filter(p -> p.key().equals(d.key()))
                .findFirst()
                .orElse(null);
        if (pair == null) {
            rowValues.clear();
            return;
        }
        List<ColumnValues> values = new java.util.ArrayList<>();
        for (int i = 0; i < rows.columns().size(); i++) {
            values.add(new ColumnValues(
                    rows.columns().get(i),
                    pair.source() == null ? null : pair.source().get(i),
                    pair.target() == null ? null : pair.target().get(i),
                    pair.source() != null,
                    pair.target() != null,
                    pair.differs(i)));
        }
        rowValues.setAll(values);
    }

    /**
     * One column of the selected row on both sides.
     *
     * @param source the source's text, null for NULL or no row
     * @param inSource whether the source has the row at all
     */
    public record ColumnValues(
            String column, String source, String target, boolean inSource, boolean inTarget, boolean differs) {
        public String sourceText() {
            return inSource ? (source == null ? "NULL" : source) : "(no row)";
        }

        public String targetText() {
            return inTarget ? (target == null ? "NULL" : target) : "(no row)";
        }
    }

    public ObjectProperty<RowDifference> selectedDifferenceProperty() {
        return selectedDifference;
    }

    public ReadOnlyObjectProperty<SideBySide> sideBySideProperty() {
        return sideBySide.getReadOnlyProperty();
    }

    /** The selected differing row, column by column on both sides. */
    public ObservableList<ColumnValues> rowValues() {
        return rowValues;
    }

    public ReadOnlyStringProperty rowNoteProperty() {
        return rowNote.getReadOnlyProperty();
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
