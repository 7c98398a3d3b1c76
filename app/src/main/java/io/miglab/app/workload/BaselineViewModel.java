package io.miglab.app.workload;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.goals.Goals;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.BaselineResult;
import io.miglab.core.workload.Baselines;
import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.LatencySummary;
import io.miglab.core.workload.LiveSnapshot;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.StatementError;
import io.miglab.core.workload.StatementResult;
import io.miglab.core.workload.Verdict;
import io.miglab.core.workload.Workload;
import io.miglab.core.workload.WorkloadStatement;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Baseline step: choose a workload (the bundled Pagila one or a file), run it against a database of the current
 * target with live latency figures, keep the result as an experiment (a cancelled run too, with what it measured),
 * and compare two stored baselines statement by statement.
 */
public final class BaselineViewModel {
    /** The first row of the results: every statement together. */
    public static final String ALL_STATEMENTS = "All statements";

    /** How often the running baseline reports, so the live chart moves. */
    static final Duration SNAPSHOT_INTERVAL = Duration.ofMillis(500);

    private final Baselines baselinesService;
    private final Goals goals;
    private final String playbookId;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final Runnable onRecorded;

    private final ReadOnlyObjectWrapper<Workload> workload = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper workloadSource = new ReadOnlyStringWrapper("");
    private final ObservableList<WorkloadStatement> statements = FXCollections.observableArrayList();
    private final BooleanProperty byDuration = new SimpleBooleanProperty(false);
    private final IntegerProperty iterations = new SimpleIntegerProperty(50);
    private final IntegerProperty durationSeconds = new SimpleIntegerProperty(10);
    private final IntegerProperty clients = new SimpleIntegerProperty(1);
    private final IntegerProperty warmup = new SimpleIntegerProperty(1);

    private final PageJob job = new PageJob();
    private final ObservableList<LivePoint> live = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper liveWorkload = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper chartSeconds = new ReadOnlyDoubleWrapper(0);
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final ObservableList<String> failedStatements = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Double> p95Target = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper liveThroughput = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyLongWrapper liveExecutions = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper liveErrors = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BaselineResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper experimentId = new ReadOnlyLongWrapper(0);
    private final ObservableList<StatementResult> results = FXCollections.observableArrayList();

    private final ObservableList<Baselines.Stored> baselines = FXCollections.observableArrayList();
    private final ObjectProperty<Baselines.Stored> compareA = new SimpleObjectProperty<>();
    private final ObjectProperty<Baselines.Stored> compareB = new SimpleObjectProperty<>();
    private final ObservableList<StatementComparison> comparison = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper compareSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Comparison> compared = new ReadOnlyObjectWrapper<>();

    /** The planned length of the running baseline in seconds, 0 for one by iterations. */
    private double runPlannedSeconds;

    /** Counts the results asked for, so an older answer never replaces a newer one. */
    private long shown;

    /**
     * @param goals where the Goals step keeps the p95 target the chart draws, for the playbook {@code playbookId}
     * @param database the app's one database choice: the baseline runs in it, and choosing another shows its newest
     *     stored baseline
     * @param currentTarget the target the pages work on
     * @param onRecorded called after a baseline is stored (or fails), so the experiments list refreshes
     */
    public BaselineViewModel(
            Baselines baselines,
            Goals goals,
            String playbookId,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs,
            ObservableStringValue currentTarget,
            Runnable onRecorded) {
        this.baselinesService = baselines;
        this.goals = goals;
        this.playbookId = playbookId;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
        this.onRecorded = onRecorded;
        database.selectedProperty().addListener((obs, old, now) -> showLatest());
        setWorkload(PagilaWorkload.bundled(), "Bundled Pagila workload");
    }

    /** One statement's figures in one snapshot interval of a running baseline. */
    public record LivePoint(
            double elapsedSeconds, String statement, long count, double p50Ms, double p95Ms, double throughput) {}

    // --- state

    public ReadOnlyObjectProperty<Workload> workloadProperty() {
        return workload.getReadOnlyProperty();
    }

