package io.miglab.app.inventory;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.finding.Subject;
import io.miglab.core.inventory.Inventories;
import io.miglab.core.inventory.InventoryDiff;
import io.miglab.core.inventory.InventoryRequest;
import io.miglab.core.inventory.InventorySnapshot;
import io.miglab.core.inventory.InventorySnapshot.Extension;
import io.miglab.core.inventory.InventorySnapshot.Index;
import io.miglab.core.inventory.InventorySnapshot.Sequence;
import io.miglab.core.inventory.InventorySnapshot.Setting;
import io.miglab.core.inventory.InventorySnapshot.Table;
import io.miglab.core.inventory.InventorySnapshot.TopStatement;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Sizes;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
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
import javafx.collections.transformation.FilteredList;

/**
 * The Inventory step: take a read-only snapshot of one database of the current target (stored as an experiment),
 * show its findings first and its catalog as filterable lists, and diff two stored snapshots.
 *
 * <p>The inventory only reads, so it works on a guarded target; the only write is the experiment in the local
 * ledger.
 */
public final class InventoryViewModel {
    /** The finding code used for the pg_stat_statements hint, which lab-core reports beside the findings. */
    public static final String STAT_STATEMENTS_CODE = "pg-stat-statements";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final Inventories inventories;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableStringValue currentTarget;
    private final Runnable onRecorded;

    private final PageJob job = new PageJob();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<InventorySnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper experimentId = new ReadOnlyLongWrapper(0);
    private final StringProperty filter = new SimpleStringProperty("");

    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<Table> allTables = FXCollections.observableArrayList();
    private final ObservableList<Index> allIndexes = FXCollections.observableArrayList();
    private final ObservableList<Setting> allSettings = FXCollections.observableArrayList();
    private final ObservableList<Extension> allExtensions = FXCollections.observableArrayList();
    private final ObservableList<Sequence> allSequences = FXCollections.observableArrayList();
    private final ObservableList<TopStatement> allStatements = FXCollections.observableArrayList();
    private final FilteredList<Table> tables = filtered(allTables, t -> Stream.of(t.schema(), t.name(), t.kind()));
    private final FilteredList<Index> indexes =
            filtered(allIndexes, i -> Stream.of(i.schema(), i.table(), i.name(), i.definition()));
    private final FilteredList<Setting> settings =
            filtered(allSettings, s -> Stream.of(s.name(), s.value(), s.source()));
    private final FilteredList<Extension> extensions =
            filtered(allExtensions, e -> Stream.of(e.name(), e.schema(), e.comment()));
    private final FilteredList<Sequence> sequences =
            filtered(allSequences, q -> Stream.of(q.schema(), q.name(), q.ownedBy()));
    private final FilteredList<TopStatement> statements = filtered(allStatements, t -> Stream.of(t.query()));

    private final ObservableList<Inventories.Stored> snapshots = FXCollections.observableArrayList();
    private final ObjectProperty<Inventories.Stored> diffBefore = new SimpleObjectProperty<>();
    private final ObjectProperty<Inventories.Stored> diffAfter = new SimpleObjectProperty<>();
    private final ObservableList<InventoryDiff.Change> diffChanges = FXCollections.observableArrayList();
    private final ObservableList<InventoryDiff.TableDelta> diffTables = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper("");

    /** Counts the snapshots opened, so an older answer never replaces a newer choice's. */
    private long shown;

    /**
     * @param database the app's one database choice: the snapshot is taken of it, and choosing another shows its
     *     newest stored snapshot
     * @param currentTarget the target the pages work on
     * @param onRecorded called after a snapshot is stored (or fails), so the experiments list refreshes
     */
    public InventoryViewModel(
            Inventories inventories,
            DatabaseChoice database,
            TaskRunner runner,
            DialogService dialogs,
            ObservableStringValue currentTarget,
            Runnable onRecorded) {
        this.inventories = inventories;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        this.currentTarget = currentTarget;
        this.onRecorded = onRecorded;
        database.selectedProperty().addListener((obs, old, now) -> showLatest());
    }

