package io.miglab.app.dataset;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.datasets.pagila.Datasets;
import io.miglab.datasets.pagila.GenerateOptions;
import io.miglab.datasets.pagila.PagilaGeneration;
import io.miglab.datasets.pagila.PagilaImport;
import io.miglab.datasets.pagila.PagilaImporter;
import io.miglab.datasets.pagila.PagilaLoads;
import io.miglab.datasets.pagila.TableLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.TreeMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Load Pagila" step: import the official release from a folder, or generate a Pagila-compatible database at a
 * scale factor, into the current target. One load at a time, with progress and cancel; each load is an experiment.
 */
public final class DatasetViewModel {
    /** Rentals in the official Pagila; the generator's scale 1 is about this size. */
    public static final long OFFICIAL_RENTALS = 16_044;

    /** The scales the form accepts: scale 10000 is about 160M rentals, more than a laptop's disk wants. */
    public static final int MIN_SCALE = 1;

    public static final int MAX_SCALE = 10_000;

    private final Datasets datasets;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final Runnable onRecorded;

    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty importDatabase = new SimpleStringProperty(PagilaImporter.DEFAULT_DATABASE);
    private final IntegerProperty scale = new SimpleIntegerProperty(1);
    private final StringProperty scaleText = new SimpleStringProperty("1");
    private final ReadOnlyStringWrapper scaleProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canGenerate = new ReadOnlyBooleanWrapper(true);
    private final StringProperty seed = new SimpleStringProperty(Long.toString(GenerateOptions.DEFAULT_SEED));
    private final StringProperty generateDatabase = new SimpleStringProperty("pagila_s1");
    private final BooleanProperty replace = new SimpleBooleanProperty(false);
    private final PageJob job = new PageJob();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<TableLoad> tables = FXCollections.observableArrayList();

