package io.miglab.app.task;

import io.miglab.core.Cancellation;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One entry of the status bar: a titled piece of work with its progress, message and a way to cancel it. */
public final class BackgroundTask implements TaskRunner.TaskHandle {
    private final String title;
    private final Cancellation cancellation;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper cancelRequested = new ReadOnlyBooleanWrapper(false);

    public BackgroundTask(String title, Cancellation cancellation) {
        this.title = title;
        this.cancellation = cancellation;
    }

    public String title() {
        return title;
    }

    /** In [0, 1], or -1 while unknown (an indeterminate bar). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancelRequestedProperty() {
        return cancelRequested.getReadOnlyProperty();
    }

    /** Called on the UI thread by the runner. */
    void update(double fraction, String text) {
        progress.set(fraction);
        message.set(text == null ? "" : text);
    }

    void markDone() {
        done.set(true);
    }

    @Override
    public javafx.beans.value.ObservableStringValue message() {
        return message.getReadOnlyProperty();
    }

    @Override
    public javafx.beans.value.ObservableDoubleValue progress() {
        return progress.getReadOnlyProperty();
    }

    @Override
    public void cancel() {
        cancelRequested.set(true);
        cancellation.cancel();
    }

    @Override
    public boolean isDone() {
        return done.get();
    }
}
