package io.miglab.app.dataset;

import io.miglab.app.task.BackgroundTask;
import io.miglab.app.task.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.Workspace;
import io.miglab.datasets.pagila.DatasetExperiments;
import io.miglab.datasets.pagila.GenerateOptions;
import io.miglab.datasets.pagila.PagilaGeneration;
import io.miglab.datasets.pagila.PagilaImport;
import io.miglab.datasets.pagila.PagilaImporter;
import io.miglab.datasets.pagila.TableLoad;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Load Pagila" step: import the official release from a folder, or generate a Pagila-compatible database at a
 * scale, on the current target. Work runs through the {@link TaskRunner} (status bar, cancel button); the page
 * shows the same progress and, at the end, rows per table. Both operations are recorded in the ledger.
 */
public final class DatasetViewModel {
    /** Where people get the official files; shown on the page. */
    public static final String PAGILA_SOURCE = "https://github.com/devrimgunduz/pagila";

    private final Workspace workspace;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;

    private final ReadOnlyStringWrapper folder = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper officialDatabase = new ReadOnlyStringWrapper(PagilaImporter.DEFAULT_DATABASE);
    private final ReadOnlyIntegerWrapper scale = new ReadOnlyIntegerWrapper(1);
    private final ReadOnlyStringWrapper seed = new ReadOnlyStringWrapper(Long.toString(GenerateOptions.DEFAULT_SEED));
    private final ReadOnlyStringWrapper generatedDatabase = new ReadOnlyStringWrapper("pagila_s1");
    private final ReadOnlyBooleanWrapper replace = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<TableRows> results = FXCollections.observableArrayList();
    private TaskRunner.TaskHandle running;

    /** One line of the result table. */
    public record TableRows(String table, long rows, String seconds) {}

    /** @param currentTarget the name of the target the app works on (the target bar's choice) */
    public DatasetViewModel(
            Workspace workspace, TaskRunner runner, DialogService dialogs, ObservableStringValue currentTarget) {
        this.workspace = workspace;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
    }

