package io.miglab.app.widget;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableNumberValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The row a page shows while its long job runs: a progress bar, what is happening, and Cancel. When nothing runs
 * the row is empty but keeps its height, so the page below it does not jump when a job starts or ends; Cancel goes
 * once the work reports it is complete (only the storing is left, which a cancel would not stop).
 */
public final class PageJobBar {
    private PageJobBar() {}

    public static Node row(
            ObservableBooleanValue running,
            ObservableNumberValue progress,
            ObservableStringValue message,
            Runnable cancel) {
        return row(running, progress, message, cancel, "");
    }

    /** @param idle what the row says while nothing runs, in muted text (how to start and stop the page's job) */
    public static Node row(
            ObservableBooleanValue running,
            ObservableNumberValue progress,
            ObservableStringValue message,
            Runnable cancel,
            String idle) {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(progress);
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label text = new Label();
        text.textProperty().bind(message);
        text.getStyleClass().add("text-muted");
        text.setMinWidth(160);
        Button stop = new Button("Cancel");
        stop.getStyleClass().addAll("button-outlined", "danger");
        stop.setOnAction(e -> cancel.run());
        stop.visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> running.get() && progress.doubleValue() < 1, running, progress));
        HBox content = new HBox(10, bar, text, stop);
        content.setAlignment(Pos.CENTER_LEFT);
        content.visibleProperty().bind(running);
        HBox.setHgrow(content, Priority.ALWAYS);
        Label hint = new Label(idle);
        hint.getStyleClass().addAll("text-muted", "text-small");
        hint.setWrapText(true);
        hint.visibleProperty().bind(Bindings.not(running));
        javafx.scene.layout.StackPane both = new javafx.scene.layout.StackPane(hint, content);
        both.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(both, Priority.ALWAYS);
        HBox row = new HBox(both);
        row.getStyleClass().add("page-job-bar");
        // The row keeps the height of its content while hidden: the page does not move when a job starts or ends.
        row.setMinHeight(32);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
