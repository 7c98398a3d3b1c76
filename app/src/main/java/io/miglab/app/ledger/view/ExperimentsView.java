package io.miglab.app.ledger.view;

import io.miglab.app.ledger.ExperimentsViewModel;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Measurement;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Sizes;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Experiments page: the ledger as a filterable table, and the selected experiment in detail. */
public final class ExperimentsView {
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MMM d, HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ExperimentsViewModel model;
    private final VBox root;
    private final VBox detail = new VBox(10);

    public ExperimentsView(ExperimentsViewModel model) {
        this.model = model;
        Label title = new Label("Experiments");
        title.getStyleClass().add("title-2");
        Label summary = new Label("Every measurement MigLab makes is an experiment in the ledger: what ran, where,"
                + " with which settings, and what came out. Open one to see its measurements and artifacts.");
        summary.getStyleClass().add("page-summary");
        summary.setWrapText(true);

        TextField search = new TextField();
        search.setPromptText("Search title, kind, target, tags");
        search.setPrefColumnCount(28);
        search.textProperty().bindBidirectional(model.filterTextProperty());
        ComboBox<String> kind = new ComboBox<>(model.kinds());
        kind.valueProperty().bindBidirectional(model.filterKindProperty());
        ComboBox<ExperimentStatus> status = new ComboBox<>();
        status.getItems().add(null);
        status.getItems().addAll(ExperimentStatus.values());
        status.setPromptText("All statuses");
        status.setButtonCell(statusCell());
        status.setCellFactory(l -> statusCell());
        status.valueProperty().bindBidirectional(model.filterStatusProperty());
        Button refresh = new Button("Refresh");
        refresh.getStyleClass().add("button-outlined");
        refresh.setOnAction(e -> model.refresh());
        Button delete = new Button("Delete");
        delete.getStyleClass().addAll("button-outlined", "danger");
        delete.disableProperty().bind(model.selectedProperty().isNull());
        delete.setOnAction(e -> model.deleteSelected());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox filters = new HBox(8, search, kind, status, spacer, refresh, delete);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<Experiment> table = new TableView<>(model.experiments());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<Experiment, Long> id = new TableColumn<>("#");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        id.setPrefWidth(44);
        table.getColumns().add(id);
        table.getColumns().add(column("Kind", 84, Experiment::kind));
        table.getColumns().add(column("Title", 240, Experiment::title));
        table.getColumns().add(column("Target", 70, e -> e.target().targetName()));
        TableColumn<Experiment, String> statusColumn =
                column("Status", 100, e -> e.status().label());
        statusColumn.setCellFactory(c -> new StatusCell());
        table.getColumns().add(statusColumn);
        table.getColumns().add(column("Started", 120, e -> WHEN.format(e.startedAt())));
        table.getColumns().add(column("Duration", 76, e -> Durations.format(e.duration())));
        table.setPlaceholder(new Label("No experiments match. Baselines, plans and inventories you run land here."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, e) -> model.select(e));
        model.selectedProperty().addListener((obs, old, e) -> showDetail(e));
        showDetail(null);

        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detail.setPadding(new Insets(16));
        detail.getStyleClass().add("detail-pane");
        SplitPane split = new SplitPane(table, detailScroll);
        split.setDividerPositions(0.66);
        VBox.setVgrow(split, Priority.ALWAYS);

        root = new VBox(14, title, summary, filters, split);
        root.setPadding(new Insets(24, 28, 20, 28));
        root.getStyleClass().add("page");
    }

    public Node root() {
        return root;
    }

