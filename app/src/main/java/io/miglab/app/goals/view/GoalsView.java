package io.miglab.app.goals.view;

import io.miglab.app.goals.GoalsViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.core.goals.MigrationGoals.Objective;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;

/**
 * The Goals step's form: the objective as a segmented choice, then three cards (recovery, target, thresholds) of
 * labelled fields, each with its one-line problem under it, and Save. Durations read as elsewhere in MigLab: 500ms,
 * 30s, 15min, 4h.
 */
public final class GoalsView implements PageActions {
    private static final String DURATIONS = "500ms, 30s, 15min, 4h";

    private final GoalsViewModel model;
    private final VBox root;
    private final SegmentedButton objectives = new SegmentedButton();
    private TextField first;

    public GoalsView(GoalsViewModel model) {
        this.model = model;
        Label objectiveLabel = new Label("Objective");
        objectiveLabel.getStyleClass().add("title-4");
        for (Objective o : Objective.values()) {
            ToggleButton b = new ToggleButton(shortLabel(o));
            b.setTooltip(new Tooltip(o.label()));
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setUserData(o);
            objectives.getButtons().add(b);
        }
        objectives.getToggleGroup().selectedToggleProperty().addListener((obs, old, now) -> {
            Objective chosen = now == null ? null : (Objective) now.getUserData();
            if (!Objects.equals(model.objectiveProperty().get(), chosen)) {
                model.objectiveProperty().set(chosen);
            }
        });
        model.objectiveProperty().addListener((obs, old, now) -> selectObjective(now));
        Label objectiveHint =
                new Label("Why the migration happens: it decides which steps of the playbook matter most.");
        objectiveHint.getStyleClass().addAll("text-muted", "text-small");

        HBox cards = new HBox(16, recoveryCard(), targetCard());
        cards.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));

        Button save = new Button("Save goals");
        save.getStyleClass().add("accent");
        save.disableProperty().bind(model.validProperty().not());
        save.setOnAction(e -> model.save());
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("text-muted");
        Label invalid = new Label("Fix the fields marked in red to save.");
        invalid.getStyleClass().add("text-danger");
        invalid.visibleProperty().bind(model.validProperty().not());
        invalid.managedProperty().bind(invalid.visibleProperty());
        save.setMinWidth(Region.USE_PREF_SIZE);
        status.setMinWidth(0);
        // Save sits in the first card, so it is on screen without scrolling; Ctrl+Enter saves too.
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(12, objectiveLabel, gap, status, invalid, save);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox objective = new VBox(8, head, objectives, objectiveHint);
        objective.getStyleClass().add("card-box");

        root = new VBox(14, objective, cards, thresholdsCard());
        root.setPadding(new Insets(0, 0, 8, 0));
        model.load();
    }

    public Node root() {
        return root;
    }

    /** Ctrl+Enter saves, as the button does. */
    @Override
    public void runPrimaryAction() {
        if (model.validProperty().get()) {
            model.save();
        }
    }

    @Override
    public void focusFirst() {
        first.requestFocus();
    }

    private Node recoveryCard() {
        GridPane form = form();
        first = durationField(model.rto(), "15min");
        row(form, 0, "RTO", first, model.rto(), "How long the service may be down after a failure.");
        row(
                form,
                2,
                "RPO",
                durationField(model.rpo(), "0"),
                model.rpo(),
                "How much committed data may be lost; 0 for none.");
        row(
                form,
                4,
                "Downtime tolerance",
                durationField(model.downtime(), "5min"),
                model.downtime(),
                "How long the cut-over itself may take.");
        return card("Recovery", form);
    }

    private Node targetCard() {
        GridPane form = form();
        ComboBox<String> engine = new ComboBox<>();
        engine.getItems()
                .addAll(
                        "PostgreSQL",
                        "Amazon RDS for PostgreSQL",
                        "Amazon Aurora PostgreSQL",
                        "Google Cloud SQL for PostgreSQL",
                        "Azure Database for PostgreSQL",
                        "AlloyDB for PostgreSQL");
        engine.setEditable(true);
        engine.setPromptText("PostgreSQL");
        engine.setMaxWidth(Double.MAX_VALUE);
        engine.getEditor().textProperty().bindBidirectional(model.targetEngineProperty());
        TextField version = new TextField();
        version.setPromptText("17");
        version.textProperty().bindBidirectional(model.targetVersionProperty());
        TextArea rollback = new TextArea();
        rollback.setPromptText("How to go back if the cut-over fails: keep the old primary read-only for 48 h,"
                + " reverse replication, restore from the pre-cut-over snapshot\u2026");
        rollback.setWrapText(true);
        rollback.setPrefRowCount(3);
        rollback.textProperty().bindBidirectional(model.rollbackPlanProperty());
        row(form, 0, "Target engine", engine, null, null);
        row(form, 2, "Target version", version, null, null);
        row(form, 4, "Rollback plan", rollback, null, null);
        return card("Target", form);
    }

    private Node thresholdsCard() {
        GridPane form = form();
        row(
                form,
                0,
                "p95 latency target",
                durationField(model.p95Target(), "25ms"),
                model.p95Target(),
                "Every statement's p95 should stay under it; the Baseline chart draws it as a line. A plain number"
                        + " is in ms.");
        TextArea perStatement = new TextArea();
        perStatement.setPromptText("rentals_by_customer = 40ms (one statement a line)");
        perStatement.setPrefRowCount(3);
        perStatement.textProperty().bindBidirectional(model.statementTargets().textProperty());
        markProblem(perStatement, model.statementTargets());
        row(
                form,
                2,
                "Per statement",
                perStatement,
                model.statementTargets(),
                "Overrides the overall target: one 'statement name = latency' a line.");
        row(
                form,
                4,
                "Migration window",
                durationField(model.migrationWindow(), "2h"),
                model.migrationWindow(),
                "How long the migration job may run; the go/no-go judges the projection against it.");
        return card("Thresholds", form);
    }

    // --- helpers

    /** The objective in a word or two, as the segmented choice shows it; the tooltip has the full label. */
    private static String shortLabel(Objective o) {
        return switch (o) {
            case UPGRADE -> "Upgrade";
            case REPLATFORM -> "Replatform";
            case CLOUD_MOVE -> "Cloud move";
            case MULTI_REGION -> "Multi-region";
            case COMPLIANCE -> "Compliance";
        };
    }

    private void selectObjective(Objective o) {
        for (ToggleButton b : objectives.getButtons()) {
            if (b.getUserData() == o) {
                b.setSelected(true);
                return;
            }
        }
        objectives.getToggleGroup().selectToggle(null);
    }

    private static TextField durationField(GoalsViewModel.Field field, String example) {
        TextField text = new TextField();
        text.setPromptText("e.g. " + example);
        text.setTooltip(new Tooltip("A duration: " + DURATIONS));
        text.textProperty().bindBidirectional(field.textProperty());
        text.setPrefColumnCount(10);
        text.setMaxWidth(220);
        markProblem(text, field);
        return text;
    }

    private static void markProblem(TextInputControl control, GoalsViewModel.Field field) {
        field.problemProperty().addListener((obs, old, now) -> {
            control.getStyleClass().remove("danger");
            if (!now.isEmpty()) {
                control.getStyleClass().add("danger");
            }
        });
    }

    /** A label, its control, and under the control its problem (red) or else its hint (muted). */
    private static void row(GridPane form, int at, String name, Node control, GoalsViewModel.Field field, String hint) {
        Label label = new Label(name);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(control);
        GridPane.setValignment(label, control instanceof TextArea ? VPos.TOP : VPos.CENTER);
        form.add(label, 0, at);
        form.add(control, 1, at);
        if (field == null && hint == null) {
            return;
        }
        Label below = new Label();
        below.setWrapText(true);
        below.getStyleClass().add("text-small");
        if (field != null) {
            below.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> field.problemProperty().get().isEmpty()
                                    ? hint
                                    : field.problemProperty().get(),
                            field.problemProperty()));
            field.problemProperty().addListener((obs, old, now) -> {
                below.getStyleClass().removeAll("text-danger", "text-muted");
                below.getStyleClass().add(now.isEmpty() ? "text-muted" : "text-danger");
            });
            below.getStyleClass().add("text-muted");
        } else {
            below.setText(hint);
            below.getStyleClass().add("text-muted");
        }
        form.add(below, 1, at + 1);
    }

    private static GridPane form() {
        return io.miglab.app.widget.FormGrid.create(12, 4);
    }

    private static Node card(String title, GridPane form) {
        Label heading = new Label(title);
        heading.getStyleClass().add("title-4");
        VBox card = new VBox(10, heading, form);
        card.getStyleClass().add("card-box");
        card.setPadding(new Insets(16));
        card.setMaxWidth(Double.MAX_VALUE);
        card.setMinWidth(320);
        return card;
    }
}
