package io.miglab.app.task;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The work running now, for the status bar. Changed on the UI thread only. */
public final class BackgroundTasks {
    private final ObservableList<BackgroundTask> running = FXCollections.observableArrayList();
    private final ObservableList<BackgroundTask> readOnly = FXCollections.unmodifiableObservableList(running);

    public ObservableList<BackgroundTask> running() {
        return readOnly;
    }

    void add(BackgroundTask task) {
        running.add(task);
    }

    void remove(BackgroundTask task) {
        running.remove(task);
    }

    /** Cancels everything still running (the app is closing). */
    public void cancelAll() {
        for (BackgroundTask task : java.util.List.copyOf(running)) {
            task.cancel();
        }
    }
}
