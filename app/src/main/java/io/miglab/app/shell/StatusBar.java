package io.miglab.app.shell;

import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.task.BackgroundTask;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.core.workspace.Workspace;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The status bar: where the ledger lives, the latest notice, and the running background work with its progress and
 * a cancel button (the oldest task in full; the rest counted).
 */
final class StatusBar {
    private final HBox root;
    private final BackgroundTasks tasks;
    private final Label taskTitle = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final Label more = new Label();
    private final HBox taskBox;
    private BackgroundTask shown;

    StatusBar(BackgroundTasks tasks, FxDialogService dialogs, Workspace workspace) {
        this.tasks = tasks;
        Label ledger = new Label("Ledger: " + workspace.ledger().file());
        ledger.getStyleClass().add("status-text");
        Label notice = new Label();
        notice.textProperty().bind(dialogs.noticeProperty());
        notice.getStyleClass().add("status-notice");

        progress.setPrefWidth(160);
        cancel.getStyleClass().addAll("small", "flat");
        cancel.setTooltip(new Tooltip("Cancel this task"));
        cancel.setOnAction(e -> {
            if (shown != null) {
                shown.cancel();
            }
        });
        taskTitle.getStyleClass().add("status-text");
        more.getStyleClass().addAll("status-text", "text-muted");
        taskBox = new HBox(8, taskTitle, progress, cancel, more);
        taskBox.setAlignment(Pos.CENTER_RIGHT);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root = new HBox(16, ledger, notice, spacer, taskBox);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(4, 12, 4, 12));
        root.getStyleClass().add("status-bar");
        tasks.running().addListener((ListChangeListener<BackgroundTask>) c -> update());
        update();
    }

    Node root() {
        return root;
    }

    private void update() {
        BackgroundTask first =
                tasks.running().isEmpty() ? null : tasks.running().get(0);
        taskBox.setVisible(first != null);
        if (first == shown) {
            more.setText(tasks.running().size() > 1 ? "+" + (tasks.running().size() - 1) + " more" : "");
            return;
        }
        shown = first;
        taskTitle.textProperty().unbind();
        progress.progressProperty().unbind();
        cancel.disableProperty().unbind();
        if (first != null) {
            taskTitle
                    .textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> first.messageProperty().get().isBlank()
                                    ? first.title()
                                    : first.messageProperty().get(),
                            first.messageProperty()));
            progress.progressProperty().bind(first.progressProperty());
            cancel.disableProperty().bind(first.cancelRequestedProperty());
        }
        more.setText(tasks.running().size() > 1 ? "+" + (tasks.running().size() - 1) + " more" : "");
    }
}