    // --- state

    /** The database to inventory: the app's shared choice. */
    public DatabaseChoice database() {
        return database;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** In [0, 1], or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return job.messageProperty();
    }

    /** One line on the snapshot shown: database, server, counts, when, which experiment. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<InventorySnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** The experiment of the snapshot shown, 0 before the first. */
    public ReadOnlyLongProperty experimentIdProperty() {
        return experimentId.getReadOnlyProperty();
    }

    /** Narrows every list below to rows whose names (or definition, or query) contain this text, ignoring case. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Most severe first; includes a hint when pg_stat_statements is not available. */
    public ObservableList<Finding> findings() {
        return findings;
    }

    public ObservableList<Table> tables() {
        return tables;
    }

    public ObservableList<Index> indexes() {
        return indexes;
    }

    public ObservableList<Setting> settings() {
        return settings;
    }

    public ObservableList<Extension> extensions() {
        return extensions;
    }

    public ObservableList<Sequence> sequences() {
        return sequences;
    }

    public ObservableList<TopStatement> topStatements() {
        return statements;
    }

    /** The largest table (total size), for scaling size bars; at least 1. */
    public long largestTableBytes() {
        return Math.max(1, allTables.stream().mapToLong(Table::totalBytes).max().orElse(1));
    }

    /** The largest index, for scaling size bars; at least 1. */
    public long largestIndexBytes() {
        return Math.max(1, allIndexes.stream().mapToLong(Index::sizeBytes).max().orElse(1));
    }

    /** Stored inventory experiments, newest first: the choices of the diff. */
    public ObservableList<Inventories.Stored> snapshots() {
        return snapshots;
    }

    public ObjectProperty<Inventories.Stored> diffBeforeProperty() {
        return diffBefore;
    }

    public ObjectProperty<Inventories.Stored> diffAfterProperty() {
        return diffAfter;
    }

    public ObservableList<InventoryDiff.Change> diffChanges() {
        return diffChanges;
    }

    public ObservableList<InventoryDiff.TableDelta> diffTables() {
        return diffTables;
    }

    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    // --- commands

    /**
     * Shows the newest stored snapshot of the chosen database on the current target, or clears the page when there
     * is none; nothing changes while a snapshot is being taken.
     */
    public void showLatest() {
        String target = currentTarget.get();
        String chosen = database.selected();
        if (target == null || chosen == null || job.isRunning()) {
            return;
        }
        long asked = ++shown;
        runner.submit(
                "Reading the newest inventory of " + target + "/" + chosen,
                (p, cancel) -> inventories.latest(target, chosen),
                found -> {
                    if (asked != shown || job.isRunning()) {
                        return;
                    }
                    found.ifPresentOrElse(s -> show(s.experimentId(), s.snapshot(), target), this::clear);
                },
                error -> {});
    }

    /** Takes a snapshot of the chosen database and stores it as an experiment; the lists show it when done. */
    public void takeSnapshot() {
        String target = currentTarget.get();
        if (target == null) {
            dialogs.showError("Inventory", "Choose a target first: the lab instance, or a server you registered.");
            return;
        }
        if (job.isRunning()) {
            return;
        }
        String chosen = database.selected();
        String title = "Inventory of " + target + (chosen == null ? "" : "/" + chosen);
        job.begin(title);
        TaskRunner.TaskHandle task = runner.submit(
                title,
                (p, cancel) -> inventories.collect(InventoryRequest.of(target, chosen), p, cancel),
                recorded -> {
                    job.end();
                    shown++;
                    show(recorded.experimentId(), recorded.snapshot(), target);
                    onRecorded.run();
                    refreshSnapshots(true);
                },
                error -> {
                    job.end();
                    onRecorded.run();
                    if (error instanceof CancelledException) {
                        summary.set("Cancelled; the experiment is marked cancelled.");
                    } else {
                        dialogs.showError("Inventory failed", Errors.userMessage(error));
                    }
                });
        job.follow(task);
    }

