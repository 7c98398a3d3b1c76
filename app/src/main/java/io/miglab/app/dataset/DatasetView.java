package io.miglab.app.dataset;

import java.io.File;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The "Load Pagila" step's tools: import the official release or generate one, with progress and row counts. */
public final class DatasetView {
    private final VBox root;

    public DatasetView(DatasetViewModel model) {
        // Official release
        Label officialTitle = new Label("Import the official Pagila");
        officialTitle.getStyleClass().add("title-4");
        Label officialHelp = new Label("Download pagila-schema.sql and pagila-data.sql from "
                + DatasetViewModel.PAGILA_SOURCE + " into a folder, then choose that folder. MigLab creates the"
                + " database and loads both files as psql would.");
        officialHelp.setWrapText(true);
        officialHelp.getStyleClass().add("text-muted");
        TextField folder = field(model.folderProperty(), model::setFolder);
        folder.setPromptText("Folder with pagila-schema.sql and pagila-data.sql");
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button choose = new Button("Choose\u2026");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder with the Pagila files");
            File dir = chooser.showDialog(choose.getScene().getWindow());
            if (dir != null) {
                model.setFolder(dir.getAbsolutePath());
            }
        });
        TextField officialDatabase = field(model.officialDatabaseProperty(), model::setOfficialDatabase);
        Button importButton = new Button("Import");
        importButton.getStyleClass().add("accent");
        importButton.setOnAction(e -> model.importOfficial());
        importButton.disableProperty().bind(model.busyProperty());
        GridPane officialForm = form();
        officialForm.addRow(0, new Label("Folder"), new HBox(6, folder, choose));
        officialForm.addRow(1, new Label("Database"), officialDatabase);
        VBox official = card(officialTitle, officialHelp, officialForm, importButton);

        // Generated
        Label generatedTitle = new Label("Or generate one at any scale");
        generatedTitle.getStyleClass().add("title-4");
        Label generatedHelp = new Label("Same tables, columns and keys as Pagila, with skewed rentals, open rentals and"
                + " a few very large categories. Scale 1 is about the official size; scale 100 is 1.6 million"
                + " rentals. The same seed gives the same data.");
        generatedHelp.setWrapText(true);
        generatedHelp.getStyleClass().add("text-muted");
        Spinner<Integer> scale = new Spinner<>(1, 10_000, model.scaleProperty().get());
        scale.setEditable(true);
        scale.valueProperty().addListener((obs, old, value) -> {
            if (value != null) {
                model.setScale(value);
            }
        });
        TextField seed = field(model.seedProperty(), model::setSeed);
        TextField generatedDatabase = field(model.generatedDatabaseProperty(), model::setGeneratedDatabase);
        Button generateButton = new Button("Generate");
        generateButton.getStyleClass().add("accent");
        generateButton.setOnAction(e -> model.generate());
        generateButton.disableProperty().bind(model.busyProperty());
        GridPane generatedForm = form();
        generatedForm.addRow(0, new Label("Scale"), scale);
        generatedForm.addRow(1, new Label("Seed"), seed);
        generatedForm.addRow(2, new Label("Database"), generatedDatabase);
        VBox generated = card(generatedTitle, generatedHelp, generatedForm, generateButton);

        HBox choices = new HBox(16, official, generated);
        HBox.setHgrow(official, Priority.ALWAYS);
        HBox.setHgrow(generated, Priority.ALWAYS);
        official.setMaxWidth(Double.MAX_VALUE);
        generated.setMaxWidth(Double.MAX_VALUE);

        CheckBox replace =
                new CheckBox("Replace an existing database of that name (only once the new one is complete)");
        replace.selectedProperty().addListener((obs, old, value) -> model.setReplace(value));

        // Progress and result
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.visibleProperty().bind(model.busyProperty());
        HBox progressRow = new HBox(10, bar, cancel);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);

        TableView<DatasetViewModel.TableRows> table = new TableView<>(model.results());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Table", DatasetViewModel.TableRows::table));
        table.getColumns().add(column("Rows", r -> String.format("%,d", r.rows())));
        table.getColumns().add(column("Seconds", DatasetViewModel.TableRows::seconds));
        table.setPlaceholder(new Label("Rows per table appear here when a load finishes."));
        table.setPrefHeight(260);

        root = new VBox(14, choices, replace, progressRow, status, table);
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    public Node root() {
        return root;
    }

    private static TextField field(ReadOnlyStringProperty value, Consumer<String> setter) {
        TextField field = new TextField(value.get());
        field.textProperty().addListener((obs, old, text) -> setter.accept(text));
        value.addListener((obs, old, text) -> {
            if (!field.getText().strip().equals(text)) {
                field.setText(text);
            }
        });
        return field;
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        return grid;
    }

    private static VBox card(Node... children) {
        VBox card = new VBox(10, children);
        card.getStyleClass().add("card-box");
        card.setPadding(new Insets(14));
        return card;
    }

    private static TableColumn<DatasetViewModel.TableRows, String> column(
            String title, Function<DatasetViewModel.TableRows, String> value) {
        TableColumn<DatasetViewModel.TableRows, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new SimpleObjectProperty<>(value.apply(c.getValue())));
        return column;
    }
}
