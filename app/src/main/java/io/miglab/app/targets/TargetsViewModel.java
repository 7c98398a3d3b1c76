package io.miglab.app.targets;

import io.miglab.app.task.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.Workspace;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final Workspace workspace;
    private final TaskRunner runner;
    private final DialogService dialogs;

    private final ObservableList<TargetRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TargetRow> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ConnectionCheck> currentState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionCheck> lastTest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper startupMessage = new ReadOnlyStringWrapper("");
    private TaskRunner.TaskHandle polling;

    public TargetsViewModel(Workspace workspace, TaskRunner runner, DialogService dialogs) {
        this.workspace = workspace;
        this.runner = runner;
        this.dialogs = dialogs;
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
                (progress, cancel) -> workspace.labInstances().start(LabInstanceManager.DEFAULT_NAME, progress),
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
                    workspace.targets().add(name == null ? null : name.strip(), parsed.spec(), role);
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
                (progress, cancel) -> workspace.targets().test(name, CONNECT_TIMEOUT),
                check -> {
                    lastTest.set(check);
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
                    workspace.targets().remove(name);
                    return null;
                },
                ignored -> {
                    if (name.equals(current.get())) {
                        current.set(null);
                        currentState.set(null);
                    }
                    refresh();
                },
                this::showFailure);
    }

    /** Starts a lab instance, creating it first when there is none of that name. */
    public void startLab(String name) {
        runner.submit(
                "Starting lab instance '" + name + "'",
                (progress, cancel) -> workspace.labInstances().start(name, progress),
                instance -> afterLabChange(name),
                this::showFailure);
    }

    public void stopLab(String name) {
        runner.submit(
                "Stopping lab instance '" + name + "'",
                (progress, cancel) -> workspace.labInstances().stop(name),
                stopped -> afterLabChange(name),
                this::showFailure);
    }

    public void unlock(String name, String reason, Duration duration) {
        runner.submit(
                "Unlocking writes to '" + name + "'",
                (progress, cancel) -> workspace.targets().unlock(name, reason, duration),
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
                    workspace.targets().lock(name);
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
                POLL_PERIOD, (progress, cancel) -> workspace.targets().test(name, CONNECT_TIMEOUT), check -> {
                    if (name.equals(current.get())) {
                        currentState.set(check);
                    }
                });
    }

    /** Stops the live connection checks (the app is closing). */
    public void stopPolling() {
        if (polling != null) {
            polling.cancel();
        }
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

    private List<TargetRow> loadRows() {
        List<TargetRow> result = new ArrayList<>();
        for (Target target : workspace.targets().list()) {
            boolean running = !target.labInstance()
                    || workspace
                            .labInstances()
                            .find(target.name())
                            .map(LabInstance::running)
                            .orElse(false);
            result.add(new TargetRow(
                    target,
                    running,
                    workspace.targets().activeUnlock(target.name()).orElse(null)));
        }
        return result;
    }

    private void setRows(List<TargetRow> loaded) {
        String selectedName = selected.get() == null ? null : selected.get().name();
        rows.setAll(loaded);
        selected.set(selectedName == null ? null : row(selectedName).orElse(null));
    }

    private void showFailure(Throwable error) {
        dialogs.showError("Targets", Errors.userMessage(error));
    }
}
