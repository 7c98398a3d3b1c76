package io.miglab.app.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one long job a page runs at a time (a dataset load, an inventory, a baseline): whether it runs, its progress
 * and message for the page's own bar, and cancel. The runner's status bar shows the same work; this is the page's
 * view of it.
 */
public final class PageJob {
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private TaskRunner.TaskHandle handle;

    /** Marks the job started with {@code title}; false (and nothing changes) when one already runs. */
    public boolean begin(String title) {
        if (running.get()) {
            return false;
        }
        running.set(true);
        progress.set(-1);
        message.set(title);
        return true;
    }

    /**
     * Starts {@code work} as this page's job: begins, submits, follows, and ends the job before either callback runs,
     * so a callback may start the next job. False (and nothing runs) when a job already runs.
     */
    public <T> boolean submit(
            TaskRunner runner,
            String title,
            Work<T> work,
            java.util.function.Consumer<T> onSuccess,
            java.util.function.Consumer<Throwable> onFailure) {
        if (!begin(title)) {
            return false;
        }
        follow(runner.submit(
                title,
                work,
                result -> {
                    end();
                    onSuccess.accept(result);
                },
                error -> {
                    end();
                    onFailure.accept(error);
                }));
        return true;
    }

    /** Follows the submitted work's progress until {@link #end()}; a handle that already finished is ignored. */
    public void follow(TaskRunner.TaskHandle submitted) {
        if (submitted.isDone() || !running.get()) {
            return;
        }
        handle = submitted;
        progress.bind(submitted.progress());
        message.bind(submitted.message());
    }

    /** Called from the work's success or failure callback. */
    public void end() {
        progress.unbind();
        message.unbind();
        progress.set(0);
        message.set("");
        running.set(false);
        handle = null;
    }

    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** In [0, 1], or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