    /** Where the workload came from, in words: the bundled one or a file path. */
    public ReadOnlyStringProperty workloadSourceProperty() {
        return workloadSource.getReadOnlyProperty();
    }

    public ObservableList<WorkloadStatement> statements() {
        return statements;
    }

    /** The database to run in: the app's shared choice. */
    public DatabaseChoice database() {
        return database;
    }

    /** Run for {@link #durationSecondsProperty()} instead of a number of iterations. */
    public BooleanProperty byDurationProperty() {
        return byDuration;
    }

    /** Passes through the workload per client. */
    public IntegerProperty iterationsProperty() {
        return iterations;
    }

    public IntegerProperty durationSecondsProperty() {
        return durationSeconds;
    }

    public IntegerProperty clientsProperty() {
        return clients;
    }

    /** Uncounted passes per client before measuring. */
    public IntegerProperty warmupProperty() {
        return warmup;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return job.messageProperty();
    }

    /** Every statement's figures per snapshot interval of the current (or last) run, in order. */
    public ObservableList<LivePoint> livePoints() {
        return live;
    }

    /**
     * The workload whose run the live chart shows, empty when it shows none: choosing another workload or starting
     * a run clears the chart, so it never shows one run's points under another workload's name.
     */
    public ReadOnlyStringProperty liveWorkloadProperty() {
        return liveWorkload.getReadOnlyProperty();
    }

    /**
     * Where the live chart's time axis ends: the planned duration of a run by duration (a 20 s run charts 0 to
     * 20 s), else the time measured so far; 0 when there is nothing to chart.
     */
    public ReadOnlyDoubleProperty chartSecondsProperty() {
        return chartSeconds.getReadOnlyProperty();
    }

    /** The chart's latency axis in powers of ten, so a 0.1 ms lookup and a 500 ms report both read. */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /**
     * The statements of the shown result that had errors, one line each with the error ("divide: 10 \u00d7 ERROR:
     * division by zero"): the page shows them in red beside the chart, which has no line for a statement that never
     * succeeded.
     */
    public ObservableList<String> failedStatements() {
        return failedStatements;
    }

    /** The p95 latency target of the Goals step in ms, drawn as a line on the chart; null when there is none. */
    public ReadOnlyObjectProperty<Double> p95TargetProperty() {
        return p95Target.getReadOnlyProperty();
    }

