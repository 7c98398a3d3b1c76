package io.miglab.app.advisor;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.advisor.config.ConfigAdvice;
import io.miglab.core.advisor.config.ConfigAdvisor;
import io.miglab.core.advisor.config.ConfigApplyRequest;
import io.miglab.core.advisor.config.ConfigApplyResult;
import io.miglab.core.advisor.config.ConfigProveRequest;
import io.miglab.core.advisor.config.MachineResources;
import io.miglab.core.advisor.config.PgTuneInputs;
import io.miglab.core.advisor.config.PgTuneInputs.DataSize;
import io.miglab.core.advisor.config.PgTuneInputs.DbType;
import io.miglab.core.advisor.config.PgTuneInputs.Os;
import io.miglab.core.advisor.config.PgTuneInputs.Storage;
import io.miglab.core.advisor.config.Recommendation;
import io.miglab.core.advisor.config.SettingDiff;
import io.miglab.core.units.Ranges;
import io.miglab.core.units.Sizes;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.Verdict;
import io.miglab.core.workload.Workload;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Config tuning step: PGTune's inputs prefilled from the machine and the target, the recommended settings, the
 * diff against the target's pg_settings, and apply (the ALTER SYSTEM text shown first), roll back and prove with an
 * interleaved A/B test. The calculation is pure and runs at once; everything that reaches a server runs in the
 * background.
 */
public final class ConfigTuningViewModel {
    private final ConfigAdvisor advisor;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final ObservableValue<Workload> workload;
    private final Runnable onRecorded;

    private final StringProperty ram = new SimpleStringProperty("");
    private final IntegerProperty cpus = new SimpleIntegerProperty(1);
    private final ObjectProperty<DbType> type = new SimpleObjectProperty<>(DbType.WEB);
    private final StringProperty connections = new SimpleStringProperty("");
    private final ObjectProperty<Storage> storage = new SimpleObjectProperty<>(Storage.SSD);
    private final ObjectProperty<Os> os = new SimpleObjectProperty<>(Os.LINUX);
    private final IntegerProperty version = new SimpleIntegerProperty(18);
    private final ObjectProperty<DataSize> dataSize = new SimpleObjectProperty<>(DataSize.MID);
    private final IntegerProperty rounds = new SimpleIntegerProperty(AbRequest.DEFAULT_ROUNDS);
    private final IntegerProperty iterations = new SimpleIntegerProperty(20);

    private final ReadOnlyStringWrapper prefillNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper inputProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper conf = new ReadOnlyStringWrapper("");
    private final ObservableList<Recommendation> settings = FXCollections.observableArrayList();
    private final ObservableList<SettingDiff> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper writable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ConfigApplyResult> lastApply = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<AbRun> abResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final PageJob job = new PageJob();
    private ConfigAdvice advice;
    private boolean prefilling;
    private boolean prefilled;

    /**
     * @param workload the workload Prove measures (the Baseline page's); the bundled Pagila workload when none
     * @param onRecorded called after an experiment is stored, so the experiments list refreshes
     */
    public ConfigTuningViewModel(
            ConfigAdvisor advisor,
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
        // Once the page has been shown, another target means another server version and pg_settings.
        currentTarget.addListener((obs, old, now) -> {
            if (prefilled) {
                prefill();
            }
        });
        database.selectedProperty().addListener((obs, old, now) -> {
            if (prefilled && now != null) {
                refreshDiff();
            }
        });
        for (ObservableValue<?> input : List.of(ram, cpus, type, connections, storage, os, version, dataSize)) {
            input.addListener((obs, old, now) -> {
                if (!prefilling) {
                    recompute();
                }
            });
        }
    }

