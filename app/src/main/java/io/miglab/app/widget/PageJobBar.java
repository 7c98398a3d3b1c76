package io.miglab.app.widget;

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

/** The row a page shows while its long job runs: a progress bar, what is happening, and Cancel. Hidden otherwise. */
public final class PageJobBar {
    private PageJobBar() {}

    public static Node row(
            ObservableBooleanValue running,
            ObservableNumberValue progress,
            ObservableStringValue message,
            Runnable cancel) {
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(progress);
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label text = new Label();
        text.textProperty().bind(message);
        text.getStyleClass().add("text-muted");
        text.setMinWidth(280);
        Button stop = new Button("Cancel");
        stop.getStyleClass().addAll("button-outlined", "danger");
        stop.setOnAction(e -> cancel.run());
        HBox row = new HBox(10, bar, text, stop);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(running);
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }
}
