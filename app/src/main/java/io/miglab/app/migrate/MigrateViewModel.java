package io.miglab.app.migrate;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.migrate.LoadObserver;
import io.miglab.core.migrate.LoadReport;
import io.miglab.core.migrate.LoadReport.ResourceSample;
import io.miglab.core.migrate.LoadRequest;
import io.miglab.core.migrate.LoaderKind;
import io.miglab.core.migrate.LoaderSettings;
import io.miglab.core.migrate.Loaders;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.Targets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
 * The Migrate step: move the chosen database of the current target (the source) into a destination target with one
 * loader, or compare several loaders in a matrix, each run on a clean destination. While it runs the page shows each
 * table's progress and live throughput and CPU; afterwards the loader's per-table times, or the matrix ranked with
 * the best loader's margin.
 */
public final class MigrateViewModel {
    /** Live points kept per chart: at 4 a second, a quarter of an hour of one run. */
    static final int LIVE_POINTS = 3_600;

    private final Loaders loaders;
    private final Targets targets;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final Runnable onRecorded;

    private final ObservableList<String> destinations = FXCollections.observableArrayList();
    private final StringProperty destination = new SimpleStringProperty();
    private final StringProperty destinationDatabase = new SimpleStringProperty("");
    private final StringProperty tables = new SimpleStringProperty("");
    private final ObservableList<LoaderChoice> loaderChoices = FXCollections.observableArrayList();
    private final IntegerProperty workers = new SimpleIntegerProperty(4);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(LoaderSettings.DEFAULT_BATCH);
    private final IntegerProperty repeats = new SimpleIntegerProperty(1);
    private final BooleanProperty dropIndexes = new SimpleBooleanProperty(false);
    private final BooleanProperty unlogged = new SimpleBooleanProperty(false);
    private final BooleanProperty asyncCommit = new SimpleBooleanProperty(false);
    private final BooleanProperty freeze = new SimpleBooleanProperty(false);
    private final PageJob job = new PageJob();

    private final ObservableList<TableProgress> tableProgress = FXCollections.observableArrayList();
    private final Map<String, TableProgress> progressByTable = new LinkedHashMap<>();
    private final ObservableList<LivePoint> live = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper runLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LoadReport> lastLoad = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LoadReport.TableLoad> loadTables = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Loaders.Matrix> matrix = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Loaders.MatrixRow> matrixRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    /** Rows copied so far in the current run, and when the last live point was taken. */
    private long copiedRows;

    private double lastAt = -1;
    /** When the current run of a matrix began, so each run's chart starts at 0. */
    private double runStartedAt;

    private long lastRows;

    public MigrateViewModel(
            Loaders loaders,
            Targets targets,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs,
            ObservableStringValue currentTarget,
            Runnable onRecorded) {
        this.loaders = loaders;
        this.targets = targets;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
        this.onRecorded = onRecorded;
        for (LoaderKind kind : LoaderKind.values()) {
            loaderChoices.add(new LoaderChoice(
                    kind, new SimpleBooleanProperty(kind == LoaderKind.COPY_TEXT || kind == LoaderKind.COPY_PARALLEL)));
        }
    }

    /** A loader the user may tick; the ticked ones run. */
    public record LoaderChoice(LoaderKind kind, BooleanProperty selected) {
        public String label() {
            return kind.id();
        }
    }

    /** A table's latest state in the current run. */
    public record TableProgress(String table, String phase, long rowsDone, long rowsTotal) {
        /** In [0, 1], or -1 while the total is unknown. */
        public double fraction() {
            return rowsTotal <= 0 ? -1 : Math.min(1, (double) rowsDone / rowsTotal);
        }
    }

    /**
     * One live sample of the current run.
     *
     * @param rowsPerSecond rows copied per second since the previous point
     * @param clientMillicores CPU of the loading side, or NaN when not sampled
     * @param serverMillicores CPU of the destination's backends, or NaN when not sampled
     */
    public record LivePoint(double atSeconds, double rowsPerSecond, double clientMillicores, double serverMillicores) {}

    /** What the loaders report while they run, as the task runner carries it to the UI thread. */
    sealed interface LoadEvent {}

    record RunStarted(double atSeconds, LoaderSettings settings, int index, int total) implements LoadEvent {}

    record TableEvent(String table, String phase, long rowsDone, long rowsTotal) implements LoadEvent {}

    record ResourceEvent(double atSeconds, ResourceSample client, ResourceSample server) implements LoadEvent {}

    /** The targets a destination can be, read in the background; another lab instance is preferred. */
    public void refreshDestinations() {
        runner.submit(
                "Listing targets",
                (p, c) -> targets.list(),
                all -> {
                    List<String> names = all.stream().map(Target::name).toList();
                    destinations.setAll(names);
                    if (destination.get() == null || !names.contains(destination.get())) {
                        destination.set(all.stream()
                                .filter(t -> !t.name().equals(currentTarget.get()))
                                .sorted(java.util.Comparator.comparing(Target::guarded))
                                .map(Target::name)
                                .findFirst()
                                .orElse(null));
                    }
                },
                error -> dialogs.showError("Migrate", Errors.userMessage(error)));
    }