    public ReadOnlyStringProperty folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty officialDatabaseProperty() {
        return officialDatabase.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty seedProperty() {
        return seed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty generatedDatabaseProperty() {
        return generatedDatabase.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty replaceProperty() {
        return replace.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** In [0, 1], or -1 while the work cannot tell (an indeterminate bar). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Rows per table of the last finished load. */
    public ObservableList<TableRows> results() {
        return results;
    }

    // ---- inputs --------------------------------------------------------------------------------------------

    public void setFolder(String value) {
        folder.set(value == null ? "" : value.strip());
    }

    public void setOfficialDatabase(String value) {
        officialDatabase.set(value == null ? "" : value.strip());
    }

    /** Also moves the generated database's name along while it still has the default form {@code pagila_sN}. */
    public void setScale(int value) {
        if (generatedDatabase.get().equals("pagila_s" + scale.get())) {
            generatedDatabase.set("pagila_s" + value);
        }
        scale.set(value);
    }

    public void setSeed(String value) {
        seed.set(value == null ? "" : value.strip());
    }

    public void setGeneratedDatabase(String value) {
        generatedDatabase.set(value == null ? "" : value.strip());
    }

    public void setReplace(boolean value) {
        replace.set(value);
    }

    // ---- commands ------------------------------------------------------------------------------------------

    /** Imports the official Pagila from the folder into the current target. */
    public void importOfficial() {
        String target = target();
        if (target == null || busy.get()) {
            return;
        }
        if (folder.get().isEmpty()) {
            dialogs.showError(
                    "Choose the Pagila folder",
                    "Choose the folder holding pagila-schema.sql and pagila-data.sql (download them from "
                            + PAGILA_SOURCE + ").");
            return;
        }
        Path path = Path.of(folder.get());
        String database = officialDatabase.get();
        boolean replaceExisting = replace.get();
        start(
                "Importing Pagila into " + database,
                (reporter, cancel) -> new DatasetExperiments(workspace.ledger())
                        .importOfficial(
                                target,
                                workspace.targets().connector(target),
                                path,
                                database,
                                replaceExisting,
                                reporter,
                                cancel),
                (PagilaImport result) -> {
                    List<TableRows> rows = new TreeMap<>(result.rowsPerTable())
                            .entrySet().stream()
                                    .map(e -> new TableRows(e.getKey(), e.getValue(), ""))
                                    .toList();
                    finish(
                            rows,
                            String.format(
                                    Locale.ROOT,
                                    "Imported the official Pagila into %s: %,d rows in %.1f s.",
                                    result.database(),
                                    result.rowsCopied(),
                                    result.elapsed().toNanos() / 1e9));
                });
    }

    /** Generates a Pagila-compatible database at the chosen scale on the current target. */
    public void generate() {
        String target = target();
        if (target == null || busy.get()) {
            return;
        }
        long seedValue;
        try {
            seedValue = Long.parseLong(seed.get());
        } catch (NumberFormatException e) {
            dialogs.showError("Invalid seed", "The seed must be a whole number, not \"" + seed.get() + "\".");
            return;
        }
        GenerateOptions options = GenerateOptions.of(scale.get(), generatedDatabase.get())
                .withSeed(seedValue)
                .withReplace(replace.get());
        start(
                "Generating Pagila scale " + options.scale() + " into " + options.database(),
                (reporter, cancel) -> new DatasetExperiments(workspace.ledger())
                        .generate(target, workspace.targets().connector(target), options, reporter, cancel),
                (PagilaGeneration result) -> {
                    List<TableRows> rows = result.tables().stream()
                            .map(t -> new TableRows(t.table(), t.rows(), seconds(t)))
                            .toList();
                    finish(
                            rows,
                            String.format(
                                    Locale.ROOT,
                                    "Generated %s (scale %d, seed %d): %,d rows in %.1f s.",
                                    result.database(),
                                    result.scale(),
                                    result.seed(),
                                    result.totalRows(),
                                    result.total().toNanos() / 1e9));
                });
    }

    /** Cancels the running load; the half-built database is dropped. */
    public void cancel() {
        if (running != null && !running.isDone()) {
            running.cancel();
        }
    }

    private <T> void start(String title, io.miglab.app.task.Work<T> work, java.util.function.Consumer<T> done) {
        busy.set(true);
        progress.unbind();
        progress.set(-1);
        status.unbind();
        status.set(title + "\u2026");
        results.clear();
        running = runner.submit(title, work, result -> done.accept(result), error -> {
            unbindProgress();
            busy.set(false);
            progress.set(0);
            if (error instanceof CancelledException) {
                status.set("Cancelled; nothing was left behind.");
            } else {
                status.set("Failed: " + Errors.userMessage(error));
                dialogs.showError(title + " failed", Errors.userMessage(error));
            }
        });
        if (!running.isDone()) {
            if (running instanceof BackgroundTask task) {
                progress.bind(task.progressProperty());
            }
            status.bind(javafx.beans.binding.Bindings.when(javafx.beans.binding.Bindings.isEmpty(running.message()))
                    .then(title + "\u2026")
                    .otherwise(running.message()));
        }
    }

    private void finish(List<TableRows> rows, String message) {
        unbindProgress();
        busy.set(false);
        progress.set(1);
        results.setAll(rows);
        status.set(message);
        dialogs.notify(message);
    }

    private void unbindProgress() {
        progress.unbind();
        status.unbind();
    }

    private String target() {
        String target = currentTarget.get();
        if (target == null) {
            dialogs.showError("No target", "Choose the target to load Pagila into (the target bar, at the top).");
        }
        return target;
    }

    private static String seconds(TableLoad load) {
        return String.format(Locale.ROOT, "%.2f", load.elapsed().toNanos() / 1e9);
    }
}