    /** Fills the inputs from the machine (container limits first) and the target's server version, then compares. */
    public void prefill() {
        prefilled = true;
        String target = currentTarget.get();
        String db = database.selected();
        runner.submit(
                "Reading this machine" + (target == null ? "" : " and " + target),
                (p, cancel) -> {
                    try {
                        return new Prefill(advisor.defaults(target, db), advisor.machine(), target, null);
                    } catch (MigLabException e) {
                        // The machine alone still gives every input but the version; all of it off the FX thread.
                        return new Prefill(advisor.defaults(null, null), advisor.machine(), null, e);
                    }
                },
                this::fill,
                error -> prefillNote.set("Could not read this machine: " + Errors.userMessage(error)));
    }

    /** @param problem why the target could not be read, or null */
    private record Prefill(PgTuneInputs inputs, MachineResources machine, String target, MigLabException problem) {}

    private void fill(Prefill p) {
        prefilling = true;
        try {
            PgTuneInputs in = p.inputs();
            ram.set(sizeText(in.ramBytes()));
            cpus.set(in.cpus());
            version.set(in.version());
            os.set(in.os());
        } finally {
            prefilling = false;
        }
        MachineResources m = p.machine();
        String from = String.format(
                Locale.ROOT,
                "Prefilled from this machine: %s (%s), %d CPUs (%s)",
                Sizes.format(m.ramBytes()),
                m.ramSource(),
                m.cpus(),
                m.cpuSource());
        if (p.target() != null) {
            from += "; PostgreSQL " + p.inputs().version() + " from " + p.target();
        }
        prefillNote.set(
                p.problem() == null
                        ? from + "."
                        : "Could not read the target: " + Errors.userMessage(p.problem()) + " " + from + ".");
        recompute();
    }

    /** Recomputes the advice from the inputs (at once) and compares it with the target (in the background). */
    public void recompute() {
        PgTuneInputs in;
        try {
            in = inputs();
        } catch (MigLabException e) {
            inputProblem.set(e.getMessage());
            return;
        }
        inputProblem.set("");
        advice = advisor.advise(in);
        settings.setAll(advice.settings());
        conf.set(advice.postgresqlConf());
        refreshDiff();
    }

    /** The inputs as typed, validated; a one-line {@link MigLabException} names what is wrong. */
    public PgTuneInputs inputs() {
        long bytes = PgTuneInputs.parseRam(ram.get(), "Memory");
        Integer conns = null;
        String c = connections.get() == null ? "" : connections.get().strip();
        if (!c.isEmpty()) {
            try {
                conns = Ranges.require(Integer.parseInt(c), 1, PgTuneInputs.MAX_CONNECTIONS, "Connections");
            } catch (NumberFormatException e) {
                throw new MigLabException("Connections takes a whole number, or nothing for the type's own.");
            }
        }
        return new PgTuneInputs(
                version.get(), os.get(), type.get(), bytes, cpus.get(), conns, storage.get(), dataSize.get());
    }

    /** Compares the advice with the target's pg_settings. */
    public void refreshDiff() {
        String target = currentTarget.get();
        ConfigAdvice current = advice;
        if (target == null || current == null) {
            diff.clear();
            diffNote.set(target == null ? "Choose a target to compare with its pg_settings." : "");
            return;
        }
        String db = database.selected();
        runner.submit(
                "Comparing with pg_settings on " + target,
                (p, cancel) -> new Compared(advisor.diff(target, db, current), advisor.writable(target)),
                compared -> {
                    if (current != advice) {
                        return; // the inputs changed meanwhile; a newer comparison follows
                    }
                    writable.set(compared.writable());
                    showDiff(target, compared.rows());
                },
                error -> {
                    diff.clear();
                    diffNote.set("Cannot compare with " + target + ": " + Errors.userMessage(error));
                });
    }

    private record Compared(List<SettingDiff> rows, boolean writable) {}

    private void showDiff(String target, List<SettingDiff> rows) {
        diff.setAll(rows);
        long changes = rows.stream().filter(SettingDiff::applicable).count();
        long restarts =
                rows.stream().filter(d -> d.applicable() && d.needsRestart()).count();
        long pending = rows.stream().filter(SettingDiff::pendingRestart).count();
        diffNote.set(String.format(
                Locale.ROOT,
                "%d of %d settings change on %s%s%s%s",
                changes,
                rows.size(),
                target,
                restarts == 0 ? "" : ", " + restarts + " of them on a restart",
                pending == 0 ? "" : "; " + pending + " wait for a restart",
                writable.get() ? "." : "; the target is locked, so Apply shows the SQL only."));
    }

