package io.miglab.app.migration;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.TextFiles;
import io.miglab.core.migration.lint.Finding;
import io.miglab.core.migration.lint.LintReport;
import io.miglab.core.migration.lint.LintRequest;
import io.miglab.core.migration.lint.ScriptLint;
import io.miglab.core.migration.lint.Severity;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Script review page: a data-migration script opened from a file, linted as a reviewer would (with the current
 * target's table sizes and indexes when asked), its findings listed and marked on their lines.
 */
public final class ScriptReviewViewModel {
    static final List<DialogService.FileType> SCRIPTS =
            List.of(DialogService.FileType.of("SQL scripts (*.sql)", "*.sql"), DialogService.FileType.ALL);

    private final ScriptLint lint;
    private final ObservableStringValue currentTarget;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;

    private final ReadOnlyObjectWrapper<Path> script = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final BooleanProperty sized = new SimpleBooleanProperty(true);
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final PageJob job = new PageJob();

    private final io.miglab.core.migration.timing.ScriptTiming timing;
    private final java.util.function.Supplier<java.time.Duration> goalsWindow;
    private final javafx.beans.property.StringProperty sizes =
            new javafx.beans.property.SimpleStringProperty("1%,3%,10%,30%");
    private final javafx.beans.property.StringProperty threshold = new javafx.beans.property.SimpleStringProperty("");
    private final BooleanProperty tryFixes = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<io.miglab.core.migration.timing.TimingResult> timed =
            new ReadOnlyObjectWrapper<>();
    private final ObservableList<io.miglab.core.migration.timing.GrowthModels.Assessment> assessments =
            FXCollections.observableArrayList();

    public ScriptReviewViewModel(
            ScriptLint lint,
            ObservableStringValue currentTarget,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs) {
        this(lint, null, () -> null, currentTarget, database, runner, dialogs);
    }

    /**
     * @param timing times the script at several sizes on the current target (a lab), or null where not offered
     * @param goalsWindow the Goals step's migration window (read in the background), or null when not set
     */
    public ScriptReviewViewModel(
            ScriptLint lint,
            io.miglab.core.migration.timing.ScriptTiming timing,
            java.util.function.Supplier<java.time.Duration> goalsWindow,
            ObservableStringValue currentTarget,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs) {
        this.timing = timing;
        this.goalsWindow = goalsWindow;
        this.lint = lint;
        this.currentTarget = currentTarget;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
    }

    /** Asks for a script, shows it and lints it. */
    public void open() {
        dialogs.openFile("Open a migration script", SCRIPTS).ifPresent(this::open);
    }

    public void open(Path file) {
        job.submit(
                runner,
                "Reading " + file.getFileName(),
                (p, c) -> TextFiles.read(file, TextFiles.DEFAULT_MAX_BYTES, "the script"),
                content -> {
                    script.set(file);
                    text.set(content);
                    lint();
                },
                error -> dialogs.showError("Script review", Errors.userMessage(error)));
    }

    /** Lints the script again (after an edit on disk, or another target or database). */
    public void lint() {
        Path file = script.get();
        if (file == null) {
            open();
            return;
        }
        String target = sized.get() ? currentTarget.get() : null;
        String db = target == null ? null : database.selected();
        job.submit(
                runner,
                "Linting " + file.getFileName(),
                (p, c) -> {
                    String content = TextFiles.read(file, TextFiles.DEFAULT_MAX_BYTES, "the script");
                    return new Linted(content, lint.lint(new LintRequest(file, target, db, null)));
                },
                linted -> {
                    text.set(linted.content());
                    findings.setAll(linted.report().findings());
                    summary.set(summary(linted.report(), target, db));
                },
                error -> {
                    findings.clear();
                    summary.set("Not linted: " + Errors.userMessage(error));
                    dialogs.showError("Script review", Errors.userMessage(error));
                });
    }

    private record Linted(String content, LintReport report) {}

    /**
     * Times the script at the sizes given, as fractions of the current target's database sampled with its foreign
     * keys kept, each run on a fresh copy; fits, projects and judges it against the threshold (or the Goals step's
     * window), with each mechanical fix the lint suggests beside it. Esc cancels; the copies are dropped.
     */
    public void time() {
        Path file = script.get();
        String target = currentTarget.get();
        if (file == null || timing == null) {
            return;
        }
        if (target == null) {
            dialogs.showError(
                    "Script review",
                    "Choose a lab target to time the script on: it samples the chosen"
                            + " database there and runs the script on copies.");
            return;
        }
        io.miglab.core.migration.timing.TimingRequest request;
        java.time.Duration given;
        try {
            List<Double> fractions = io.miglab.core.migration.timing.TimingRequest.parseSizes(sizes.get());
            given = threshold.get().isBlank()
                    ? null
                    : io.miglab.core.units.Durations.parse(threshold.get().strip(), "the window");
            request = new io.miglab.core.migration.timing.TimingRequest(
                    file, target, database.selected(), fractions, null, null, given, tryFixes.get(), 1, true);
        } catch (io.miglab.core.MigLabException e) {
            dialogs.showError("Script review", Errors.userMessage(e));
            return;
        }
        io.miglab.core.migration.timing.TimingRequest asked = request;
        job.submit(
                runner,
                "Timing " + file.getFileName() + " at " + sizes.get(),
                (progress, cancellation) -> {
                    io.miglab.core.migration.timing.TimingRequest r = asked;
                    if (r.threshold() == null) {
                        java.time.Duration w = goalsWindow.get();
                        if (w != null) {
                            r = new io.miglab.core.migration.timing.TimingRequest(
                                    r.script(),
                                    r.target(),
                                    r.database(),
                                    r.fractions(),
                                    r.productionTable(),
                                    r.productionRows(),
                                    w,
                                    r.tryFixes(),
                                    r.repeats(),
                                    r.plans());
                        }
                    }
                    io.miglab.core.migration.timing.TimingResult result = timing.time(r, progress, cancellation);
                    return new Timed(result, result.assessments());
                },
                t -> showTiming(t.result(), t.assessments()),
                error -> {
                    if (!(error instanceof io.miglab.core.CancelledException)) {
                        dialogs.showError("Script review", Errors.userMessage(error));
                    }
                });
    }

    private record Timed(
            io.miglab.core.migration.timing.TimingResult result,
            List<io.miglab.core.migration.timing.GrowthModels.Assessment> assessments) {}

    /** Shows a timing, each variant with its models for the chart (fitted in the background). */
    void showTiming(
            io.miglab.core.migration.timing.TimingResult r,
            List<io.miglab.core.migration.timing.GrowthModels.Assessment> out) {
        // The result first, for the window the chart draws; then the assessments everyone waits for.
        timed.set(r);
        assessments.setAll(out);
    }

    public javafx.beans.property.StringProperty sizesProperty() {
        return sizes;
    }

    /** The migration window to judge against; blank for the Goals step's. */
    public javafx.beans.property.StringProperty thresholdProperty() {
        return threshold;
    }

    public BooleanProperty tryFixesProperty() {
        return tryFixes;
    }

    public ReadOnlyObjectProperty<io.miglab.core.migration.timing.TimingResult> timedProperty() {
        return timed.getReadOnlyProperty();
    }

    public ObservableList<io.miglab.core.migration.timing.GrowthModels.Assessment> assessments() {
        return assessments;
    }

    public boolean canTime() {
        return timing != null;
    }

    public void cancel() {
        job.cancel();
    }

    public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return job.messageProperty();
    }

    static String summary(LintReport r, String target, String db) {
        return r.count(Severity.ERROR) + " error(s), " + r.count(Severity.WARNING) + " warning(s), "
                + r.count(Severity.INFO) + " note(s); "
                + (r.sized()
                        ? "table sizes and indexes from " + target + (db == null ? "" : " (" + db + ")") + "."
                        : "no target: table sizes and indexes not checked.");
    }

    /** The 1-based lines that hold a finding, worst severity per line, for the editor's gutter. */
    public java.util.Map<Integer, Severity> markedLines() {
        java.util.Map<Integer, Severity> out = new java.util.HashMap<>();
        for (Finding f : findings) {
            out.merge(f.line(), f.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return out;
    }

    public ReadOnlyObjectProperty<Path> scriptProperty() {
        return script.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Whether to read table sizes and indexes from the current target. */
    public BooleanProperty sizedProperty() {
        return sized;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public DatabaseChoice database() {
        return database;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }
}
