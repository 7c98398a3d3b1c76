package io.miglab.app.ledger.view;

import io.miglab.app.ledger.ExperimentLabels;
import io.miglab.app.ledger.ExperimentsViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Measurement;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Sizes;
import io.miglab.core.workload.StatementComparison;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
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
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Experiments page: the ledger as a filterable table, and the selected experiment in detail. */
public final class ExperimentsView implements PageActions {
    private final ExperimentsViewModel model;
    private final VBox root;
    private final VBox detail = new VBox(10);
    private final TextField search = new TextField();

    public ExperimentsView(ExperimentsViewModel model) {
        this.model = model;
        Label title = new Label("Experiments");
        title.getStyleClass().add("title-2");
        Label summary = new Label("Every measurement MigLab makes is an experiment in the ledger: what ran, where,"
                + " with which settings, and what came out. Open one to see its measurements and artifacts.");
        summary.getStyleClass().add("page-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);

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
        // In a narrow window the search box gives way; the buttons and pickers keep their words.
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {kind, status, refresh, delete}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        search.setMinWidth(120);
        HBox.setHgrow(search, Priority.SOMETIMES);
        HBox filters = new HBox(8, search, kind, status, spacer, refresh, delete);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<Experiment> table = new TableView<>(model.experiments());
        // Every column but the title keeps the width its words need; the title takes what is left.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<Experiment, Long> id = new TableColumn<>("#");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        id.getStyleClass().add("numeric");
        table.getColumns().add(fixed(id, 40));
        table.getColumns().add(fixed(column("Kind", 110, e -> ExperimentLabels.shortKind(e.kind())), 104));
        TableColumn<Experiment, String> titleColumn = column("Title", 400, Experiment::title);
        titleColumn.setMinWidth(120);
        table.getColumns().add(titleColumn);
        TableColumn<Experiment, String> where = fixed(column("Where", 120, ExperimentLabels::where), 110);
        table.getColumns().add(where);
        TableColumn<Experiment, String> statusColumn =
                column("Status", 110, e -> e.status().label());
        statusColumn.setCellFactory(c -> new StatusCell());
        table.getColumns().add(fixed(statusColumn, 100));
        table.getColumns().add(fixed(column("Started", 100, ExperimentLabels::startedShort), 100));
        TableColumn<Experiment, String> duration = fixed(column("Duration", 80, ExperimentLabels::duration), 80);
        table.getColumns().add(duration);
        table.setPlaceholder(new Label("No experiments match. Baselines, plans and inventories you run land here."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, e) -> model.select(e));
        model.selectedProperty().addListener((obs, old, e) -> showDetail(e));
        showDetail(null);

        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detail.setPadding(new Insets(16));
        detail.getStyleClass().add("detail-pane");
        SplitPane split = new SplitPane(table, detailScroll);
        // In a narrow window the detail pane shows where and how long; the table keeps what identifies a row.
        // Below 1000 px side by side cuts both, so the detail goes under the table instead.
        split.widthProperty().addListener((obs, old, width) -> {
            boolean narrow = width.doubleValue() < 1000;
            javafx.geometry.Orientation wanted =
                    narrow ? javafx.geometry.Orientation.VERTICAL : javafx.geometry.Orientation.HORIZONTAL;
            if (split.getOrientation() != wanted) {
                split.setOrientation(wanted);
                detailScroll.setMinWidth(narrow ? 0 : 330);
                split.setDividerPositions(narrow ? 0.5 : 0.66);
            }
            where.setVisible(narrow || width.doubleValue() >= 1200);
            duration.setVisible(narrow || width.doubleValue() >= 1120);
        });
        split.setDividerPositions(0.66);
        detailScroll.setMinWidth(330);
        VBox.setVgrow(split, Priority.ALWAYS);

        root = new VBox(14, title, summary, filters, split);
        root.setPadding(new Insets(24, 28, 20, 28));
        root.getStyleClass().add("page");
    }

    public Node root() {
        return root;
    }

    /** Ctrl+Enter re-reads the ledger. */
    @Override
    public void runPrimaryAction() {
        model.refresh();
    }

    @Override
    public void focusFirst() {
        search.requestFocus();
    }

    private void showDetail(Experiment e) {
        if (e == null) {
            Label none = new Label("Select an experiment to see its parameters, figures and artifacts.");
            none.getStyleClass().add("text-muted");
            none.setWrapText(true);
            detail.getChildren().setAll(none);
            return;
        }
        Label title = new Label(e.title());
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Label status = new Label(e.status().label() + (e.error() == null ? "" : ": " + e.error()));
        status.getStyleClass().addAll("status-chip", "status-" + e.status().label());
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        int row = 0;
        row = fact(facts, row, "Experiment", "#" + e.id() + "  \u00b7  " + ExperimentLabels.kind(e.kind()));
        row = fact(facts, row, "Target", e.target().targetName());
        row = fact(facts, row, "Database", ExperimentLabels.database(e));
        row = fact(facts, row, "Server", e.target().serverVersion());
        row = fact(facts, row, "Settings", e.target().settingsHash());
        if (!ExperimentLabels.database(e).equals(e.target().dataset())) {
            row = fact(facts, row, "Dataset", e.target().dataset());
        }
        row = fact(facts, row, "Started", ExperimentLabels.started(e));
        row = fact(facts, row, "Duration", ExperimentLabels.duration(e));
        fact(facts, row, "Tags", e.tags().isEmpty() ? null : String.join(", ", e.tags()));

        VBox box = new VBox(10, title, status, actions(), facts);
        if ("baseline".equals(e.kind())) {
            box.getChildren().addAll(heading("Compare with another baseline"), compareBox());
        }
        box.getChildren().addAll(heading("Parameters"), parametersTable());
        if (!e.measurements().isEmpty()) {
            GridPane grid = new GridPane();
            grid.setHgap(16);
            grid.setVgap(3);
            int r = 0;
            for (Measurement m : e.measurements()) {
                Label value = new Label(ExperimentLabels.measurementValue(m));
                value.getStyleClass().add("mono");
                Label name = new Label(ExperimentLabels.measurementName(m));
                name.getStyleClass().add("text-muted");
                grid.addRow(r++, name, value);
            }
            box.getChildren().addAll(heading("Figures"), grid);
        }
        ListView<Artifact> artifacts = new ListView<>(model.selectedArtifacts());
        artifacts.setPrefHeight(110);
        artifacts.setPlaceholder(new Label("This experiment stored no artifacts."));
        artifacts.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Artifact a, boolean empty) {
                super.updateItem(a, empty);
                setText(
                        empty || a == null
                                ? null
                                : a.name() + "  \u00b7  " + a.mediaType() + "  \u00b7  " + Sizes.format(a.sizeBytes()));
            }
        });
        Button save = new Button("Save artifact\u2026");
        save.getStyleClass().add("button-outlined");
        save.disableProperty()
                .bind(artifacts.getSelectionModel().selectedItemProperty().isNull());
        save.setOnAction(ev -> model.saveArtifact(artifacts.getSelectionModel().getSelectedItem()));
        artifacts.setOnMouseClicked(ev -> {
            if (ev.getClickCount() == 2 && artifacts.getSelectionModel().getSelectedItem() != null) {
                model.saveArtifact(artifacts.getSelectionModel().getSelectedItem());
            }
        });
        ListView<String> links = new ListView<>(model.selectedLinks());
        links.setPrefHeight(64);
        links.setPlaceholder(new Label("Not linked to other experiments."));
        box.getChildren().addAll(heading("Links"), links, heading("Artifacts"), artifacts, save);
        if (!e.notes().isBlank()) {
            Label notes = new Label(e.notes());
            notes.setWrapText(true);
            box.getChildren().addAll(heading("Notes"), notes);
        }
        detail.getChildren().setAll(box);
    }

    private static Label heading(String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add("section-heading");
        return heading;
    }

    /** What can be done with the selected experiment. */
    private Node actions() {
        Button export = new Button("Export for Jira…");
        export.setOnAction(ev -> model.exportForJira());
        export.disableProperty().bind(model.selectedProperty().isNull());
        export.setTooltip(new javafx.scene.control.Tooltip(
                "A report of this experiment (and the comparison shown): preview, attachments, copy, save, send"));
        Button inspect = new Button("Open in inspector");
        inspect.setId("open-in-inspector");
        inspect.getStyleClass().add("button-outlined");
        inspect.setOnAction(ev -> model.openInInspector());
        inspect.visibleProperty().bind(model.canOpenInInspectorProperty());
        inspect.managedProperty().bind(inspect.visibleProperty());
        Button copy = new Button("Copy id");
        copy.setId("copy-id");
        copy.getStyleClass().add("button-outlined");
        copy.setOnAction(ev -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.idToCopy());
            Clipboard.getSystemClipboard().setContent(content);
            model.idCopied();
        });
        HBox actions = new HBox(8, export, inspect, copy);
        actions.setAlignment(Pos.CENTER_LEFT);
        return actions;
    }

    private TableView<ExperimentLabels.Parameter> parametersTable() {
        TableView<ExperimentLabels.Parameter> table = new TableView<>(model.selectedParameters());
        table.setId("parameters");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(io.miglab.app.widget.Columns.text("Parameter", ExperimentLabels.Parameter::name, 150));
        table.getColumns().add(io.miglab.app.widget.Columns.text("Value", ExperimentLabels.Parameter::value, 220));
        table.setPlaceholder(new Label("No parameters were recorded."));
        table.setFixedCellSize(26);
        table.prefHeightProperty()
                .bind(Bindings.max(2, Bindings.size(model.selectedParameters()))
                        .multiply(26)
                        .add(52));
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.setMaxHeight(Region.USE_PREF_SIZE);
        return table;
    }

    /** "Compare with…": another baseline, and the comparison below. */
    private Node compareBox() {
        ComboBox<Experiment> other = new ComboBox<>(model.compareCandidates());
        other.setId("compare-with");
        other.setPromptText("Compare with\u2026");
        other.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(other, Priority.ALWAYS);
        java.util.function.Supplier<ListCell<Experiment>> cell = () -> new ListCell<>() {
            @Override
            protected void updateItem(Experiment x, boolean empty) {
                super.updateItem(x, empty);
                setText(
                        empty || x == null
                                ? null
                                : "#" + x.id() + "  " + x.title() + "  (" + ExperimentLabels.started(x) + ")");
            }
        };
        other.setCellFactory(l -> cell.get());
        other.setButtonCell(cell.get());
        other.disableProperty().bind(model.canCompareProperty().not());
        Button compare = new Button("Compare");
        compare.setId("compare");
        compare.getStyleClass().add("accent");
        compare.disableProperty().bind(other.valueProperty().isNull());
        compare.setOnAction(ev -> model.compareWith(other.getValue().id()));
        compare.setMinWidth(Region.USE_PREF_SIZE);
        HBox pick = new HBox(8, other, compare);
        pick.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("comparison-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty()
                .bind(Bindings.when(model.canCompareProperty()
                                .not()
                                .and(model.comparisonProperty().isNull()))
                        .then("No other successful baseline to compare with yet.")
                        .otherwise(model.comparisonSummaryProperty()));

        // One block a statement, its figures on a wrapping line: readable however narrow the pane.
        VBox rows = new VBox(6);
        rows.setId("comparison");
        Runnable fill = () -> {
            rows.getChildren().clear();
            if (model.comparisonProperty().get() == null) {
                return;
            }
            for (StatementComparison c : model.comparisonProperty().get().statements()) {
                Label name = new Label(c.statement());
                name.getStyleClass().add("text-bold");
                Label verdict = new Label(c.verdict().label());
                verdict.getStyleClass()
                        .add(
                                switch (c.verdict()) {
                                    case FASTER -> "text-success";
                                    case SLOWER -> "text-danger";
                                    default -> "text-muted";
                                });
                HBox head = new HBox(8, name, verdict);
                Label figures = new Label("median " + ms(c.medianAMs()) + " \u2192 " + ms(c.medianBMs())
                        + (c.ratio() == null ? "" : "  \u00b7  B / A " + ratio(c)) + "  \u00b7  " + c.samplesA()
                        + " / " + c.samplesB() + " samples");
                figures.getStyleClass().addAll("text-muted", "text-small");
                figures.setWrapText(true);
                figures.setMinHeight(Region.USE_PREF_SIZE);
                rows.getChildren().add(new VBox(1, head, figures));
            }
        };
        model.comparisonProperty().addListener((obs, old, c) -> fill.run());
        fill.run();
        return new VBox(8, pick, summary, rows);
    }

    /** A column that keeps at least {@code min}: the constrained table shrinks the title first. */
    private static <S, T> TableColumn<S, T> fixed(TableColumn<S, T> column, double min) {
        column.setMinWidth(min);
        column.setPrefWidth(Math.max(min, column.getPrefWidth()));
        return column;
    }

    private static String ms(Double value) {
        return value == null ? "\u2013" : Durations.millis(value);
    }

    private static String ratio(StatementComparison s) {
        return s.ratio() == null
                ? "\u2013"
                : String.format(
                        java.util.Locale.ROOT,
                        "%.2f\u00d7 (95 %% interval %.2f\u2013%.2f)",
                        s.ratio(),
                        s.ciLow(),
                        s.ciHigh());
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
