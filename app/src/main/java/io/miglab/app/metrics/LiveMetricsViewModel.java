package io.miglab.app.metrics;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.Metrics;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.kubernetes.KubernetesQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Live metrics page: kubectl top with history. A watch polls the cluster's metrics API; each container keeps
 * a ring of readings (an hour at 1 s) however long the page runs; the table shows the latest with %request and
 * %limit as k9s does; charts draw the chosen pods over the chosen window. Pause freezes the display while the watch
 * (and its recording) goes on.
 */
public final class LiveMetricsViewModel {
    /** Readings kept per container: an hour at 1 s. */
    public static final int HISTORY = 3_600;

    private final Metrics metrics;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Runnable onRecorded;

    private final StringProperty context = new SimpleStringProperty("");
    private final StringProperty namespace = new SimpleStringProperty("");
    private final StringProperty selector = new SimpleStringProperty("");
    private final IntegerProperty intervalSeconds = new SimpleIntegerProperty(5);
    private final BooleanProperty record = new SimpleBooleanProperty(false);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    /** Minutes of history the charts show; 0 for all that is kept. */
    private final IntegerProperty windowMinutes = new SimpleIntegerProperty(15);

    /** A time range the user zoomed the charts to (epoch millis), or null to follow the window. */
    private final javafx.beans.property.ObjectProperty<long[]> zoom =
            new javafx.beans.property.SimpleObjectProperty<>();

    private final PageJob job = new PageJob();
    private final Map<String, SeriesBuffer> buffers = new LinkedHashMap<>();
    private final Map<String, ContainerUsage> latest = new LinkedHashMap<>();
    private final ObservableList<ContainerUsage> rows = FXCollections.observableArrayList();
    private final ObservableList<String> charted = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final Totals totals = new Totals();
    /** The server's activity when the source reads its statistics: (transactions/s, WAL bytes/s) per poll. */
    private final SeriesBuffer transactionsAndWal = new SeriesBuffer(HISTORY);
    /** And (rows written/s, active backends). */
    private final SeriesBuffer rowsAndBackends = new SeriesBuffer(HISTORY);

    private io.miglab.core.metrics.DatabaseActivity latestDatabase;
    private final javafx.beans.property.ReadOnlyObjectWrapper<io.miglab.core.metrics.DatabaseActivity> database =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final ObservableList<io.miglab.core.metrics.DatabaseActivity.Progress> progress =
            FXCollections.observableArrayList();

    /** What to watch when there is no cluster: the current lab instance's processes, or null without one. */
    private final java.util.function.Supplier<io.miglab.core.metrics.MetricSource> localSource;

    public LiveMetricsViewModel(Metrics metrics, TaskRunner runner, DialogService dialogs, Runnable onRecorded) {
        this(metrics, runner, dialogs, onRecorded, () -> null);
    }

    public LiveMetricsViewModel(
            Metrics metrics,
            TaskRunner runner,
            DialogService dialogs,
            Runnable onRecorded,
            java.util.function.Supplier<io.miglab.core.metrics.MetricSource> localSource) {
        this.localSource = localSource;
        this.metrics = metrics;
        this.runner = runner;
        this.dialogs = dialogs;
        this.onRecorded = onRecorded;
        windowMinutes.addListener((obs, old, now) -> zoom.set(null));
        paused.addListener((obs, was, now) -> {
            if (!now) {
                publishRows();
            }
        });
    }

    /** Headline figures of the latest snapshot, for the tiles. */
    public static final class Totals {
        private final ReadOnlyIntegerWrapper pods = new ReadOnlyIntegerWrapper();
        private final ReadOnlyIntegerWrapper cpuMillicores = new ReadOnlyIntegerWrapper();
        private final ReadOnlyIntegerWrapper cpuRequested = new ReadOnlyIntegerWrapper();
        private final ReadOnlyIntegerWrapper memoryMib = new ReadOnlyIntegerWrapper();
        private final ReadOnlyIntegerWrapper memoryLimitMib = new ReadOnlyIntegerWrapper();
        private final ReadOnlyIntegerWrapper restarts = new ReadOnlyIntegerWrapper();
        private final ReadOnlyIntegerWrapper oomKilled = new ReadOnlyIntegerWrapper();

        public ReadOnlyIntegerProperty podsProperty() {
            return pods.getReadOnlyProperty();
        }

        public ReadOnlyIntegerProperty cpuMillicoresProperty() {
            return cpuMillicores.getReadOnlyProperty();
        }

        public ReadOnlyIntegerProperty cpuRequestedProperty() {
            return cpuRequested.getReadOnlyProperty();
        }

        public ReadOnlyIntegerProperty memoryMibProperty() {
            return memoryMib.getReadOnlyProperty();
        }

        public ReadOnlyIntegerProperty memoryLimitMibProperty() {
            return memoryLimitMib.getReadOnlyProperty();
        }

        public ReadOnlyIntegerProperty restartsProperty() {
            return restarts.getReadOnlyProperty();
        }