    /** Stops a running snapshot. */
    public void cancel() {
        job.cancel();
    }

    /** Reads the stored inventory experiments for the diff; picks the two newest when nothing is chosen. */
    public void refreshSnapshots() {
        refreshSnapshots(false);
    }

    /** @param newest choose the two newest (after a run, the new one against the one before it) */
    private void refreshSnapshots(boolean newest) {
        runner.submit(
                "Reading inventory experiments",
                (p, cancel) -> inventories.snapshots(null, 200),
                list -> {
                    Inventories.Stored before = diffBefore.get();
                    Inventories.Stored after = diffAfter.get();
                    snapshots.setAll(list);
                    diffBefore.set(sameOr(newest ? null : before, list, 1));
                    diffAfter.set(sameOr(newest ? null : after, list, 0));
                },
                error -> dialogs.showError("Inventory", Errors.userMessage(error)));
    }

    /** Shows a stored snapshot, as it was taken. */
    public void open(Inventories.Stored stored) {
        long asked = ++shown;
        runner.submit(
                "Reading inventory #" + stored.experimentId(),
                (p, cancel) -> inventories.open(stored.experimentId()),
                s -> {
                    if (asked == shown) {
                        show(s.experimentId(), s.snapshot(), stored.target());
                    }
                },
                error -> dialogs.showError("Inventory", Errors.userMessage(error)));
    }

    /** Diffs the two chosen snapshots, before against after. */
    public void diff() {
        Inventories.Stored before = diffBefore.get();
        Inventories.Stored after = diffAfter.get();
        if (before == null || after == null) {
            dialogs.showError("Diff", "Choose two inventory experiments: the one before and the one after.");
            return;
        }
        runner.submit(
                "Diffing inventories #" + before.experimentId() + " and #" + after.experimentId(),
                (p, cancel) -> inventories.diff(before.experimentId(), after.experimentId()),
                d -> {
                    diffChanges.setAll(d.changes());
                    diffTables.setAll(d.tables());
                    diffSummary.set(
                            d.noChanges()
                                    ? "No differences between #" + before.experimentId() + " and #"
                                            + after.experimentId() + "."
                                    : String.format(
                                            Locale.ROOT,
                                            "#%d \u2192 #%d: %d added, %d removed, %d changed; %d tables changed in rows"
                                                    + " or size.",
                                            before.experimentId(),
                                            after.experimentId(),
                                            count(d, InventoryDiff.ChangeType.ADDED),
                                            count(d, InventoryDiff.ChangeType.REMOVED),
                                            count(d, InventoryDiff.ChangeType.CHANGED),
                                            d.tables().size()));
                },
                error -> dialogs.showError("Diff failed", Errors.userMessage(error)));
    }

    // --- helpers

    /** No snapshot of the chosen database yet: the lists are empty and the summary says what to do. */
    private void clear() {
        snapshot.set(null);
        experimentId.set(0);
        findings.clear();
        allTables.clear();
        allIndexes.clear();
        allSettings.clear();
        allExtensions.clear();
        allSequences.clear();
        allStatements.clear();
        summary.set("No inventory of " + database.selected() + " yet: take a snapshot.");
    }

