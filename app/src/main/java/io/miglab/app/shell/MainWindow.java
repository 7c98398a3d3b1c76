package io.miglab.app.shell;

import io.miglab.app.dataset.view.DatasetView;
import io.miglab.app.goals.view.GoalsView;
import io.miglab.app.inventory.view.InventoryView;
import io.miglab.app.ledger.view.ExperimentsView;
import io.miglab.app.plan.view.PlanInspectorView;
import io.miglab.app.playbook.StepItem;
import io.miglab.app.playbook.view.StepPage;
import io.miglab.app.targets.view.TargetsView;
import io.miglab.app.workload.view.BaselineView;
import io.miglab.core.playbook.StepStatus;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window: the target bar on top, the playbook rail on the left, the selected page in the centre and the
 * background tasks in the status bar.
 */
public final class MainWindow {
    /** Page keys besides the playbook steps. */
    public static final String TARGETS = "targets";

    public static final String EXPERIMENTS = "experiments";

    private final ShellServices services;
    private final BorderPane root = new BorderPane();
    private final StackPane center = new StackPane();
    private final ListView<StepItem> steps = new ListView<>();
    private final ToggleGroup tools = new ToggleGroup();
    private final ToggleButton targetsButton = navButton("Targets", "Ctrl+T");
    private final ToggleButton experimentsButton = navButton("Experiments", "Ctrl+E");
    private final Map<String, Node> pages = new HashMap<>();
    private String currentPage;

    public MainWindow(ShellServices services) {
        this.services = services;
        root.getStyleClass().add("miglab-shell");
        root.setTop(new TargetBar(services.targets(), this::show).root());
        root.setLeft(rail());
        root.setCenter(centerWithOverlay());
        root.setBottom(new StatusBar(services.tasks(), services.dialogs(), services.workspace()).root());
        services.playbook().load();
        services.experiments().refresh();
        services.targets().refresh();
        steps.getSelectionModel().select(0);
    }

    public Parent root() {
        return root;
    }

    /** The key of the page shown now: a step id, {@link #TARGETS} or {@link #EXPERIMENTS}. */
    public String currentPage() {
        return currentPage;
    }

    /** Shows a page by key. */
    public void show(String key) {
        if (TARGETS.equals(key)) {
            targetsButton.setSelected(true);
        } else if (EXPERIMENTS.equals(key)) {
            experimentsButton.setSelected(true);
        } else {
            String stepId = key.startsWith("step:") ? key.substring(5) : key;
            services.playbook().steps().stream()
                    .filter(s -> s.step().id().equals(stepId))
                    .findFirst()
                    .ifPresent(s -> steps.getSelectionModel().select(s));
        }
    }