    /**
     * Successful executions per second, all statements and clients together: of the last interval while running,
     * of the whole run once it ended.
     */
    public ReadOnlyDoubleProperty liveThroughputProperty() {
        return liveThroughput.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty liveExecutionsProperty() {
        return liveExecutions.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty liveErrorsProperty() {
        return liveErrors.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /**
     * Why the shown baseline failed (a statement never succeeded), empty when it did not: the page shows it in red,
     * and the results table marks the statements with errors.
     */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BaselineResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The experiment of the last run, 0 before the first. */
    public ReadOnlyLongProperty experimentIdProperty() {
        return experimentId.getReadOnlyProperty();
    }

    /** Per statement of the last run, after a first row for {@link #ALL_STATEMENTS}. */
    public ObservableList<StatementResult> results() {
        return results;
    }

    /** Stored baselines, newest first: the choices of the comparison. */
    public ObservableList<Baselines.Stored> baselines() {
        return baselines;
    }

    public ObjectProperty<Baselines.Stored> compareAProperty() {
        return compareA;
    }

    public ObjectProperty<Baselines.Stored> compareBProperty() {
        return compareB;
    }

    public ObservableList<StatementComparison> comparison() {
        return comparison;
    }

    /** The last comparison shown, for the chart. */
    public ReadOnlyObjectProperty<Comparison> comparedProperty() {
        return compared.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty compareSummaryProperty() {
        return compareSummary.getReadOnlyProperty();
    }

    // --- commands

    /** Uses the workload shipped with Pagila. */
    public void useBundledWorkload() {
        setWorkload(PagilaWorkload.bundled(), "Bundled Pagila workload");
    }

    /** Reads a workload file; a malformed one is explained and the current workload stays. */
    public void loadWorkloadFile(Path file) {
        try {
            setWorkload(Workload.read(file), file.toString());
        } catch (MigLabException e) {
            dialogs.showError("Workload", Errors.userMessage(e));
        }
    }

    /**
     * Shows the newest stored baseline of the chosen database on the current target (its figures, not a live
     * chart), or clears the results when there is none; nothing changes while a baseline runs.
     */
    public void showLatest() {
        String target = currentTarget.get();
        String chosen = database.selected();
        if (target == null || chosen == null || job.isRunning()) {
            return;
        }
        long asked = ++shown;
        runner.submit(
                "Reading the newest baseline of " + target + "/" + chosen,
                (p, cancel) -> baselinesService.latest(target, chosen),
                found -> {
                    if (asked != shown || job.isRunning()) {
                        return;
                    }
                    found.ifPresentOrElse(
                            r -> {
                                clearLive();
                                show(r, target);
                            },
                            this::clearResult);
                },
                error -> {});
    }

    /** Runs the baseline and stores it; live points arrive while it runs, the results table when it ends. */
    public void run() {
        String target = currentTarget.get();
        if (target == null) {
            dialogs.showError("Baseline", "Choose a target first: the lab instance, or a server you registered.");
            return;
        }
        if (job.isRunning()) {
            return;
        }
        BaselineOptions options;
        try {
            options = options();
        } catch (MigLabException e) {
            dialogs.showError("Baseline", Errors.userMessage(e));
            return;
        }
        Workload chosen = workload.get();
        String db = database.selected();
        String title = "Baseline of " + chosen.name() + " on " + target + (db == null ? "" : "/" + db);
        clearLive();
        liveWorkload.set(chosen.name());
        runPlannedSeconds = options.duration() == null ? 0 : options.duration().toMillis() / 1000.0;
        chartSeconds.set(runPlannedSeconds);
        failedStatements.clear();
        job.begin(title);
        BaselineRequest request =
                new BaselineRequest(target, db, new BaselineRequest.WorkloadSource.Given(chosen), options);
        shown++;
        AtomicReference<Baselines.Run> stored = new AtomicReference<>();
        TaskRunner.TaskHandle task = runner.<Baselines.Run, LiveSnapshot>submitLive(
                title,
                (p, publish, cancel) -> {
                    Baselines.Run recorded = baselinesService.run(request, p, publish::accept, cancel);
                    stored.set(recorded);
                    return recorded;
                },
                this::addSnapshots,
                recorded -> {
                    job.end();
                    show(recorded, target);
                    onRecorded.run();
                    refreshBaselines(true);
                },
                error -> {
                    job.end();
                    onRecorded.run();
                    if (error instanceof CancelledException) {
                        if (stored.get() != null) {
                            show(stored.get(), target);
                            refreshBaselines(true);
                        } else {
                            summary.set("Cancelled before anything was measured.");
                        }
                    } else {
                        dialogs.showError("Baseline failed", Errors.userMessage(error));
                    }
                });
        job.follow(task);
    }

    /** Reads the p95 target of the Goals step again, for the chart's target line. */
    public void refreshGoals() {
        runner.submit(
                "Reading the goals",
                (p, cancel) -> goals.load(playbookId),
                g -> p95Target.set(g.p95TargetMs()),
                error -> p95Target.set(null));
    }

    /** Stops the running baseline; what it measured so far is stored, marked cancelled. */
    public void cancel() {
        job.cancel();
    }

    /** Reads the stored baselines for the comparison; picks the two newest when nothing is chosen. */
    public void refreshBaselines() {
        refreshBaselines(false);
    }

    /** @param newest choose the two newest (after a run, the new one against the one before it) */
    private void refreshBaselines(boolean newest) {
        runner.submit(
                "Reading baseline experiments",
                (p, cancel) -> baselinesService.baselines(null, 200).stream()
                        .filter(e -> e.status() != ExperimentStatus.RUNNING)
                        .filter(e -> e.status() != ExperimentStatus.FAILED)
                        .toList(),
                list -> {
                    Baselines.Stored a = compareA.get();
                    Baselines.Stored b = compareB.get();
                    baselines.setAll(list);
                    compareA.set(sameOr(newest ? null : a, list, 1));
                    compareB.set(sameOr(newest ? null : b, list, 0));
                },
                error -> dialogs.showError("Baseline", Errors.userMessage(error)));
    }

    /** Shows a stored baseline's figures (not its live chart, which belongs to a run in this window). */
    public void open(Baselines.Stored stored) {
        long asked = ++shown;
        runner.submit(
                "Reading baseline #" + stored.experimentId(),
                (p, cancel) -> baselinesService.open(stored.experimentId()),
                r -> {
                    if (asked == shown) {
                        clearLive();
                        show(r, stored.target());
                    }
                },
                error -> dialogs.showError("Baseline", Errors.userMessage(error)));
    }

    /** Compares B against A per statement: ratio of medians, 95 % bootstrap interval, verdict. */
    public void compare() {
        Baselines.Stored a = compareA.get();
        Baselines.Stored b = compareB.get();
        if (a == null || b == null) {
            dialogs.showError("Compare", "Choose two baseline experiments: A (before) and B (after).");
            return;
        }
        runner.submit(
                "Comparing baselines #" + a.experimentId() + " and #" + b.experimentId(),
                (p, cancel) -> baselinesService.compare(a.experimentId(), b.experimentId(), CompareOptions.defaults()),
                c -> showComparison(a.experimentId(), b.experimentId(), c),
                error -> dialogs.showError("Compare failed", Errors.userMessage(error)));
    }

    // --- helpers

    private void setWorkload(Workload w, String source) {
        workload.set(w);
        workloadSource.set(source);
        statements.setAll(w.statements());
        if (!job.isRunning()) {
            clearLive();
        }
    }

    /** Empties the live chart and its tiles. */
    private void clearLive() {
        live.clear();
        liveWorkload.set("");
        chartSeconds.set(0);
        liveThroughput.set(0);
        liveExecutions.set(0);
        liveErrors.set(0);
    }

    BaselineOptions options() {
        BaselineOptions o = BaselineOptions.defaults()
                .withClients(clients.get())
                .withWarmup(warmup.get())
                .withSnapshotInterval(SNAPSHOT_INTERVAL);
        if (byDuration.get()) {
            Ranges.require(durationSeconds.get(), 1, 86_400, "The duration in seconds");
            return o.withDuration(Duration.ofSeconds(durationSeconds.get()));
        }
        return o.withIterations(iterations.get());
    }

    private void addSnapshots(List<LiveSnapshot> snapshots) {
        boolean byDurationRun = runPlannedSeconds > 0;
        List<LivePoint> points = new ArrayList<>();
        for (LiveSnapshot s : snapshots) {
            double throughput = 0;
            for (LiveSnapshot.Statement st : s.statements()) {
                throughput += st.intervalThroughput();
                if (st.intervalCount() > 0) {
                    points.add(new LivePoint(
                            s.elapsedSeconds(),
                            st.name(),
                            st.intervalCount(),
                            st.intervalP50Ms(),
                            st.intervalP95Ms(),
                            st.intervalThroughput()));
                }
            }
            liveThroughput.set(throughput);
            if (!byDurationRun) {
                chartSeconds.set(Math.max(chartSeconds.get(), Math.ceil(s.elapsedSeconds() * 10) / 10));
            }
            liveExecutions.set(s.executions());
            liveErrors.set(s.errors());
        }
        live.addAll(points);
    }

    /** No baseline of the chosen database yet: no results, and the summary says what to do. */
    private void clearResult() {
        result.set(null);
        experimentId.set(0);
        results.clear();
        clearLive();
        failure.set("");
        failedStatements.clear();
        liveThroughput.set(0);
        liveExecutions.set(0);
        liveErrors.set(0);
        summary.set("No baseline of " + database.selected() + " yet: run one.");
    }

    private void show(Baselines.Run recorded, String target) {
        BaselineResult r = recorded.result();
        result.set(r);
        experimentId.set(recorded.experimentId());
        List<StatementResult> rows = new ArrayList<>();
        rows.add(new StatementResult(
                ALL_STATEMENTS, "", r.executions(), r.errors(), List.of(), r.throughputPerSecond(), r.latency()));
        rows.addAll(r.statements());
        results.setAll(rows);
        // Once the run is over, the tiles show the whole run rather than its last interval.
        liveThroughput.set(r.throughputPerSecond());
        liveExecutions.set(r.executions());
        liveErrors.set(r.errors());
        failure.set(r.failure() == null ? "" : r.failure());
        failedStatements.setAll(r.statements().stream()
                .filter(st -> st.errors() > 0)
                .map(st -> st.name() + ": " + errorsText(st).replace("\n", "; "))
                .toList());
        if (!live.isEmpty() && runPlannedSeconds == 0) {
            chartSeconds.set(Math.ceil(r.elapsedSeconds() * 10) / 10);
        }
        summary.set(String.format(
                Locale.ROOT,
                "%s%s on %s/%s: %,d executions in %.1f s with %d client%s, %,.0f per second, %,d errors,"
                        + " p95 %s (experiment #%d).",
                r.cancelled() ? "CANCELLED, partial data \u00b7 " : r.failure() != null ? "FAILED \u00b7 " : "",
                r.workload(),
                target,
                r.database(),
                r.executions(),
                r.elapsedSeconds(),
                r.options().clients(),
                r.options().clients() == 1 ? "" : "s",
                r.throughputPerSecond(),
                r.errors(),
                latency(r.latency(), LatencySummary::p95Ms),
                recorded.experimentId()));
    }

    private void showComparison(long a, long b, Comparison c) {
        comparison.setAll(c.statements());
        compared.set(c);
        long faster = count(c, Verdict.FASTER);
        long slower = count(c, Verdict.SLOWER);
        long same = count(c, Verdict.NO_SIGNIFICANT_CHANGE);
        long unknown = count(c, Verdict.INSUFFICIENT_DATA);
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "B #%d against A #%d: %d faster, %d slower, %d no significant change",
                b,
                a,
                faster,
                slower,
                same));
        if (unknown > 0) {
            text.append(", ").append(unknown).append(" with too few samples");
        }
        text.append(". Ratio = median B / median A; below 1 means B is faster.");
        if (!c.onlyInA().isEmpty()) {
            text.append(" Only in A: ").append(String.join(", ", c.onlyInA())).append('.');
        }
        if (!c.onlyInB().isEmpty()) {
            text.append(" Only in B: ").append(String.join(", ", c.onlyInB())).append('.');
        }
        compareSummary.set(text.toString());
    }

    private static long count(Comparison c, Verdict v) {
        return c.statements().stream().filter(s -> s.verdict() == v).count();
    }

    private static Baselines.Stored sameOr(Baselines.Stored chosen, List<Baselines.Stored> list, int fallback) {
        if (chosen != null) {
            for (Baselines.Stored e : list) {
                if (e.experimentId() == chosen.experimentId()) {
                    return e;
                }
            }
        }
        return list.size() > fallback ? list.get(fallback) : null;
    }

    /**
     * A latency figure of a result row, or a dash when the statement never succeeded: a failed statement has no
     * latency, and "0.000 ms" would read as a very fast one.
     */
    public static String latency(LatencySummary latency, java.util.function.ToDoubleFunction<LatencySummary> figure) {
        return latency == null ? "\u2013" : Durations.millis(figure.applyAsDouble(latency));
    }

    /**
     * The errors of a result row in one line per kind ("50 x ERROR: division by zero"), empty when none; for the
     * table's error column and its tooltip.
     */
    public static String errorsText(StatementResult s) {
        StringBuilder text = new StringBuilder();
        for (StatementError e : s.distinctErrors()) {
            text.append(text.isEmpty() ? "" : "\n")
                    .append(String.format(Locale.ROOT, "%,d", e.count()))
                    .append(" \u00d7 ")
                    .append(e.firstLine());
        }
        if (s.unlistedErrors() > 0) {
            text.append(text.isEmpty() ? "" : "\n").append(s.unlistedErrors()).append(" \u00d7 other errors");
        }
        return text.toString();
    }
}
