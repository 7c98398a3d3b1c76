package io.miglab.app.dataset.view;

import io.miglab.app.dataset.DatasetViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.WheelToPage;
import io.miglab.datasets.pagila.TableLoad;
import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The tools of the "Load Pagila" step: two ways in, one progress bar, and what landed per table. */
public final class DatasetView implements PageActions {
    private final DatasetViewModel model;
    private final VBox root;
    private Node official;
    private TextField scaleField;

    public DatasetView(DatasetViewModel model) {
        this.model = model;
        official = officialCard();
        HBox cards = new HBox(16, official, generatedCard());
        cards.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));

        CheckBox replace = new CheckBox("Replace a database of the same name once the new one is complete");
        replace.selectedProperty().bindBidirectional(model.replaceProperty());

        Node progress = PageJobBar.row(
                model.runningProperty(),
                model.progressProperty(),
                model.progressMessageProperty(),
                model::cancel,
                "Ctrl+Enter generates (or imports, from the Official Pagila card); Esc cancels and leaves no"
                        + " half-built database behind.");

        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        summary.getStyleClass().add("load-summary");
        summary.visibleProperty().bind(Bindings.isNotEmpty(model.summaryProperty()));
        summary.managedProperty().bind(summary.visibleProperty());

        TableView<TableLoad> table = WheelToPage.install(new TableView<>(model.tables()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<TableLoad, String> name = new TableColumn<>("Table");
        name.setCellValueFactory(c ->
                new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().table()));
        TableColumn<TableLoad, TableLoad> rows = new TableColumn<>("Rows");
        rows.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        rows.setCellFactory(c -> new RowsBarCell(model));
        TableColumn<TableLoad, String> time = new TableColumn<>("Time");
        time.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(
                c.getValue().elapsed().isZero()
                        ? "\u2013"
                        : io.miglab.core.units.Durations.format(c.getValue().elapsed())));
        time.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(name);
        table.getColumns().add(rows);
        table.getColumns().add(time);
        Label empty = new Label(
                "Import or generate Pagila: the rows loaded into each table, and how long each took, show" + " here.");
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        table.setPrefHeight(320);
        VBox.setVgrow(table, Priority.ALWAYS);

        root = new VBox(14, cards, replace, progress, summary, table);
    }

    public Node root() {
        return root;
    }

    /**
     * Ctrl+Enter loads: the import when the keyboard is in the Official Pagila card, else the generation (which
     * does nothing while the scale is refused).
     */
    @Override
    public void runPrimaryAction() {
        if (model.runningProperty().get()) {
            return;
        }
        Node focused = root.getScene() == null ? null : root.getScene().getFocusOwner();
        for (Node n = focused; n != null; n = n.getParent()) {
            if (n == official) {
                model.importOfficial();
                return;
            }
        }
        if (model.canGenerateProperty().get()) {
            model.generate();
        }
    }

    @Override
    public void cancelRunningJob() {
        model.cancel();
    }

    @Override
    public void focusFirst() {
        scaleField.requestFocus();
    }

    private Node officialCard() {
        Label title = new Label("Official Pagila");
        title.getStyleClass().add("title-4");
        Label about = new Label("The DVD-rental database the tutorials use (about 16,000 rentals). Download"
                + " pagila-schema.sql and pagila-data.sql from the Pagila repository on GitHub"
                + " (github.com/devrimgunduz/pagila) into a folder, then import them here: MigLab runs them as psql"
                + " would, into a new database.");
        about.setWrapText(true);
        about.getStyleClass().add("text-muted");
        TextField folder = new TextField();
        folder.setPromptText("Folder with pagila-schema.sql and pagila-data.sql");
        folder.textProperty().bindBidirectional(model.folderProperty());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button browse = new Button("Browse\u2026");
        browse.getStyleClass().add("button-outlined");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder with the Pagila release");
            File dir = chooser.showDialog(browse.getScene().getWindow());
            if (dir != null) {
                model.folderProperty().set(dir.getAbsolutePath());
            }
        });
        TextField database = new TextField();
        database.textProperty().bindBidirectional(model.importDatabaseProperty());
        Button go = new Button("Import");
        go.getStyleClass().add("accent");
        go.disableProperty().bind(model.runningProperty());
        go.setOnAction(e -> model.importOfficial());
        GridPane form = form();
        form.addRow(0, new Label("Folder"), new HBox(8, folder, browse));
        form.addRow(1, new Label("Database"), database);
        return card(title, about, form, go);
    }

    private Node generatedCard() {
        Label title = new Label("Generated, any size");
        title.getStyleClass().add("title-4");
        Label about = new Label("A Pagila-compatible database generated from a seed: the same tables and queries,"
                + " with skewed customers and films, open rentals and a few huge categories, so indexes and loaders"
                + " behave as they do on real data. Scale 1 is about the official size; scale 100 about 1.6 million"
                + " rentals.");
        about.setWrapText(true);
        about.getStyleClass().add("text-muted");
        TextField scale = new TextField();
        scaleField = scale;
        scale.textProperty().bindBidirectional(model.scaleText());
        scale.setPrefColumnCount(7);
        scale.setPromptText("1 to " + DatasetViewModel.MAX_SCALE);
        scale.getStyleClass().add("scale-field");
        model.scaleProblemProperty()
                .addListener((obs, old, now) ->
                        scale.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), !now.isEmpty()));
        Label problem = new Label();
        problem.textProperty().bind(model.scaleProblemProperty());
        problem.getStyleClass().addAll("text-danger", "text-small");
        problem.visibleProperty().bind(Bindings.isNotEmpty(model.scaleProblemProperty()));
        Label estimate = new Label();
        estimate.getStyleClass().addAll("text-muted", "text-small");
        estimate.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> String.format(Locale.ROOT, "about %,d rentals", model.estimatedRentals()),
                        model.scaleProperty()));
        TextField seed = new TextField();
        seed.textProperty().bindBidirectional(model.seedProperty());
        TextField database = new TextField();
        database.textProperty().bindBidirectional(model.generateDatabaseProperty());
        Button go = new Button("Generate");
        go.getStyleClass().add("accent");
        go.disableProperty().bind(model.canGenerateProperty().not());
        go.setOnAction(e -> model.generate());
        GridPane form = form();
        // The estimate and the refusal share one place, so the form does not grow a line when the scale is wrong.
        StackPane hint = new StackPane(estimate, problem);
        hint.setAlignment(Pos.CENTER_LEFT);
        estimate.visibleProperty().bind(problem.visibleProperty().not());
        HBox scaleRow = new HBox(10, scale, hint);
        scaleRow.setAlignment(Pos.CENTER_LEFT);
        form.addRow(0, new Label("Scale"), scaleRow);
        form.addRow(1, new Label("Seed"), seed);
        form.addRow(2, new Label("Database"), database);
        return card(title, about, form, go);
    }

    private static GridPane form() {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        javafx.scene.layout.ColumnConstraints grow = new javafx.scene.layout.ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        form.getColumnConstraints().addAll(labels, grow);
        return form;
    }

    private static Node card(Label title, Label about, GridPane form, Button go) {
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(go);
        actions.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(10, title, about, form, spacer, actions);
        card.getStyleClass().add("card-box");
        card.setPadding(new Insets(16));
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    /** Row count as a number and a bar scaled to the largest table. */
    private static final class RowsBarCell extends TableCell<TableLoad, TableLoad> {
        private final DatasetViewModel model;

        RowsBarCell(DatasetViewModel model) {
            this.model = model;
        }

        @Override
        protected void updateItem(TableLoad load, boolean empty) {
            super.updateItem(load, empty);
            if (empty || load == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            long max = model.tables().stream().mapToLong(TableLoad::rows).max().orElse(1);
            Region bar = new Region();
            bar.getStyleClass().add("size-bar");
            bar.setMaxHeight(10);
            bar.setPrefWidth(Math.max(2, 220.0 * load.rows() / Math.max(1, max)));
            bar.setMinWidth(Region.USE_PREF_SIZE);
            Label count = new Label(String.format(Locale.ROOT, "%,d", load.rows()));
            count.setMinWidth(90);
            HBox box = new HBox(10, count, new StackPane(bar));
            box.setAlignment(Pos.CENTER_LEFT);
            setGraphic(box);
            setText(null);
        }
    }
}