    /**
     * @param database the app's one database choice: a load makes the database it created the choice, so the next
     *     steps work in it
     * @param currentTarget the target to load into
     * @param onRecorded called after a load is stored (or fails), so the experiments list refreshes
     */
    public DatasetViewModel(
            Datasets datasets,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs,
            ObservableStringValue currentTarget,
            Runnable onRecorded) {
        this.datasets = datasets;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
        this.onRecorded = onRecorded;
        scaleText.addListener((obs, old, now) -> readScale(now));
        scale.addListener((obs, old, now) -> {
            if (!Integer.toString(now.intValue()).equals(scaleText.get().strip())) {
                scaleText.set(Integer.toString(now.intValue()));
            }
        });
        job.runningProperty()
                .addListener((obs, old, now) ->
                        canGenerate.set(!now && scaleProblem.get().isEmpty()));
        scale.addListener((obs, old, now) -> {
            if (generateDatabase.get().equals("pagila_s" + old)) {
                generateDatabase.set("pagila_s" + now);
            }
        });
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty importDatabaseProperty() {
        return importDatabase;
    }

    public IntegerProperty scaleProperty() {
        return scale;
    }

    /** The scale as typed; a valid one sets {@link #scaleProperty()}, anything else {@link #scaleProblemProperty()}. */
    public StringProperty scaleText() {
        return scaleText;
    }

    /** Why the typed scale cannot be used, in one line; empty when it can. */
    public ReadOnlyStringProperty scaleProblemProperty() {
        return scaleProblem.getReadOnlyProperty();
    }

    /** A load can start: the scale is valid and nothing runs. */
    public ReadOnlyBooleanProperty canGenerateProperty() {
        return canGenerate.getReadOnlyProperty();
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty generateDatabaseProperty() {
        return generateDatabase;
    }

    public BooleanProperty replaceProperty() {
        return replace;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** In [0, 1], or -1 while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return job.messageProperty();
    }

    /** One line on the last load: where, how many rows, how long; empty before the first. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Rows (and time, for generated loads) per table of the last load, largest first. */
    public ObservableList<TableLoad> tables() {
        return tables;
    }

    /** About how many rentals a generated load at the current scale holds, for the form's hint. */
    public long estimatedRentals() {
        return OFFICIAL_RENTALS * scale.get();
    }

    public void importOfficial() {
        String target = requireTarget();
        if (target == null) {
            return;
        }
        if (folder.get() == null || folder.get().isBlank()) {
            dialogs.showError("Import Pagila", "Choose the folder that holds pagila-schema.sql and pagila-data.sql.");
            return;
        }
        Path from = Path.of(folder.get().strip());
        String into = importDatabase.get().strip();
        boolean replaceExisting = replace.get();
        start(
                "Importing official Pagila into " + target + "/" + into,
                (p, cancel) -> datasets.importOfficial(target, from, into, replaceExisting, p, cancel),
                recorded -> {
                    PagilaImport result = recorded.result();
                    database.choose(result.database());
                    tables.setAll(new TreeMap<>(result.rowsPerTable())
                            .entrySet().stream()
                                    .map(e -> new TableLoad(
                                            e.getKey(),
                                            e.getValue(),
                                            result.timePerTable().getOrDefault(e.getKey(), Duration.ZERO)))
                                    .sorted((a, b) -> Long.compare(b.rows(), a.rows()))
                                    .toList());
                    summary.set(String.format(
                            Locale.ROOT,
                            "Imported the official Pagila into %s on %s: %,d rows in %.1f s (experiment #%d).",
                            result.database(),
                            target,
                            result.rowsCopied(),
                            seconds(result.elapsed()),
                            recorded.experimentId()));
                });
    }

    public void generate() {
        String target = requireTarget();
        if (target == null) {
            return;
        }
        if (!scaleProblem.get().isEmpty()) {
            return; // the form shows why, beside the scale
        }
        GenerateOptions options;
        try {
            options = GenerateOptions.of(scale.get(), generateDatabase.get().strip())
                    .withSeed(parseSeed(seed.get()))
                    .withReplace(replace.get());
        } catch (MigLabException | IllegalArgumentException e) {
            dialogs.showError("Generate Pagila", Errors.userMessage(e));
            return;
        }
        GenerateOptions chosen = options;
        start(
                "Generating Pagila scale " + chosen.scale() + " into " + target + "/" + chosen.database(),
                (p, cancel) -> datasets.generate(target, chosen, p, cancel),
                recorded -> {
                    PagilaGeneration result = recorded.result();
                    database.choose(result.database());
                    tables.setAll(result.tables());
                    summary.set(String.format(
                            Locale.ROOT,
                            "Generated %s on %s (scale %d, seed %d): %,d rows in %.1f s, %,.0f rows/s while copying"
                                    + " (experiment #%d).",
                            result.database(),
                            target,
                            result.scale(),
                            result.seed(),
                            result.totalRows(),
                            seconds(result.total()),
                            result.dataRowsPerSecond(),
                            recorded.experimentId()));
                });
    }

    /** Cancels the running load; the loader drops its half-built database and the experiment says cancelled. */
    public void cancel() {
        job.cancel();
    }

    private <T> void start(
            String title,
            io.miglab.app.task.Work<PagilaLoads.Recorded<T>> work,
            java.util.function.Consumer<PagilaLoads.Recorded<T>> done) {
        if (job.isRunning()) {
            return;
        }
        job.begin(title);
        TaskRunner.TaskHandle task = runner.submit(
                title,
                work,
                recorded -> {
                    job.end();
                    done.accept(recorded);
                    onRecorded.run();
                },
                error -> {
                    job.end();
                    onRecorded.run();
                    if (error instanceof CancelledException) {
                        summary.set("Cancelled; nothing was left behind.");
                    } else {
                        dialogs.showError("Loading Pagila failed", Errors.userMessage(error));
                    }
                });
        job.follow(task);
    }

    private String requireTarget() {
        String target = currentTarget.get();
        if (target == null) {
            dialogs.showError("Load Pagila", "Choose a target first: the lab instance, or a server you unlocked.");
        }
        return target;
    }

    private void readScale(String text) {
        String t = text == null ? "" : text.strip();
        int value;
        try {
            value = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < MIN_SCALE || value > MAX_SCALE) {
            scaleProblem.set("The scale must be a whole number from " + MIN_SCALE + " to " + MAX_SCALE + ".");
            canGenerate.set(false);
            return;
        }
        scaleProblem.set("");
        canGenerate.set(!job.isRunning());
        scale.set(value);
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new MigLabException("The seed '" + text + "' is not a whole number.");
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