    /** The statements Apply runs, as shown before it runs them. */
    public String applySql() {
        List<String> lines = diff.stream()
                .filter(SettingDiff::applicable)
                .map(d -> advice.find(d.name()).orElseThrow().alterSystem() + ";")
                .collect(Collectors.toList());
        lines.add("SELECT pg_reload_conf();");
        return String.join("\n", lines);
    }

    /** Shows the ALTER SYSTEM text, asks, then applies; a locked target gets the SQL only. */
    public void apply() {
        String target = currentTarget.get();
        if (target == null || advice == null || !inputProblem.get().isEmpty()) {
            dialogs.showError("Apply settings", "Choose a target, and inputs the calculator takes, first.");
            return;
        }
        if (job.isRunning()) {
            return;
        }
        long changes = diff.stream().filter(SettingDiff::applicable).count();
        if (changes == 0) {
            dialogs.notify("Nothing to apply: " + target + " already runs with the recommended settings.");
            return;
        }
        String sql = applySql();
        if (!writable.get()) {
            dialogs.showError(
                    "Apply settings",
                    "Writes are locked on guarded target '" + target + "': nothing was changed. Unlock it on the"
                            + " Targets page, or run this yourself:\n\n" + sql);
            return;
        }
        boolean restart = diff.stream().anyMatch(d -> d.applicable() && d.needsRestart());
        if (!dialogs.confirm(
                "Apply " + changes + " settings to " + target + "?",
                "MigLab takes a snapshot of the current values, then runs:\n\n" + sql
                        + (restart
                                ? "\n\nSome settings need a restart: a lab instance is restarted; any other server is"
                                        + " left for you to restart."
                                : ""))) {
            return;
        }
        ConfigApplyRequest request = new ConfigApplyRequest(target, database.selected(), advice.inputs());
        String title = "Applying config advice on " + target;
        job.submit(
                runner,
                title,
                (progress, cancel) -> advisor.apply(request, progress, cancel),
                result -> {
                    lastApply.set(result);
                    abResult.set(null);
                    summary.set(String.format(
                            Locale.ROOT,
                            "Experiment #%d: %d settings applied%s. Roll back puts them back as they were.",
                            result.experimentId(),
                            result.changed().size(),
                            result.restarted()
                                    ? ", the lab instance restarted"
                                    : result.restartNeeded() ? "; restart the server for the rest" : ""));
                    showDiff(target, result.after());
                    onRecorded.run();
                },
                error -> failed("Apply failed", error));
    }

    /** Puts back what the last apply changed, after asking. */
    public void rollback() {
        ConfigApplyResult applied = lastApply.get();
        if (applied == null || job.isRunning()) {
            return;
        }
        if (!dialogs.confirm(
                "Roll back experiment #" + applied.experimentId() + "?",
                "MigLab puts back the " + applied.changed().size() + " settings as they were:\n\n"
                        + applied.changed().stream()
                                .map(s -> s.restoreSql() + ";")
                                .collect(Collectors.joining("\n"))
                        + "\nSELECT pg_reload_conf();")) {
            return;
        }
        String title = "Rolling back experiment #" + applied.experimentId();
        job.submit(
                runner,
                title,
                (progress, cancel) -> advisor.rollback(applied.experimentId(), progress, cancel),
                result -> {
                    lastApply.set(null);
                    summary.set("Experiment #" + result.experimentId() + " rolled back experiment #"
                            + applied.experimentId() + (result.restarted() ? "; the lab instance restarted." : "."));
                    showDiff(result.target(), result.after());
                    onRecorded.run();
                },
                error -> failed("Roll back failed", error));
    }

