package io.miglab.app.advisor.view;

import io.miglab.app.advisor.IndexTuningViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.Columns;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.Spinners;
import io.miglab.app.widget.WheelToPage;
import io.miglab.app.workload.view.AbChart;
import io.miglab.core.advisor.index.IndexCandidate;
import io.miglab.core.advisor.index.IndexSpec;
import io.miglab.core.workload.AbRequest;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Index tuning step: Find indexes (Ctrl+Enter), the candidates with why each was kept or rejected, the SQL,
 * Build and prove, and the proof: the workload's A/B chart beside the write overhead's.
 */
public final class IndexTuningView implements PageActions {
    private final IndexTuningViewModel model;
    private final VBox root;
    private DatabasePicker picker;

    public IndexTuningView(IndexTuningViewModel model) {
        this.model = model;
        root = new VBox(
                12, header(), jobBar(), summary(model.summaryProperty()), candidatesTable(), sqlRow(), proofRow());
        if (model.database().databases().isEmpty()) {
            model.database().refresh();
        }
    }

    public Node root() {
        return root;
    }

    @Override
    public void runPrimaryAction() {
        if (!model.runningProperty().get()) {
            model.advise();
        }
    }

    @Override
    public void cancelRunningJob() {
        model.cancel();
    }

    @Override
    public void focusFirst() {
        picker.comboBox().requestFocus();
    }

    private Node header() {
        picker = new DatabasePicker(model.database());
        Label workload = new Label();
        workload.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.workload().getValue() == null
                                ? "No workload"
                                : "Workload: " + model.workload().getValue().name() + " ("
                                        + model.workload()
                                                .getValue()
                                                .statements()
                                                .size()
                                        + " statements; choose another on the Baseline page)",
                        model.workload()));
        workload.getStyleClass().add("text-muted");
        workload.setMinWidth(0);
        Button find = new Button("Find indexes");
        find.getStyleClass().add("accent");
        find.setOnAction(e -> model.advise());
        find.disableProperty().bind(model.runningProperty());
        find.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(12, picker, workload, gap, find);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node jobBar() {
        return PageJobBar.row(
                model.runningProperty(),
                model.progressProperty(),
                model.messageProperty(),
                model::cancel,
                "Ctrl+Enter finds indexes: candidates from the plans' filters, joins and sorts, costed with HypoPG"
                        + " where the server has it, else by building each for real on a lab instance. Esc cancels.");
    }

    private static Label summary(javafx.beans.value.ObservableStringValue text) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setWrapText(true);
        label.getStyleClass().add("text-muted");
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private Node candidatesTable() {
        TableView<IndexCandidate> table = WheelToPage.install(new TableView<>(model.candidates()));
        Label empty = new Label("Find indexes to see the candidates: each with the statements it serves, its best"
                + " saving, and why it was kept or rejected. Select one for its SQL and every statement's cost.");
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<IndexCandidate, Boolean> verdict = new TableColumn<>("Verdict");
        verdict.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().kept()));
        verdict.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean kept, boolean empty) {
                super.updateItem(kept, empty);
                if (empty || kept == null) {
                    setGraphic(null);
                    return;
                }
                Label chip = new Label(kept ? "kept" : "rejected");
                chip.getStyleClass().addAll("verdict-chip", kept ? "verdict-faster" : "verdict-no-significant-change");
                setGraphic(chip);
            }
        });
        verdict.setPrefWidth(90);
        verdict.setMinWidth(90);
        verdict.setMaxWidth(90);
        table.getColumns()
                .addAll(
                        verdict,
                        Columns.text("Index", c -> describe(c.index()), 260),
                        Columns.text("Serves", c -> String.join(", ", c.serves()), 150),
                        Columns.number(
                                "Best saving",
                                IndexCandidate::bestSavingPercent,
                                c -> c.costs().isEmpty()
                                        ? "\u2013"
                                        : String.format(Locale.ROOT, "%.0f %%", c.bestSavingPercent()),
                                110),
                        Columns.text("Why", IndexCandidate::reason, 320));
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<IndexCandidate> row = new javafx.scene.control.TableRow<>();
            row.itemProperty().addListener((obs, old, c) -> {
                row.getStyleClass().remove("rejected-row");
                if (c != null && !c.kept()) {
                    row.getStyleClass().add("rejected-row");
                }
            });
            return row;
        });
        table.prefHeightProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> 56
                                + 26.0
                                        * Math.min(
                                                14,
                                                Math.max(4, model.candidates().size())),
                        model.candidates()));
        return table;
    }

    private Node sqlRow() {
        Label title = new Label("SQL of the advised set");
        title.getStyleClass().add("section-heading");
        TextArea sql = new TextArea();
        sql.textProperty().bind(model.sqlProperty());
        sql.setEditable(false);
        sql.setWrapText(true);
        sql.setPrefRowCount(4);
        sql.getStyleClass().add("mono");
        sql.setPromptText("CREATE INDEX CONCURRENTLY ... statements appear here.");
        HBox.setHgrow(sql, Priority.ALWAYS);
        Button copy = new Button("Copy SQL");
        copy.getStyleClass().add("button-outlined");
        copy.disableProperty().bind(Bindings.isEmpty(model.sqlProperty()));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.sqlProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Spinner<Integer> rounds = Spinners.bound(AbRequest.MIN_ROUNDS, AbRequest.MAX_ROUNDS, model.roundsProperty());
        rounds.setPrefWidth(90);
        Label roundsLabel = new Label("A/B rounds per side");
        Button apply = new Button("Build and prove");
        apply.getStyleClass().add("accent");
        apply.setOnAction(e -> model.applyAndProve());
        apply.disableProperty().bind(model.canApply().not());
        Button undo = new Button("Undo (drop)");
        undo.getStyleClass().addAll("button-outlined", "danger");
        undo.setOnAction(e -> model.undo());
        undo.disableProperty().bind(model.canUndo().not());
        for (Region fixed : new Region[] {copy, roundsLabel, apply, undo}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox roundsRow = new HBox(8, roundsLabel, rounds);
        roundsRow.setAlignment(Pos.CENTER_LEFT);
        VBox actions = new VBox(8, roundsRow, apply, undo, copy);
        apply.setMaxWidth(Double.MAX_VALUE);
        undo.setMaxWidth(Double.MAX_VALUE);
        copy.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(12, sql, actions);
        return new VBox(8, title, row, summary(model.buildSummaryProperty()));
    }

    private Node proofRow() {
        AbChart speed = new AbChart();
        AbChart writes = new AbChart();
        model.proofProperty().addListener((obs, old, p) -> {
            speed.setComparison(p == null ? null : p.speed().comparison());
            writes.setComparison(
                    p == null || p.writes() == null ? null : p.writes().comparison());
        });
        VBox left = titled("Speed: the workload with the indexes (B) against without (A)", speed);
        VBox right = titled("Write overhead: inserts and updates on the indexed tables", writes);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(1);
        right.setPrefWidth(1);
        HBox row = new HBox(16, left, right);
        row.visibleProperty().bind(Bindings.isNotNull(model.proofProperty()));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private static VBox titled(String text, Node content) {
        Label title = new Label(text);
        title.getStyleClass().add("section-heading");
        title.setWrapText(true);
        return new VBox(8, title, content);
    }

    static String describe(IndexSpec i) {
        String include = i.include().isEmpty() ? "" : " INCLUDE (" + String.join(", ", i.include()) + ")";
        return i.table() + " (" + String.join(", ", i.columns()) + ")" + include;
    }
}