    /** Ctrl+1..9 open steps, Ctrl+T targets, Ctrl+E experiments, F5 reloads, Ctrl+Q quits. */
    public void installShortcuts(Scene scene) {
        for (int i = 1; i <= 9; i++) {
            int index = i - 1;
            scene.getAccelerators()
                    .put(
                            new KeyCodeCombination(
                                    KeyCode.getKeyCode(Integer.toString(i)), KeyCombination.SHORTCUT_DOWN),
                            () -> {
                                if (index < steps.getItems().size()) {
                                    steps.getSelectionModel().select(index);
                                    steps.requestFocus();
                                }
                            });
        }
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> show(TARGETS));
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), () -> show(EXPERIMENTS));
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                        javafx.application.Platform::exit);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> {
            services.targets().refresh();
            services.experiments().refresh();
        });
    }

    private Node rail() {
        Label heading = new Label("PLAYBOOK");
        heading.getStyleClass().add("rail-heading");
        Label title = new Label(services.playbook().playbook().title());
        title.getStyleClass().add("rail-title");
        title.setWrapText(true);
        ProgressBar done = new ProgressBar();
        done.setMaxWidth(Double.MAX_VALUE);
        done.getStyleClass().add("rail-progress");
        Label doneText = new Label();
        doneText.getStyleClass().addAll("text-muted", "text-small");
        Runnable updateDone = () -> {
            long finished = services.playbook().finishedCount();
            int total = services.playbook().steps().size();
            done.setProgress(total == 0 ? 0 : (double) finished / total);
            doneText.setText(finished + " of " + total + " steps done");
        };
        for (StepItem item : services.playbook().steps()) {
            item.statusProperty().addListener((obs, old, now) -> {
                updateDone.run();
                steps.refresh();
            });
        }
        updateDone.run();

        steps.setItems(services.playbook().steps());
        steps.setCellFactory(list -> new StepCell());
        steps.getStyleClass().add("rail-steps");
        VBox.setVgrow(steps, Priority.ALWAYS);
        steps.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null) {
                tools.selectToggle(null);
                showPage("step:" + item.step().id(), () -> new StepPage(item, services.playbook(), stepTools(item))
                        .root());
            }
        });

        targetsButton.setToggleGroup(tools);
        experimentsButton.setToggleGroup(tools);
        tools.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == targetsButton) {
                steps.getSelectionModel().clearSelection();
                showPage(TARGETS, () -> new TargetsView(services.targets()).root());
            } else if (toggle == experimentsButton) {
                steps.getSelectionModel().clearSelection();
                showPage(EXPERIMENTS, () -> new ExperimentsView(services.experiments()).root());
            }
        });
        Label toolsHeading = new Label("LAB");
        toolsHeading.getStyleClass().add("rail-heading");
        VBox toolBox = new VBox(4, toolsHeading, targetsButton, experimentsButton);
        toolBox.setPadding(new Insets(12, 0, 0, 0));

        VBox rail = new VBox(6, heading, title, done, doneText, steps, toolBox);
        rail.getStyleClass().add("rail");
        rail.setPrefWidth(264);
        rail.setMinWidth(220);
        return rail;
    }

    /**
     * The tools a step's page shows under its header, by the step's page name. Features register their screens
     * here as they arrive.
     */
    private Node stepTools(StepItem item) {
        return switch (item.step().page()) {
            case "goals" -> new GoalsView(services.goals()).root();
            case "targets" -> new TargetsView(services.targets(), false).root();
            case "dataset" -> new DatasetView(services.dataset()).root();
            case "inventory" -> new InventoryView(services.inventory()).root();
            case "baseline" -> new BaselineView(services.baseline()).root();
            case "explain" -> new PlanInspectorView(
                            services.plans(),
                            () -> services.targets().currentProperty().get())
                    .root();
            default -> null;
        };
    }

    private Node centerWithOverlay() {
        center.getStyleClass().add("page-host");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(48, 48);
        Label message = new Label();
        message.textProperty().bind(services.targets().startupMessageProperty());
        message.getStyleClass().add("title-4");
        Label detail = new Label("The first start unpacks PostgreSQL and creates the database cluster;"
                + " later starts take a second or two.");
        detail.getStyleClass().add("text-muted");
        VBox card = new VBox(14, spinner, message, detail);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("startup-card");
        card.setMaxSize(460, 220);
        StackPane overlay = new StackPane(card);
        overlay.getStyleClass().add("startup-overlay");
        overlay.visibleProperty().bind(Bindings.isNotEmpty(services.targets().startupMessageProperty()));
        overlay.managedProperty().bind(overlay.visibleProperty());
        return new StackPane(center, overlay);
    }

    private void showPage(String key, java.util.function.Supplier<Node> factory) {
        currentPage = key;
        Node page = pages.computeIfAbsent(key, k -> {
            Node created = factory.get();
            if (k.equals(TARGETS) || k.equals(EXPERIMENTS) || k.equals("step:targets")) {
                return created;
            }
            ScrollPane scroll = new ScrollPane(created);
            scroll.setFitToWidth(true);
            scroll.getStyleClass().add("page-scroll");
            return scroll;
        });
        center.getChildren().setAll(page);
        if (EXPERIMENTS.equals(key)) {
            services.experiments().refresh();
        }
    }

    private static ToggleButton navButton(String text, String shortcut) {
        ToggleButton button = new ToggleButton(text);
        button.getStyleClass().add("nav-button");
        button.setMaxWidth(Double.MAX_VALUE);
        button.setAlignment(Pos.CENTER_LEFT);
        button.setTooltip(new javafx.scene.control.Tooltip(text + " (" + shortcut + ")"));
        return button;
    }

    /** A rail row: a numbered badge coloured by status, the title, and the status in words. */
    private static final class StepCell extends ListCell<StepItem> {
        private final Label badge = new Label();
        private final Label title = new Label();
        private final Label status = new Label();
        private final HBox row;

        StepCell() {
            badge.getStyleClass().add("step-badge");
            badge.setMinSize(26, 26);
            badge.setAlignment(Pos.CENTER);
            title.getStyleClass().add("step-title");
            status.getStyleClass().add("step-status");
            VBox text = new VBox(1, title, status);
            row = new HBox(10, badge, text);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(StepItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            StepStatus s = item.status();
            badge.setText(s == StepStatus.DONE ? "\u2713" : Integer.toString(item.number()));
            badge.getStyleClass().removeIf(c -> c.startsWith("status-"));
            badge.getStyleClass()
                    .add("status-" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            title.setText(item.step().title());
            status.setText(s.label());
            setGraphic(row);
        }
    }
}
