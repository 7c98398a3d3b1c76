package io.miglab.app.targets;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.Targets;
import io.miglab.core.targets.WriteUnlock;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import io.miglab.core.targets.lab.LabInstances;
import io.miglab.core.targets.lab.PostgresRelease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The targets the app knows, the one it works on ("current"), and that one's live connection state. All I/O runs
 * through the {@link TaskRunner}; state changes only through the command methods.
 */
public final class TargetsViewModel {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration POLL_PERIOD = Duration.ofSeconds(5);
    /** How often the list is re-read while the page is shown: unlock times count down in minutes. */
    static final Duration LIVE_PERIOD = Duration.ofSeconds(15);
    /** How often external targets are checked for reachability while the page is shown. */
    static final Duration REACH_PERIOD = Duration.ofSeconds(20);
    /** Short: an unreachable host should not hold the check for long. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(3);

    private final Targets targets;
    private final LabInstances labInstances;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Clock clock;

    private final ObservableList<TargetRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TargetRow> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ConnectionCheck> currentState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionCheck> lastTest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper lastTestDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper startupMessage = new ReadOnlyStringWrapper("");
    /** The latest test of each target in this session, by name; touched on the UI thread only. */
    private final Map<String, ConnectionCheck> lastChecks = new HashMap<>();

    private final ReadOnlyBooleanWrapper addFormOpen = new ReadOnlyBooleanWrapper(false);
    private final AddTargetForm addForm;

    private TaskRunner.TaskHandle polling;
    private TaskRunner.TaskHandle liveRows;
    private TaskRunner.TaskHandle reachability;
    private Duration reachPeriod = REACH_PERIOD;
    private Duration reachTimeout = REACH_TIMEOUT;

    private int pagesShown;

    public TargetsViewModel(Targets targets, LabInstances labInstances, TaskRunner runner, DialogService dialogs) {
        this(targets, labInstances, runner, dialogs, Clock.systemUTC());
    }

    /** @param clock counts down unlocks on the page; tests pass their own */
    public TargetsViewModel(
            Targets targets, LabInstances labInstances, TaskRunner runner, DialogService dialogs, Clock clock) {
        this.targets = targets;
        this.labInstances = labInstances;
        this.runner = runner;
        this.dialogs = dialogs;
        this.clock = clock;
        this.addForm = new AddTargetForm(targets, runner, this::added);
    }

    /** The "Add target" form; shown while {@link #addFormOpenProperty()} is true. */
    public AddTargetForm addForm() {
        return addForm;
    }

    public ReadOnlyBooleanProperty addFormOpenProperty() {
        return addFormOpen.getReadOnlyProperty();
    }

    public void openAddForm() {
        addFormOpen.set(true);
    }

    /** Closes the form; what it held, the password included, is forgotten. */
    public void closeAddForm() {
        addForm.clear();
        addFormOpen.set(false);
    }

    private void added(Target target, ConnectionCheck check) {
        addFormOpen.set(false);
        dialogs.notify("Target '" + target.name() + "' added"
                + (target.guarded() ? ", read-only until you unlock writes." : "."));
        if (check != null) {
            lastChecks.put(target.name(), check);
            lastTestDetails.set(
                    target.guarded() && check.capabilities() != null
                            ? String.join("\n", check.capabilities().explainForGuardedTarget())
                            : "");
            lastTest.set(check);
        }
        refresh();
    }

    public ObservableList<TargetRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<TargetRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The name of the target every page works on. */
    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The latest connection check of the current target; null until the first one returns. */
    public ReadOnlyObjectProperty<ConnectionCheck> currentStateProperty() {
        return currentState.getReadOnlyProperty();
    }

    /** The result of the last explicit "Test" on the Targets page. */
    public ReadOnlyObjectProperty<ConnectionCheck> lastTestProperty() {
        return lastTest.getReadOnlyProperty();
    }