    /** A/B rounds of the settings before the last apply (A) against the applied ones (B). */
    public void prove() {
        ConfigApplyResult applied = lastApply.get();
        if (applied == null) {
            dialogs.showError("Prove", "Apply the settings first: the A/B test compares before and after.");
            return;
        }
        if (job.isRunning()) {
            return;
        }
        Workload statements = workload.getValue() != null ? workload.getValue() : PagilaWorkload.bundled();
        ConfigProveRequest request;
        try {
            request = new ConfigProveRequest(
                    applied.experimentId(),
                    database.selected(),
                    new BaselineRequest.WorkloadSource.Given(statements),
                    rounds.get(),
                    AbRequest.defaultRound().withIterations(iterations.get()));
        } catch (MigLabException e) {
            dialogs.showError("Prove", Errors.userMessage(e));
            return;
        }
        String title = "A/B test of config advice #" + applied.experimentId() + " with " + statements.name();
        job.submit(
                runner,
                title,
                (progress, cancel) -> advisor.prove(request, progress, cancel),
                run -> {
                    abResult.set(run);
                    summary.set(abSummary(run));
                    onRecorded.run();
                },
                error -> failed("Prove failed", error));
    }

    private void failed(String title, Throwable error) {
        onRecorded.run();
        if (!(error instanceof CancelledException)) {
            dialogs.showError(title, Errors.userMessage(error));
        }
    }

    public void cancel() {
        job.cancel();
    }

    static String abSummary(AbRun run) {
        long pairs = run.rounds().stream()
                .filter(r -> r.counted() && r.side() == 'B')
                .count();
        return String.format(
                Locale.ROOT,
                "Experiment #%d%s: the recommended settings against the settings before, %d interleaved pairs of"
                        + " rounds: %d faster, %d slower, %d no significant change. Ratio = median B / median A; the"
                        + " bar is its 95 %% interval.",
                run.experimentId(),
                run.cancelled() ? " (cancelled)" : "",
                pairs,
                count(run, Verdict.FASTER),
                count(run, Verdict.SLOWER),
                count(run, Verdict.NO_SIGNIFICANT_CHANGE));
    }

    private static long count(AbRun run, Verdict v) {
        return run.comparison().statements().stream()
                .map(StatementComparison::verdict)
                .filter(v::equals)
                .count();
    }

    /** A memory size as the field shows it: whole GB or MB when exact, else MB rounded down. */
    static String sizeText(long bytes) {
        if (bytes % Sizes.GB == 0) {
            return bytes / Sizes.GB + "GB";
        }
        return bytes / Sizes.MB + "MB";
    }

    public StringProperty ramProperty() {
        return ram;
    }

    public IntegerProperty cpusProperty() {
        return cpus;
    }

    public ObjectProperty<DbType> typeProperty() {
        return type;
    }

    public StringProperty connectionsProperty() {
        return connections;
    }

    public ObjectProperty<Storage> storageProperty() {
        return storage;
    }

    public ObjectProperty<Os> osProperty() {
        return os;
    }

    public IntegerProperty versionProperty() {
        return version;
    }

    public ObjectProperty<DataSize> dataSizeProperty() {
        return dataSize;
    }

    public IntegerProperty roundsProperty() {
        return rounds;
    }

    public IntegerProperty iterationsProperty() {
        return iterations;
    }

    public ReadOnlyStringProperty prefillNoteProperty() {
        return prefillNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inputProblemProperty() {
        return inputProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty confProperty() {
        return conf.getReadOnlyProperty();
    }

    public ObservableList<Recommendation> settings() {
        return FXCollections.unmodifiableObservableList(settings);
    }

    public ObservableList<SettingDiff> diff() {
        return FXCollections.unmodifiableObservableList(diff);
    }

    public ReadOnlyStringProperty diffNoteProperty() {
        return diffNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty writableProperty() {
        return writable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConfigApplyResult> lastApplyProperty() {
        return lastApply.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AbRun> abResultProperty() {
        return abResult.getReadOnlyProperty();
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

    public DatabaseChoice database() {
        return database;
    }
}