    /** The variants the ticked loaders and the options make; each option applies where it fits the loader. */
    public List<LoaderSettings> variants() {
        List<LoaderSettings> out = new ArrayList<>();
        for (LoaderChoice choice : loaderChoices) {
            if (!choice.selected().get()) {
                continue;
            }
            LoaderKind k = choice.kind();
            boolean copy = k == LoaderKind.COPY_TEXT || k == LoaderKind.COPY_BINARY || k == LoaderKind.COPY_PARALLEL;
            out.add(new LoaderSettings(
                    k,
                    k.parallel() ? workers.get() : 1,
                    batchSize.get(),
                    dropIndexes.get(),
                    unlogged.get() && !k.external(),
                    asyncCommit.get(),
                    freeze.get() && copy));
        }
        return out;
    }

    /** One ticked loader, once: a load; otherwise a matrix of the ticked loaders. */
    public void run() {
        String source = currentTarget.get();
        if (source == null || destination.get() == null) {
            dialogs.showError("Migrate", "Choose the destination target (the source is the current target).");
            return;
        }
        if (job.isRunning()) {
            return;
        }
        LoadRequest request;
        List<LoaderSettings> variants;
        try {
            variants = variants();
            if (variants.isEmpty()) {
                throw new MigLabException("Tick at least one loader.");
            }
            String chosen = database.selected();
            request = new LoadRequest(
                    source,
                    chosen,
                    destination.get(),
                    destinationDatabase.get() == null
                                    || destinationDatabase.get().isBlank()
                            ? chosen
                            : destinationDatabase.get(),
                    io.miglab.core.validate.ValidationRequest.split(tables.get()),
                    variants.get(0),
                    true);
        } catch (MigLabException e) {
            dialogs.showError("Migrate", Errors.userMessage(e));
            return;
        }
        if (!dialogs.confirm(
                "Migrate",
                "The tables of " + request.sourceDatabase() + " on " + request.destination() + " (database "
                        + request.destinationDatabase() + ") are dropped and loaded again"
                        + (variants.size() * repeats.get() > 1 ? " before each run" : "") + ". Go on?")) {
            return;
        }
        clearLive();
        lastLoad.set(null);
        loadTables.clear();
        matrix.set(null);
        matrixRows.clear();
        summary.set("");
        boolean single = variants.size() == 1 && repeats.get() == 1;
        String title =
                (single ? "Loading with " + variants.get(0).label() : "Comparing " + variants.size() + " loaders")
                        + " into " + request.destination();
        if (!job.begin(title)) {
            return;
        }
        int times = repeats.get();
        job.follow(runner.<Object, LoadEvent>submitLive(
                title,
                (p, publish, c) -> {
                    LoadObserver observer = observer(publish);
                    return single
                            ? loaders.load(request, observer, p, c)
                            : loaders.matrix(new Loaders.MatrixRequest(request, variants, times), observer, p, c);
                },
                this::apply,
                done -> {
                    job.end();
                    if (done instanceof Loaders.Load load) {
                        showLoad(load);
                    } else if (done instanceof Loaders.Matrix m) {
                        showMatrix(m);
                    }
                    onRecorded.run();
                },
                error -> {
                    job.end();
                    onRecorded.run();
                    if (!(error instanceof CancelledException)) {
                        dialogs.showError("Migrate failed", Errors.userMessage(error));
                    }
                }));
    }

    /** Carries the loaders' callbacks, from their threads, to the UI as events stamped with the time since start. */
    private static LoadObserver observer(Consumer<LoadEvent> publish) {
        long started = System.nanoTime();
        return new LoadObserver() {
            @Override
            public void run(LoaderSettings settings, int index, int total) {
                publish.accept(new RunStarted((System.nanoTime() - started) / 1e9, settings, index, total));
            }

            @Override
            public void table(String table, String phase, long rowsDone, long rowsTotal) {
                publish.accept(new TableEvent(table, phase, rowsDone, rowsTotal));
            }

            @Override
            public void resources(ResourceSample client, ResourceSample server) {
                publish.accept(new ResourceEvent((System.nanoTime() - started) / 1e9, client, server));
            }
        };
    }

    public void cancel() {
        job.cancel();
    }