    /**
     * For a guarded target that answered: what the server lets its role do, and whose guard stops writes, in plain
     * words (one sentence a line); empty otherwise.
     */
    public ReadOnlyStringProperty lastTestDetailsProperty() {
        return lastTestDetails.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** While the default lab instance starts: what is happening, for an overlay; empty otherwise. */
    public ReadOnlyStringProperty startupMessageProperty() {
        return startupMessage.getReadOnlyProperty();
    }

    public void select(TargetRow row) {
        selected.set(row);
    }

    public Optional<TargetRow> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    // ---- commands ------------------------------------------------------------------------------------------

    /**
     * On start-up: creates (first time) and starts the default lab instance, then makes it current unless the user
     * already works on another target.
     */
    public void startDefaultLab() {
        startupMessage.set("Starting the lab instance\u2026");
        TaskRunner.TaskHandle handle = runner.submit(
                "Starting lab instance '" + LabInstanceManager.DEFAULT_NAME + "'",
                (progress, cancel) -> labInstances.start(LabInstanceManager.DEFAULT_NAME, progress),
                instance -> {
                    startupMessage.unbind();
                    startupMessage.set("");
                    refresh();
                    if (current.get() == null) {
                        makeCurrent(instance.name());
                    }
                },
                error -> {
                    startupMessage.unbind();
                    startupMessage.set("");
                    dialogs.showError("The lab instance did not start", Errors.userMessage(error));
                    refresh();
                });
        if (!handle.isDone()) {
            // Show the steps (unpacking, initdb, starting) as the lab-core work reports them.
            startupMessage.bind(
                    javafx.beans.binding.Bindings.when(javafx.beans.binding.Bindings.isEmpty(handle.message()))
                            .then("Starting the lab instance\u2026")
                            .otherwise(handle.message()));
        }
    }

    /** Reloads the list from the registry and lab instances. */
    public void refresh() {
        runner.submit("Loading targets", (progress, cancel) -> loadRows(), this::setRows, this::showFailure);
    }

    /** Registers an external target, then tests it; wrong input is shown as an error and nothing is stored. */
    public void add(String name, String url, TargetRole role) {
        busy.set(true);
        runner.submit(
                "Adding target '" + name + "'",
                (progress, cancel) -> {
                    ConnectionSpec.Parsed parsed = ConnectionSpec.parseUrl(url);
                    targets.add(name == null ? null : name.strip(), parsed.spec(), role);
                    return parsed.passwordRemoved();
                },
                passwordRemoved -> {
                    busy.set(false);
                    if (passwordRemoved) {
                        dialogs.notify("The password in the URL was not stored: MigLab reads it from PGPASSWORD or"
                                + " ~/.pgpass when connecting.");
                    }
                    refresh();
                    test(name.strip());
                },
                error -> {
                    busy.set(false);
                    dialogs.showError("Cannot add target", Errors.userMessage(error));
                });
    }

    public void test(String name) {
        runner.submit(
                "Testing connection to '" + name + "'",
                (progress, cancel) -> Errors.forPage(targets.test(name, CONNECT_TIMEOUT)),
                check -> {
                    boolean guarded = row(name).map(r -> r.target().guarded()).orElse(false);
                    lastTestDetails.set(
                            guarded && check.capabilities() != null
                                    ? String.join("\n", check.capabilities().explainForGuardedTarget())
                                    : "");
                    lastTest.set(check);
                    remember(check);
                    if (name.equals(current.get())) {
                        currentState.set(check);
                    }
                },
                this::showFailure);
    }

    public void remove(String name) {
        if (!dialogs.confirm("Remove target", "Forget target '" + name + "'? Its experiments stay in the ledger.")) {
            return;
        }
        runner.submit(
                "Removing target '" + name + "'",
                (progress, cancel) -> {
                    targets.remove(name);
                    return null;
                },
                ignored -> {
                    lastChecks.remove(name);
                    if (name.equals(current.get())) {
                        current.set(null);
                        currentState.set(null);
                    }
                    refresh();
                },
                this::showFailure);
    }

    /**
     * Asks for a name and a PostgreSQL major, then creates and starts another lab instance; a major other than the
     * bundled one downloads its binaries once, with progress.
     */
    public void newLabInstance() {
        java.util.Optional<String> name = dialogs.input(
                        "New lab instance",
                        "Create and start another embedded PostgreSQL, for example to restore a dump into. Name:",
                        "second")
                .map(String::strip)
                .filter(n -> !n.isEmpty());
        if (name.isEmpty()) {
            return;
        }
        java.util.List<String> versions = versionChoices();
        dialogs.choose(
                        "New lab instance",
                        "PostgreSQL version of '" + name.get() + "' (an older major is the source of an upgrade"
                                + " rehearsal):",
                        versions,
                        versionChoice(PostgresRelease.DEFAULT_MAJOR))
                .map(v -> versions.indexOf(v))
                .filter(i -> i >= 0)
                .map(i -> PostgresRelease.supported().get(i).major())
                .ifPresent(major -> startLab(name.get(), major));
    }

    /** "PostgreSQL 15.19", ..., the bundled one marked. */
    static java.util.List<String> versionChoices() {
        return PostgresRelease.supported().stream()
                .map(r -> versionChoice(r.major()))
                .toList();
    }

    static String versionChoice(int major) {
        PostgresRelease r = PostgresRelease.of(major);
        String version = r.version().endsWith(".0")
                ? r.version().substring(0, r.version().length() - 2)
                : r.version();
        return "PostgreSQL " + version
                + (major == PostgresRelease.DEFAULT_MAJOR ? " (bundled)" : " (downloaded once from Maven Central)");
    }

    private void startLab(String name, int major) {
        runner.submit(
                "Starting lab instance '" + name + "' (PostgreSQL " + major + ")",
                (progress, cancel) -> labInstances.start(name, major, progress),
                instance -> afterLabChange(name),
                this::showFailure);
    }

    /** Starts a lab instance, creating it first when there is none of that name. */
    public void startLab(String name) {
        runner.submit(
                "Starting lab instance '" + name + "'",
                (progress, cancel) -> labInstances.start(name, progress),
                instance -> afterLabChange(name),
                this::showFailure);
    }

    public void stopLab(String name) {
        runner.submit(
                "Stopping lab instance '" + name + "'",
                (progress, cancel) -> labInstances.stop(name),
                stopped -> afterLabChange(name),
                this::showFailure);
    }

    public void unlock(String name, String reason, Duration duration) {
        runner.submit(
                "Unlocking writes to '" + name + "'",
                (progress, cancel) -> targets.unlock(name, reason, duration),
                unlock -> {
                    dialogs.notify("Writes to '" + name + "' allowed until " + unlock.expiresAt() + ".");
                    refresh();
                },
                error -> dialogs.showError("Cannot unlock", Errors.userMessage(error)));
    }

    public void lock(String name) {
        runner.submit(
                "Locking '" + name + "'",
                (progress, cancel) -> {
                    targets.lock(name);
                    return null;
                },
                ignored -> refresh(),
                this::showFailure);
    }

    /** Makes {@code name} the target the app works on and checks its connection at once and then periodically. */
    public void makeCurrent(String name) {
        if (name == null || name.equals(current.get())) {
            return;
        }
        current.set(name);
        currentState.set(null);
        if (polling != null) {
            polling.cancel();
        }
        polling = runner.every(
                POLL_PERIOD,
                // The runner starts each probe after the previous one finished: none pile up on a silent host.
                (progress, cancel) -> Errors.forPage(targets.probe(name, CONNECT_TIMEOUT)),
                check -> {
                    if (check != null && name.equals(current.get())) {
                        currentState.set(check);
                        remember(check);
                    }
                });
    }

    /**
     * A view of the list became visible: while any is, the list is re-read in the background every {@link
     * #LIVE_PERIOD}, so remaining unlock times count down and a lock or expiry from elsewhere (the CLI) shows.
     */
    public void pageShown() {
        if (pagesShown++ == 0) {
            liveRows = runner.every(LIVE_PERIOD, (progress, cancel) -> loadRows(), this::setRows);
            reachability = runner.every(reachPeriod, (progress, cancel) -> checkExternal(), checks -> {
                if (checks != null) {
                    checks.forEach(this::remember);
                }
            });
        }
    }

    /** A view of the list was hidden; the last one hidden stops the background re-reads. */
    public void pageHidden() {
        if (pagesShown > 0 && --pagesShown == 0) {
            stopPageWork();
        }
    }

    /** Stops the live connection checks and list re-reads (the app is closing). */
    public void stopPolling() {
        if (polling != null) {
            polling.cancel();
        }
        stopPageWork();
        pagesShown = 0;
    }

    /** For tests: how often and with what timeout external targets are checked. */
    void reachabilityEvery(Duration period, Duration timeout) {
        this.reachPeriod = period;
        this.reachTimeout = timeout;
    }

    private void stopPageWork() {
        if (liveRows != null) {
            liveRows.cancel();
            liveRows = null;
        }
        if (reachability != null) {
            reachability.cancel();
            reachability = null;
        }
    }

    /** Off the UI thread: one connection attempt after the other to each external target. */
    private List<ConnectionCheck> checkExternal() {
        List<ConnectionCheck> checks = new ArrayList<>();
        for (Target target : targets.list()) {
            if (!target.labInstance()) {
                checks.add(Errors.forPage(targets.probe(target.name(), reachTimeout)));
            }
        }
        return checks;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void afterLabChange(String name) {
        refresh();
        if (name.equals(current.get())) {
            String keep = current.get();
            current.set(null);
            makeCurrent(keep);
        }
    }

    /** Off the UI thread: reads targets, lab instances and unlocks; last checks are added on the UI thread. */
    private List<TargetRow> loadRows() {
        Instant now = clock.instant();
        List<TargetRow> result = new ArrayList<>();
        for (Target target : targets.list()) {
            boolean running = !target.labInstance()
                    || labInstances
                            .find(target.name())
                            .map(LabInstance::running)
                            .orElse(false);
            WriteUnlock unlock =
                    target.guarded() ? targets.activeUnlock(target.name()).orElse(null) : null;
            result.add(new TargetRow(target, running, unlock, null, now));
        }
        return result;
    }

    private void setRows(List<TargetRow> loaded) {
        String selectedName = selected.get() == null ? null : selected.get().name();
        rows.setAll(loaded.stream()
                .map(r -> r.withLastCheck(lastChecks.get(r.name())))
                .toList());
        selected.set(selectedName == null ? null : row(selectedName).orElse(null));
    }

    /** Keeps the check for the row's state, and redraws that row when its state changes. */
    private void remember(ConnectionCheck check) {
        lastChecks.put(check.targetName(), check);
        for (int i = 0; i < rows.size(); i++) {
            TargetRow row = rows.get(i);
            if (row.name().equals(check.targetName())) {
                TargetRow updated = row.withLastCheck(check);
                if (row.lastCheck() != null
                        && row.state().equals(updated.state())
                        && row.stateDetails().equals(updated.stateDetails())) {
                    continue;
                }
                boolean wasSelected = rows.get(i).equals(selected.get());
                rows.set(i, updated);
                if (wasSelected) {
                    selected.set(updated);
                }
            }
        }
    }

    private void showFailure(Throwable error) {
        dialogs.showError("Targets", Errors.userMessage(error));
    }
}