        public ReadOnlyIntegerProperty oomKilledProperty() {
            return oomKilled.getReadOnlyProperty();
        }
    }

    /** Starts watching with the form's query; the charts keep what earlier watches gathered. */
    public void start() {
        KubernetesQuery query;
        Duration interval = Duration.ofSeconds(intervalSeconds.get());
        try {
            query = new KubernetesQuery(context.get(), namespace.get(), KubernetesQuery.parseSelector(selector.get()));
            Metrics.checkInterval(interval);
        } catch (MigLabException e) {
            dialogs.showError("Live metrics", Errors.userMessage(e));
            return;
        }
        follow("Watching pod metrics", (publish, c) -> metrics.watch(query, interval, null, record.get(), publish, c));
    }

    /** Watches the current lab instance's PostgreSQL processes (by role) and MigLab's own, from /proc. */
    public void startLocal() {
        io.miglab.core.metrics.MetricSource source;
        try {
            source = localSource.get();
        } catch (MigLabException e) {
            dialogs.showError("Live metrics", Errors.userMessage(e));
            return;
        }
        if (source == null) {
            dialogs.showError("Live metrics", "Make a running lab instance the current target to watch its processes.");
            return;
        }
        Duration interval = Duration.ofSeconds(intervalSeconds.get());
        follow(
                "Watching local processes",
                (publish, c) -> metrics.watch(source, interval, null, record.get(), publish, c));
    }

    private void follow(
            String title,
            java.util.function.BiFunction<
                            java.util.function.Consumer<MetricsSnapshot>, io.miglab.core.Cancellation, Metrics.Watch>
                    watch) {
        if (!job.begin(title)) {
            return;
        }
        boolean recording = record.get();
        status.set("Connecting\u2026");
        job.follow(runner.<Metrics.Watch, MetricsSnapshot>submitLive(
                title, (p, publish, c) -> watch.apply(publish, c), this::apply, w -> finished(w, recording), error -> {
                    job.end();
                    if (error instanceof CancelledException) {
                        status.set("Stopped.");
                        return;
                    }
                    status.set("Stopped: " + Errors.userMessage(error));
                    dialogs.showError("Live metrics", Errors.userMessage(error));
                }));
    }

    private void finished(Metrics.Watch w, boolean recording) {
        job.end();
        status.set("Stopped after " + w.polls() + " poll(s)"
                + (recording && w.experimentId() > 0
                        ? "; " + w.samples() + " sample(s) recorded as experiment #" + w.experimentId()
                                + " (size it on the Pod sizing step)."
                        : "."));
        if (recording) {
            onRecorded.run();
        }
    }

    /** Stops the watch; a recording keeps what it gathered. */
    public void stop() {
        job.cancel();
    }

    /** Takes snapshots in: every reading goes into its ring; the table and charts follow unless paused. */
    public void apply(List<MetricsSnapshot> snapshots) {
        for (MetricsSnapshot s : snapshots) {
            notes.set(String.join(" ", s.notes()));
            io.miglab.core.metrics.DatabaseActivity d = s.database();
            if (d != null) {
                latestDatabase = d;
                if (!Double.isNaN(d.transactionsPerSecond())) {
                    long t = d.at().toEpochMilli();
                    transactionsAndWal.add(t, d.transactionsPerSecond(), (long) d.walBytesPerSecond());
                    rowsAndBackends.add(t, d.rowsWrittenPerSecond(), d.activeBackends());
                }
            }
            if (s.containers().isEmpty()) {
                continue;
            }
            latest.clear();
            for (ContainerUsage u : s.containers()) {
                String key = key(u);
                latest.put(key, u);
                buffers.computeIfAbsent(key, k -> new SeriesBuffer(HISTORY))
                        .add(u.at().toEpochMilli(), u.cpuMillicores(), Math.max(0, u.memoryBytes()));
            }
            status.set("Latest reading " + s.at() + " from " + s.source()
                    + (s.containers().get(0).window() == null
                            ? ""
                            : "; metrics-server averages CPU over "
                                    + s.containers().get(0).window().toSeconds()
                                    + " s and refreshes about every 15 s"));
        }
        if (!paused.get()) {
            publishRows();
        }
    }