    void apply(List<LoadEvent> events) {
        for (LoadEvent e : events) {
            if (e instanceof RunStarted r) {
                clearLive();
                runStartedAt = r.atSeconds();
                runLabel.set("Run " + r.index() + " of " + r.total() + ": "
                        + r.settings().label());
            } else if (e instanceof TableEvent t) {
                TableProgress before = progressByTable.get(t.table());
                if ("copy".equals(t.phase())) {
                    long earlier = before != null && "copy".equals(before.phase()) ? before.rowsDone() : 0;
                    copiedRows += t.rowsDone() - earlier;
                }
                progressByTable.put(t.table(), new TableProgress(t.table(), t.phase(), t.rowsDone(), t.rowsTotal()));
            } else if (e instanceof ResourceEvent r) {
                double rate =
                        lastAt < 0 || r.atSeconds() <= lastAt ? 0 : (copiedRows - lastRows) / (r.atSeconds() - lastAt);
                lastAt = r.atSeconds();
                lastRows = copiedRows;
                live.add(new LivePoint(
                        r.atSeconds() - runStartedAt,
                        Math.max(0, rate),
                        r.client() == null ? Double.NaN : r.client().cpuMillicores(),
                        r.server() == null ? Double.NaN : r.server().cpuMillicores()));
                if (live.size() > LIVE_POINTS) {
                    live.remove(0, live.size() - LIVE_POINTS);
                }
            }
        }
        tableProgress.setAll(progressByTable.values());
    }

    private void clearLive() {
        progressByTable.clear();
        tableProgress.clear();
        live.clear();
        copiedRows = 0;
        lastRows = 0;
        lastAt = -1;
        runStartedAt = 0;
        runLabel.set("");
    }

    private void showLoad(Loaders.Load load) {
        LoadReport r = load.report();
        lastLoad.set(r);
        loadTables.setAll(r.tables());
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%s: %,d rows (%.1f MB) from %s into %s/%s (PostgreSQL %s) in %.2f s: %,.0f rows/s, %.1f MB/s."
                        + " Schema from %s.",
                r.settings().label(),
                r.rows(),
                r.bytes() / 1e6,
                r.source(),
                r.destination(),
                r.destinationDatabase(),
                r.destinationVersion(),
                r.seconds(),
                r.rowsPerSecond(),
                r.megabytesPerSecond(),
                r.schemaFrom()));
        if (r.client() != null) {
            s.append(String.format(
                    Locale.ROOT,
                    " Loader CPU %.1f s, peak memory %.0f MB.",
                    r.client().cpuSeconds(),
                    r.client().peakMemoryBytes() / 1e6));
        }
        if (r.server() != null) {
            s.append(
                    String.format(Locale.ROOT, " Server CPU %.1f s.", r.server().cpuSeconds()));
        }
        s.append(" Experiment #").append(load.experimentId()).append('.');
        summary.set(s.toString());
    }

    private void showMatrix(Loaders.Matrix m) {
        matrix.set(m);
        matrixRows.setAll(m.rows());
        summary.set(matrixSummary(m));
    }

    /** "Fastest: copy-parallel x4, 1.84x faster than copy (next) [1.71, 1.98]." */
    static String matrixSummary(Loaders.Matrix m) {
        Loaders.MatrixRow best = m.best();
        if (best.failure() != null) {
            return "Every loader failed; the first: " + best.failure();
        }
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "Fastest: %s, median %.2f s (%,.0f rows/s)",
                best.settings().label(),
                best.medianSeconds(),
                best.rowsPerSecond()));
        if (m.rows().size() > 1 && m.rows().get(1).failure() == null) {
            s.append(String.format(
                    Locale.ROOT,
                    ", %.2fx faster than %s, the next",
                    m.margin(),
                    m.rows().get(1).settings().label()));
            if (!Double.isNaN(m.marginLow())) {
                s.append(String.format(Locale.ROOT, " [95 %% interval %.2f, %.2f]", m.marginLow(), m.marginHigh()));
            }
        }
        s.append(". Matrix experiment #").append(m.experimentId()).append('.');
        return s.toString();
    }

    public ObservableList<String> destinations() {
        return destinations;
    }

    public StringProperty destinationProperty() {
        return destination;
    }

    public StringProperty destinationDatabaseProperty() {
        return destinationDatabase;
    }

    public StringProperty tablesProperty() {
        return tables;
    }

    public DatabaseChoice database() {
        return database;
    }

    public ObservableList<LoaderChoice> loaderChoices() {
        return loaderChoices;
    }

    public IntegerProperty workersProperty() {
        return workers;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty repeatsProperty() {
        return repeats;
    }

    public BooleanProperty dropIndexesProperty() {
        return dropIndexes;
    }

    public BooleanProperty unloggedProperty() {
        return unlogged;
    }

    public BooleanProperty asyncCommitProperty() {
        return asyncCommit;
    }

    public BooleanProperty freezeProperty() {
        return freeze;
    }

    public ObservableList<TableProgress> tableProgress() {
        return tableProgress;
    }

    public ObservableList<LivePoint> live() {
        return live;
    }

    public ReadOnlyStringProperty runLabelProperty() {
        return runLabel.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LoadReport> lastLoadProperty() {
        return lastLoad.getReadOnlyProperty();
    }

    public ObservableList<LoadReport.TableLoad> loadTables() {
        return loadTables;
    }

    public ReadOnlyObjectProperty<Loaders.Matrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ObservableList<Loaders.MatrixRow> matrixRows() {
        return matrixRows;
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
