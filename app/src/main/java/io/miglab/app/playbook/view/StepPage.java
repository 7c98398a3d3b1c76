package io.miglab.app.playbook.view;

import io.miglab.app.playbook.PlaybookViewModel;
import io.miglab.app.playbook.StepItem;
import io.miglab.core.playbook.StepStatus;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The page of one playbook step: where it sits in the playbook, what it is for, its status, and the step's tools
 * below (supplied by the feature that owns the step; absent while no feature does).
 */
public final class StepPage {
    private final VBox root;

    public StepPage(StepItem item, PlaybookViewModel playbook, Node tools) {
        Label position =
                new Label("STEP " + item.number() + " OF " + playbook.steps().size());
        position.getStyleClass().add("step-position");
        Label title = new Label(item.step().title());
        title.getStyleClass().add("title-2");
        Label summary = new Label(item.step().summary());
        summary.getStyleClass().add("page-summary");
        summary.setWrapText(true);

        ToggleGroup group = new ToggleGroup();
        HBox statuses = new HBox();
        statuses.getStyleClass().add("segmented");
        for (StepStatus status : StepStatus.values()) {
            ToggleButton button = new ToggleButton(capitalise(status.label()));
            button.setUserData(status);
            button.setToggleGroup(group);
            button.getStyleClass().add("segment");
            statuses.getChildren().add(button);
        }
        Runnable sync = () -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == item.status()));
        sync.run();
        item.statusProperty().addListener((obs, old, now) -> sync.run());
        group.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                sync.run();
            } else if (toggle.getUserData() != item.status()) {
                playbook.setStatus(item, (StepStatus) toggle.getUserData());
            }
        });
        Label statusLabel = new Label("Status");
        statusLabel.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, position, spacer, statusLabel, statuses);
        header.setAlignment(Pos.CENTER_LEFT);

        root = new VBox(12, header, title, summary);
        if (tools != null) {
            VBox.setVgrow(tools, Priority.ALWAYS);
            root.getChildren().add(tools);
        } else {
            Label pending = new Label("The tools for this step are not in this build yet. Mark the step done or"
                    + " skipped to keep track.");
            pending.getStyleClass().add("text-muted");
            pending.setWrapText(true);
            VBox card = new VBox(pending);
            card.getStyleClass().add("card-box");
            root.getChildren().add(card);
        }
        root.setPadding(new Insets(24, 28, 20, 28));
        root.getStyleClass().add("page");
    }

    public Node root() {
        return root;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