    private void publishRows() {
        if (latestDatabase != null) {
            database.set(latestDatabase);
            progress.setAll(latestDatabase.progress());
        }
        List<ContainerUsage> sorted = new ArrayList<>(latest.values());
        sorted.sort(Comparator.comparingDouble(ContainerUsage::cpuMillicores).reversed());
        rows.setAll(sorted);
        if (charted.isEmpty() && !sorted.isEmpty()) {
            // The five busiest at first; the user picks others in the table.
            charted.setAll(
                    sorted.stream().limit(5).map(LiveMetricsViewModel::key).toList());
        }
        int pods = (int) sorted.stream().map(ContainerUsage::pod).distinct().count();
        totals.pods.set(pods);
        // The denominators first: a tile showing "x of y" reads y when x changes.
        totals.cpuRequested.set((int) Math.round(sorted.stream()
                .mapToDouble(u -> Double.isNaN(u.cpuRequest()) ? 0 : u.cpuRequest())
                .sum()));
        totals.memoryLimitMib.set((int)
                (sorted.stream().mapToLong(u -> Math.max(0, u.memoryLimit())).sum() >> 20));
        totals.cpuMillicores.set((int) Math.round(
                sorted.stream().mapToDouble(ContainerUsage::cpuMillicores).sum()));
        totals.memoryMib.set((int)
                (sorted.stream().mapToLong(u -> Math.max(0, u.memoryBytes())).sum() >> 20));
        totals.restarts.set(sorted.stream().mapToInt(ContainerUsage::restarts).sum());
        totals.oomKilled.set((int) sorted.stream()
                .filter(u -> "OOMKilled".equals(u.lastTermination()))
                .count());
        version.set(version.get() + 1);
    }

    /** Charts these containers ({@code pod/container}) instead. */
    public void chart(List<String> keys) {
        charted.setAll(keys);
        version.set(version.get() + 1);
    }

    public static String key(ContainerUsage u) {
        return u.pod() + "/" + u.container();
    }

    /** The charted containers' readings over the window, at most {@code points} each. */
    public Map<String, double[][]> chartData(int points) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        long newest = buffers.values().stream()
                .filter(b -> b.size() > 0)
                .mapToLong(b -> b.at(b.size() - 1))
                .max()
                .orElse(0);
        long[] range = range(newest);
        for (String key : charted) {
            SeriesBuffer b = buffers.get(key);
            if (b != null) {
                out.put(key, b.downsample(range[0], range[1], points));
            }
        }
        return out;
    }

    /**
     * The server's activity over the charts' window, at most {@code points}: rows of {time, transactions/s, WAL
     * bytes/s, rows written/s}; empty when the source reads no statistics.
     */
    public double[][] databaseChartData(int points) {
        if (transactionsAndWal.size() == 0) {
            return new double[0][];
        }
        long[] range = range(transactionsAndWal.at(transactionsAndWal.size() - 1));
        double[][] tx = transactionsAndWal.downsample(range[0], range[1], points);
        double[][] rows = rowsAndBackends.downsample(range[0], range[1], points);
        double[][] out = new double[Math.min(tx.length, rows.length)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {tx[i][0], tx[i][1], tx[i][2], rows[i][1]};
        }
        return out;
    }

    /** The zoomed range, else the window back from the newest reading (all that is kept for 0 minutes). */
    private long[] range(long newest) {
        long[] z = zoom.get();
        if (z != null) {
            return z;
        }
        return new long[] {
            windowMinutes.get() <= 0 ? Long.MIN_VALUE : newest - windowMinutes.get() * 60_000L, Long.MAX_VALUE
        };
    }

    /**
     * Zooms the charts to the readings from {@code fromMillis} to {@code toMillis} (either order); the charts hold
     * that range while readings go on arriving, until {@link #resetZoom()}. A range under a second is ignored (a
     * click, not a drag).
     */
    public void zoomTo(long fromMillis, long toMillis) {
        long from = Math.min(fromMillis, toMillis);
        long to = Math.max(fromMillis, toMillis);
        if (to - from < 1_000) {
            return;
        }
        zoom.set(new long[] {from, to});
        version.set(version.get() + 1);
    }

    /** Back to the window that follows the newest readings. */
    public void resetZoom() {
        if (zoom.get() != null) {
            zoom.set(null);
            version.set(version.get() + 1);
        }
    }

    public javafx.beans.property.ReadOnlyObjectProperty<long[]> zoomProperty() {
        return zoom;
    }

    /** The latest database activity shown (null until a source with statistics answered). */
    public javafx.beans.property.ReadOnlyObjectProperty<io.miglab.core.metrics.DatabaseActivity> databaseProperty() {
        return database.getReadOnlyProperty();
    }

    /** COPY and CREATE INDEX commands running at the latest poll. */
    public ObservableList<io.miglab.core.metrics.DatabaseActivity.Progress> progress() {
        return progress;
    }

    /** A charted container's request and limit (CPU millicores, memory bytes), from its latest reading. */
    public Map<String, ContainerUsage> latestByKey() {
        return new HashMap<>(latest);
    }

    public StringProperty contextProperty() {
        return context;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty selectorProperty() {
        return selector;
    }

    public IntegerProperty intervalSecondsProperty() {
        return intervalSeconds;
    }

    public BooleanProperty recordProperty() {
        return record;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public IntegerProperty windowMinutesProperty() {
        return windowMinutes;
    }

    public ObservableList<ContainerUsage> rows() {
        return rows;
    }

    public ObservableList<String> charted() {
        return charted;
    }

    /** Goes up each time the charts should redraw. */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    public Totals totals() {
        return totals;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public int containersKept() {
        return buffers.size();
    }
}