    private void show(long id, InventorySnapshot s, String target) {
        snapshot.set(s);
        experimentId.set(id);
        List<Finding> all = new ArrayList<>(s.findings());
        if (!s.statementStats().available()) {
            all.add(new Finding(
                    STAT_STATEMENTS_CODE,
                    Severity.INFO,
                    Subject.of(Subject.EXTENSION, "pg_stat_statements", "pg_stat_statements"),
                    "No top statements: pg_stat_statements is not available",
                    s.statementStats().hint(),
                    null,
                    null,
                    null));
        }
        all.sort(Finding.ORDER);
        findings.setAll(all);
        allTables.setAll(s.tables());
        allIndexes.setAll(s.indexes());
        allSettings.setAll(s.settings());
        allExtensions.setAll(s.extensions());
        allSequences.setAll(s.sequences());
        allStatements.setAll(s.statementStats().top());
        long bytes = s.tables().stream()
                .filter(t -> !t.partition())
                .mapToLong(Table::totalBytes)
                .sum();
        summary.set(String.format(
                Locale.ROOT,
                "%s on %s \u00b7 PostgreSQL %s \u00b7 %d tables, %d indexes, %s \u00b7 taken %s \u00b7 experiment #%d",
                s.database(),
                target,
                s.server().version().split(" ")[0],
                s.tables().size(),
                s.indexes().size(),
                Sizes.format(bytes),
                TIME.format(s.takenAt()),
                id));
    }

    private <T> FilteredList<T> filtered(ObservableList<T> source, Function<T, Stream<String>> texts) {
        FilteredList<T> list = new FilteredList<>(source);
        filter.addListener((obs, old, now) -> {
            String needle = now == null ? "" : now.strip().toLowerCase(Locale.ROOT);
            list.setPredicate(
                    needle.isEmpty()
                            ? null
                            : row -> texts.apply(row)
                                    .anyMatch(t -> t != null
                                            && t.toLowerCase(Locale.ROOT).contains(needle)));
        });
        return list;
    }

    private static Inventories.Stored sameOr(Inventories.Stored chosen, List<Inventories.Stored> list, int fallback) {
        if (chosen != null) {
            for (Inventories.Stored e : list) {
                if (e.experimentId() == chosen.experimentId()) {
                    return e;
                }
            }
        }
        return list.size() > fallback ? list.get(fallback) : null;
    }

    /**
     * A setting's value as people read it, from pg_settings' value and unit: {@code 1024} of {@code 8kB} is
     * {@code 8 MB}, {@code 200} of {@code ms} is {@code 200 ms}, {@code 60} of {@code s} is {@code 1 min}. A value
     * without a unit, or one that is not a number ({@code -1} turns some settings off) stays as PostgreSQL gives it.
     */
    public static String settingValue(String value, String unit) {
        if (value == null) {
            return "";
        }
        if (unit == null || unit.isBlank()) {
            return value;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d*)\\s*(B|kB|MB|GB|TB|us|ms|s|min|h|d)")
                .matcher(unit.strip());
        long amount;
        try {
            amount = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return value + " " + unit;
        }
        if (!m.matches() || amount < 0) {
            return value + " " + unit;
        }
        long factor = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
        long n = amount * factor;
        return switch (m.group(2)) {
            case "B" -> exactSize(n);
            case "kB" -> exactSize(n * Sizes.KB);
            case "MB" -> exactSize(n * Sizes.MB);
            case "GB" -> exactSize(n * Sizes.GB);
            case "TB" -> exactSize(n * Sizes.TB);
            case "us" -> Durations.format(java.time.Duration.ofNanos(n * 1_000));
            case "ms" -> Durations.format(java.time.Duration.ofMillis(n));
            case "s" -> Durations.format(java.time.Duration.ofSeconds(n));
            case "min" -> Durations.format(java.time.Duration.ofMinutes(n));
            case "h" -> Durations.format(java.time.Duration.ofHours(n));
            default -> Durations.format(java.time.Duration.ofDays(n));
        };
    }

    /** Whole units when the size is a whole number of them ({@code 8 MB}, as SHOW says it), else one decimal. */
    private static String exactSize(long bytes) {
        String[] names = {"TB", "GB", "MB", "kB"};
        long[] sizes = {Sizes.TB, Sizes.GB, Sizes.MB, Sizes.KB};
        for (int i = 0; i < sizes.length; i++) {
            if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
                return bytes / sizes[i] + " " + names[i];
            }
        }
        return Sizes.format(bytes);
    }

    private static long count(InventoryDiff d, InventoryDiff.ChangeType type) {
        return d.changes().stream().filter(c -> c.type() == type).count();
    }
}
