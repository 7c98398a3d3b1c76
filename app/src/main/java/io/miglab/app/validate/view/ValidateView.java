package io.miglab.app.validate.view;

import io.miglab.app.shell.PageActions;
import io.miglab.app.validate.ValidateViewModel;
import io.miglab.app.widget.Columns;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.WheelToPage;
import io.miglab.core.validate.Check;
import io.miglab.core.validate.RowDifference;
import io.miglab.core.validate.TableParity;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Validate step: source and destination, Validate (Ctrl+Enter), the tables with their counts and differences,
 * the integrity checks, and the keys that differ in the selected table.
 */
public final class ValidateView implements PageActions {
    private final ValidateViewModel model;
    private final VBox root;
    private ComboBox<String> sourcePicker;

    public ValidateView(ValidateViewModel model) {
        this.model = model;
        Label tablesHeading = heading("Parity per table");
        Label checksHeading = heading("Checks");
        Label keysHeading = heading("Keys that differ");
        keysHeading
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.selectedTableProperty().get() == null
                                ? "Keys that differ"
                                : "Keys that differ in "
                                        + model.selectedTableProperty().get().table(),
                        model.selectedTableProperty()));
        Label rowHeading = heading("Row side by side");
        rowHeading
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.selectedDifferenceProperty().get() == null
                                ? "Row side by side"
                                : "Row "
                                        + model.selectedDifferenceProperty()
                                                .get()
                                                .keyText() + ", side by side",
                        model.selectedDifferenceProperty()));
        Label rowNote = new Label();
        rowNote.textProperty().bind(model.rowNoteProperty());
        rowNote.getStyleClass().add("step-status");
        rowNote.managedProperty().bind(rowNote.textProperty().isNotEmpty());
        HBox lower = new HBox(
                16,
                new VBox(8, checksHeading, checksTable()),
                new VBox(8, keysHeading, keysTable()),
                new VBox(8, rowHeading, rowNote, rowTable()));
        // Widths in proportion to what each table shows: the row side by side needs the most.
        double[] widths = {340, 320, 500};
        for (int i = 0; i < widths.length; i++) {
            Region n = (Region) lower.getChildren().get(i);
            HBox.setHgrow(n, Priority.ALWAYS);
            n.setPrefWidth(widths[i]);
            n.setMinWidth(0);
        }
        root = new VBox(12, form(), jobBar(), summary(), tablesHeading, tablesTable(), lower);
        model.refreshSources();
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
            model.validate();
        }
    }

    @Override
    public void cancelRunningJob() {
        model.cancel();
    }

    @Override
    public void focusFirst() {
        sourcePicker.requestFocus();
    }

    private Node form() {
        sourcePicker = new ComboBox<>(model.sources());
        sourcePicker.valueProperty().bindBidirectional(model.sourceProperty());
        sourcePicker.setPromptText("source target");
        sourcePicker.setPrefWidth(180);
        TextField sourceDb = new TextField();
        sourceDb.textProperty().bindBidirectional(model.sourceDatabaseProperty());
        sourceDb.setPromptText("same as the destination's");
        sourceDb.setPrefWidth(190);
        DatabasePicker destination = new DatabasePicker(model.database());
        TextField tables = new TextField();
        tables.textProperty().bindBidirectional(model.tablesProperty());
        tables.setPromptText("every table; or rental, public.payment");
        HBox.setHgrow(tables, Priority.ALWAYS);
        Button run = new Button("Validate");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> model.validate());
        run.disableProperty().bind(model.runningProperty());
        Label from = new Label("Source");
        Label fromDb = new Label("database");
        Label to = new Label("Destination on the current target:");
        Label only = new Label("Tables");
        for (Region fixed : new Region[] {from, fromDb, to, only, run}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox first = new HBox(10, from, sourcePicker, fromDb, sourceDb, to, destination);
        first.setAlignment(Pos.CENTER_LEFT);
        HBox second = new HBox(10, only, tables, run);
        second.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, first, second);
    }

    private Node jobBar() {
        return PageJobBar.row(
                model.runningProperty(),
                model.progressProperty(),
                model.messageProperty(),
                model::cancel,
                "Ctrl+Enter validates: exact counts, checksums per key range bisected down to the rows that differ,"
                        + " then the destination's constraints, orphans, sequences, indexes and schema. Only reads.");
    }

    private Node summary() {
        Label label = new Label();
        label.textProperty().bind(model.summaryProperty());
        label.setWrapText(true);
        label.getStyleClass().add("text-muted");
        label.visibleProperty().bind(Bindings.isNotEmpty(model.summaryProperty()));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private Node tablesTable() {
        TableView<TableParity> table = table(
                model.tableRows(),
                "Validate to see every table: rows on both sides, and how many are missing, extra or changed.");
        table.getColumns()
                .addAll(
                        result(TableParity::passed),
                        Columns.text("Table", TableParity::table, 200),
                        Columns.text("Key", t -> String.join(", ", t.key()), 170),
                        Columns.number("Source rows", TableParity::sourceRows, t -> count(t.sourceRows()), 110),
                        Columns.number("Dest rows", TableParity::targetRows, t -> count(t.targetRows()), 110),
                        Columns.number("Missing", TableParity::missing, t -> count(t.missing()), 90),
                        Columns.number("Extra", TableParity::extra, t -> count(t.extra()), 90),
                        Columns.number("Changed", TableParity::changed, t -> count(t.changed()), 90),
                        Columns.text("Notes", t -> String.join("; ", t.warnings()), 200));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> {
            if (t != null) {
                model.selectedTableProperty().set(t);
            }
        });
        model.selectedTableProperty().addListener((obs, old, t) -> {
            if (t != null && table.getSelectionModel().getSelectedItem() != t) {
                table.getSelectionModel().select(t);
            }
        });
        table.prefHeightProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> 56
                                + 26.0
                                        * Math.min(
                                                12,
                                                Math.max(4, model.tableRows().size())),
                        model.tableRows()));
        return table;
    }

    private Node checksTable() {
        TableView<Check> table = table(model.checks(), "The destination's integrity checks appear here.");
        table.getColumns()
                .addAll(
                        result(Check::passed),
                        Columns.text("Check", Check::name, 160),
                        Columns.text(
                                "Summary",
                                c -> c.summary()
                                        + (c.problems().isEmpty() ? "" : ": " + String.join("; ", c.problems())),
                                300));
        table.setPrefHeight(56 + 26.0 * 8);
        return table;
    }

    private Node keysTable() {
        TableView<RowDifference> table =
                table(model.differences(), "Select a table that differs to see its keys: missing, extra or changed.");
        table.getColumns()
                .addAll(
                        Columns.text("Kind", d -> kind(d.kind()), 190),
                        Columns.text("Key", RowDifference::keyText, 260));
        table.setPrefHeight(56 + 26.0 * 8);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, d) -> {
            if (d != null) {
                model.selectedDifferenceProperty().set(d);
            }
        });
        model.selectedDifferenceProperty().addListener((obs, old, d) -> {
            if (d != null && table.getSelectionModel().getSelectedItem() != d) {
                table.getSelectionModel().select(d);
            }
        });
        return table;
    }

    /** The selected key's row on both sides; the columns that differ are marked. */
    private Node rowTable() {
        TableView<ValidateViewModel.ColumnValues> table =
                table(model.rowValues(), "Select a differing key to see its row on the source and on the destination.");
        table.getColumns()
                .addAll(
                        Columns.text("Column", ValidateViewModel.ColumnValues::column, 130),
                        Columns.text("Source", ValidateViewModel.ColumnValues::sourceText, 180),
                        Columns.text("Destination", ValidateViewModel.ColumnValues::targetText, 180));
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ValidateViewModel.ColumnValues v, boolean empty) {
                super.updateItem(v, empty);
                pseudoClassStateChanged(DIFFERS, !empty && v != null && v.differs());
            }
        });
        table.setPrefHeight(56 + 26.0 * 8);
        return table;
    }

    private static final javafx.css.PseudoClass DIFFERS = javafx.css.PseudoClass.getPseudoClass("differs");

    static String kind(RowDifference.Kind k) {
        return switch (k) {
            case MISSING -> "missing on the destination";
            case EXTRA -> "only on the destination";
            case CHANGED -> "changed";
        };
    }

    private static <T> TableColumn<T, Boolean> result(java.util.function.Function<T, Boolean> passed) {
        TableColumn<T, Boolean> column = new TableColumn<>("Result");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(passed.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean ok, boolean empty) {
                super.updateItem(ok, empty);
                if (empty || ok == null) {
                    setGraphic(null);
                    return;
                }
                Label chip = new Label(ok ? "pass" : "FAIL");
                chip.getStyleClass().addAll("verdict-chip", ok ? "verdict-faster" : "verdict-slower");
                setGraphic(chip);
            }
        });
        column.setPrefWidth(80);
        column.setMinWidth(80);
        column.setMaxWidth(80);
        return column;
    }

    private static <T> TableView<T> table(ObservableList<T> rows, String placeholder) {
        TableView<T> table = WheelToPage.install(new TableView<>(rows));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label(placeholder);
        empty.setWrapText(true);
        empty.setMaxWidth(460);
        table.setPlaceholder(empty);
        return table;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-heading");
        return label;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
