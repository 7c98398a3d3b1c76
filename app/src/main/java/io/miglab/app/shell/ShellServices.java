package io.miglab.app.shell;

import io.miglab.app.ledger.ExperimentsViewModel;
import io.miglab.app.playbook.PlaybookViewModel;
import io.miglab.app.target.TargetsViewModel;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.DialogService;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.Workspace;
import io.miglab.core.playbook.PlaybookProgress;
import io.miglab.playbooks.ShippedPlaybooks;
import java.time.Clock;
import javafx.stage.Window;

/**
 * The app's object graph, built once by constructor injection: the workspace, the task runner, dialogs and the
 * view models every page shares. No static singletons.
 */
public record ShellServices(
        Workspace workspace,
        BackgroundTasks tasks,
        TaskRunner runner,
        FxDialogService dialogs,
        TargetsViewModel targets,
        ExperimentsViewModel experiments,
        PlaybookViewModel playbook) {

    public static ShellServices create(Workspace workspace, Window owner) {
        BackgroundTasks tasks = new BackgroundTasks();
        FxTaskRunner runner = new FxTaskRunner(tasks);
        FxDialogService dialogs = new FxDialogService(owner);
        return create(workspace, tasks, runner, dialogs);
    }

    public static ShellServices create(
            Workspace workspace, BackgroundTasks tasks, TaskRunner runner, FxDialogService dialogs) {
        DialogService d = dialogs;
        return new ShellServices(
                workspace,
                tasks,
                runner,
                dialogs,
                new TargetsViewModel(workspace, runner, d),
                new ExperimentsViewModel(workspace.ledger(), runner, d),
                new PlaybookViewModel(
                        ShippedPlaybooks.defaultPlaybook(),
                        new PlaybookProgress(workspace.ledger(), Clock.systemUTC()),
                        runner,
                        d));
    }

    /** Stops polling and background work, then the lab instances this app started. */
    public void close() {
        targets.stopPolling();
        if (runner instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Closing is best effort; the instances below still get stopped.
            }
        }
        workspace.labInstances().stopStartedHere();
        workspace.close();
    }
}
