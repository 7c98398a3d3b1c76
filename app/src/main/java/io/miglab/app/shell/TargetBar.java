package io.miglab.app.shell;

import io.miglab.app.targets.TargetRow;
import io.miglab.app.targets.TargetsViewModel;
import io.miglab.core.targets.ConnectionCheck;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/** The top bar: product name, and the current target with its live connection state. */
final class TargetBar {
    private final TargetsViewModel targets;
    private final HBox root;
    private final ComboBox<String> selector = new ComboBox<>();
    private final Circle dot = new Circle(5);
    private final Label state = new Label("No target");
    private final Label role = new Label();
    private boolean updating;
    /** Whether the bar has room for the host and port beside the server version. */
    private boolean wide = true;

    TargetBar(TargetsViewModel targets, Consumer<String> showPage, Runnable openPalette, Runnable switchTheme) {
        this.targets = targets;
        Label brand = new Label("MigLab");
        brand.getStyleClass().add("brand");
        Label tagline = new Label("performance lab for database migrations");
        tagline.getStyleClass().add("brand-tagline");

        Label targetLabel = new Label("Target");
        targetLabel.getStyleClass().add("text-muted");
        selector.setPromptText("Choose a target");
        selector.setPrefWidth(180);
        selector.setTooltip(new Tooltip("The server every page works on"));
        selector.valueProperty().addListener((obs, old, name) -> {
            if (!updating && name != null) {
                targets.makeCurrent(name);
            }
        });
        targets.rows().addListener((ListChangeListener<TargetRow>) c -> syncItems());
        targets.currentProperty().addListener((obs, old, name) -> {
            syncItems();
            updating = true;
            selector.setValue(name);
            updating = false;
            updateState();
        });
        targets.currentStateProperty().addListener((obs, old, check) -> updateState());

        dot.getStyleClass().addAll("state-dot", "state-unknown");
        state.getStyleClass().add("connection-state");
        role.getStyleClass().add("role-chip");
        role.setVisible(false);
        role.managedProperty().bind(role.visibleProperty());

        Button test = new Button("Test");
        test.getStyleClass().add("button-outlined");
        test.setOnAction(e -> {
            if (targets.currentProperty().get() != null) {
                targets.test(targets.currentProperty().get());
            }
        });
        Button manage = new Button("Targets\u2026");
        manage.getStyleClass().add("flat");
        manage.setTooltip(new Tooltip("Add, test and unlock targets (Ctrl+T)"));
        manage.setOnAction(e -> showPage.accept(MainWindow.TARGETS));
        Button palette = new Button("Ctrl+K");
        palette.getStyleClass().addAll("flat", "shortcut-button");
        palette.setTooltip(new Tooltip("Go to any step or page, run an action (Ctrl+K); F1 lists the shortcuts"));
        palette.setOnAction(e -> openPalette.run());
        Button theme = new Button("\u25d0");
        theme.getStyleClass().addAll("flat", "theme-button");
        theme.setTooltip(new Tooltip("Light or dark theme (Ctrl+Shift+D)"));
        theme.setOnAction(e -> switchTheme.run());
        for (Button b : new Button[] {test, manage, palette, theme}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        targetLabel.setMinWidth(Region.USE_PREF_SIZE);
        brand.setMinWidth(Region.USE_PREF_SIZE);
        selector.setMinWidth(120);
        // The tagline is the first thing to go when the window narrows; the target and its state stay.
        tagline.setMinWidth(0);
        tagline.managedProperty().bind(tagline.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox stateBox = new HBox(8, dot, state, role);
        stateBox.setAlignment(Pos.CENTER_LEFT);
        stateBox.getStyleClass().add("state-box");
        state.setMinWidth(60);
        HBox.setHgrow(stateBox, Priority.SOMETIMES);
        stateBox.setMinWidth(120);
        root = new HBox(12, brand, tagline, spacer, targetLabel, selector, stateBox, test, manage, palette, theme);
        role.setMinWidth(Region.USE_PREF_SIZE);
        root.widthProperty().addListener((obs, old, width) -> {
            tagline.setVisible(width.doubleValue() >= 1380);
            boolean wide = width.doubleValue() >= 1300;
            if (wide != this.wide) {
                this.wide = wide;
                updateState();
            }
        });
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(10, 16, 10, 18));
        root.getStyleClass().add("target-bar");
    }

    Node root() {
        return root;
    }

    private void syncItems() {
        updating = true;
        String value = selector.getValue();
        selector.getItems().setAll(targets.rows().stream().map(TargetRow::name).toList());
        selector.setValue(
                targets.currentProperty().get() != null
                        ? targets.currentProperty().get()
                        : value);
        updating = false;
        updateState();
    }

    private void updateState() {
        String name = targets.currentProperty().get();
        ConnectionCheck check = targets.currentStateProperty().get();
        dot.getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-dot"));
        TargetRow row = name == null ? null : targets.row(name).orElse(null);
        role.setVisible(row != null);
        if (row != null) {
            boolean guarded = row.target().guarded();
            role.setText(
                    guarded
                            ? (row.unlock() == null ? "guarded \u00b7 read-only" : "guarded \u00b7 writes unlocked")
                            : "lab");
            role.getStyleClass().removeIf(c -> c.startsWith("role-") && !c.equals("role-chip"));
            role.getStyleClass().add(guarded ? (row.unlock() == null ? "role-guarded" : "role-unlocked") : "role-lab");
        }
        if (name == null) {
            dot.getStyleClass().add("state-unknown");
            state.setText("No target");
            state.setTooltip(null);
        } else if (check == null) {
            dot.getStyleClass().add("state-unknown");
            state.setText("Checking " + name + "\u2026");
        } else if (check.ok()) {
            dot.getStyleClass().add("state-ok");
            String host = row == null || !wide
                    ? ""
                    : "  \u00b7  " + row.target().connection().host() + ":"
                            + row.target().connection().port();
            state.setText("Connected  \u00b7  PostgreSQL " + check.serverVersion() + host + "  \u00b7  "
                    + check.latency().toMillis() + " ms");
            String where = row == null
                    ? ""
                    : row.target().connection().host() + ":"
                            + row.target().connection().port() + "\n";
            state.setTooltip(new Tooltip(where + check.message()));
        } else {
            dot.getStyleClass()
                    .add(
                            check.problem() == ConnectionCheck.Problem.LAB_INSTANCE_STOPPED
                                    ? "state-stopped"
                                    : "state-error");
            state.setText(check.problem() == ConnectionCheck.Problem.LAB_INSTANCE_STOPPED ? "Stopped" : "Unreachable");
            state.setTooltip(new Tooltip(check.message()));
        }
    }
}