    private void showDetail(Experiment e) {
        if (e == null) {
            Label none = new Label("Select an experiment to see its details.");
            none.getStyleClass().add("text-muted");
            detail.getChildren().setAll(none);
            return;
        }
        Label title = new Label(e.title());
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        Label status = new Label(e.status().label() + (e.error() == null ? "" : ": " + e.error()));
        status.getStyleClass().addAll("status-chip", "status-" + e.status().label());
        status.setWrapText(true);
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        int row = 0;
        row = fact(facts, row, "Experiment", "#" + e.id() + "  \u00b7  " + e.kind());
        row = fact(facts, row, "Target", e.target().targetName());
        row = fact(facts, row, "Server", e.target().serverVersion());
        row = fact(facts, row, "Settings", e.target().settingsHash());
        row = fact(facts, row, "Dataset", e.target().dataset());
        row = fact(facts, row, "Started", WHEN.format(e.startedAt()));
        row = fact(facts, row, "Duration", Durations.format(e.duration()));
        row = fact(facts, row, "Tags", e.tags().isEmpty() ? null : String.join(", ", e.tags()));
        fact(
                facts,
                row,
                "Parameters",
                e.parameters() == null || e.parameters().isEmpty()
                        ? null
                        : e.parameters().toString());

        VBox box = new VBox(10, title, status, facts);
        if (!e.measurements().isEmpty()) {
            Label heading = new Label("Measurements");
            heading.getStyleClass().add("section-heading");
            GridPane grid = new GridPane();
            grid.setHgap(16);
            grid.setVgap(3);
            int r = 0;
            for (Measurement m : e.measurements()) {
                Label value = new Label(String.format("%,.3f %s", m.value(), m.unit()));
                value.getStyleClass().add("mono");
                grid.addRow(r++, new Label(m.name()), value);
            }
            box.getChildren().addAll(heading, grid);
        }
        Label artifactsHeading = new Label("Artifacts");
        artifactsHeading.getStyleClass().add("section-heading");
        ListView<Artifact> artifacts = new ListView<>(model.selectedArtifacts());
        artifacts.setPrefHeight(120);
        artifacts.setPlaceholder(new Label("No artifacts."));
        artifacts.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Artifact a, boolean empty) {
                super.updateItem(a, empty);
                setText(
                        empty || a == null
                                ? null
                                : a.name() + "   " + a.mediaType() + "   " + Sizes.format(a.sizeBytes()));
            }
        });
        Button save = new Button("Save artifact\u2026");
        save.getStyleClass().add("button-outlined");
        save.disableProperty()
                .bind(artifacts.getSelectionModel().selectedItemProperty().isNull());
        save.setOnAction(ev -> saveArtifact(artifacts.getSelectionModel().getSelectedItem(), save));
        artifacts.setOnMouseClicked(ev -> {
            if (ev.getClickCount() == 2 && artifacts.getSelectionModel().getSelectedItem() != null) {
                saveArtifact(artifacts.getSelectionModel().getSelectedItem(), save);
            }
        });
        box.getChildren().addAll(artifactsHeading, artifacts, save);
        if (!e.notes().isBlank()) {
            Label notes = new Label(e.notes());
            notes.setWrapText(true);
            box.getChildren().add(notes);
        }
        detail.getChildren().setAll(box);
    }

    private void saveArtifact(Artifact artifact, Node owner) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Save " + artifact.name());
        chooser.setInitialFileName(artifact.name());
        java.io.File file = chooser.showSaveDialog(owner.getScene().getWindow());
        if (file != null) {
            model.saveArtifact(artifact, file.toPath());
        }
    }

    private static int fact(GridPane grid, int row, String name, String value) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label key = new Label(name);
        key.getStyleClass().add("text-muted");
        Label text = new Label(value);
        text.setWrapText(true);
        grid.addRow(row, key, text);
        return row + 1;
    }

    private static ListCell<ExperimentStatus> statusCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(ExperimentStatus s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s == null ? "All statuses" : s.label());
            }
        };
    }

    private static TableColumn<Experiment, String> column(
            String title, double width, Function<Experiment, String> value) {
        return io.miglab.app.widget.Columns.text(title, value, width);
    }

    /** The status word coloured by outcome. */
    private static final class StatusCell extends TableCell<Experiment, String> {
        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            getStyleClass().removeIf(c -> c.startsWith("status-"));
            if (empty || status == null) {
                setText(null);
                return;
            }
            setText("\u25cf " + status);
            getStyleClass().add("status-" + status);
        }
    }
}
