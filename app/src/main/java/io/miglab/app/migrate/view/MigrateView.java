package io.miglab.app.migrate.view;

import io.miglab.app.migrate.MigrateViewModel;
import io.miglab.app.migrate.MigrateViewModel.LivePoint;
import io.miglab.app.migrate.MigrateViewModel.TableProgress;
import io.miglab.app.migrate.UpgradeRehearsalViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.Columns;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.Spinners;
import io.miglab.app.widget.WheelToPage;
import io.miglab.core.migrate.LoadReport;
import io.miglab.core.migrate.Loaders;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Migrate step: destination and loaders, Run (Ctrl+Enter), each table's progress with live throughput and CPU
 * while it runs, then the load's per-table times or the matrix as a chart and a table, the fastest first.
 */
public final class MigrateView implements PageActions {
    private final MigrateViewModel model;
    private final VBox root;
    private ComboBox<String> destinationPicker;
    private final NumberAxis throughputTime = new NumberAxis();
    private final LineChart<Number, Number> throughput = new LineChart<>(throughputTime, new NumberAxis());
    private final NumberAxis cpuTime = new NumberAxis();
    private final LineChart<Number, Number> cpu = new LineChart<>(cpuTime, new NumberAxis());
    private final CategoryAxis variants = new CategoryAxis();
    private final BarChart<Number, String> matrixChart = new BarChart<>(new NumberAxis(), variants);

    private final UpgradeRehearsalViewModel upgrade;

    public MigrateView(MigrateViewModel model, UpgradeRehearsalViewModel upgrade) {
        this(model, upgrade, null);
    }

    /** @param reviewScript opens the Script review page, or null where there is none */
    public MigrateView(MigrateViewModel model, UpgradeRehearsalViewModel upgrade, Runnable reviewScript) {
        this.model = model;
        this.upgrade = upgrade;
        Label runLabel = new Label();
        runLabel.textProperty().bind(model.runLabelProperty());
        runLabel.getStyleClass().add("text-muted");
        HBox liveRow = new HBox(16, progressTable(), charts());
        liveRow.getChildren().forEach(n -> {
            HBox.setHgrow(n, Priority.ALWAYS);
            ((Region) n).setPrefWidth(1);
        });
        VBox results = new VBox(8, heading("Results"), matrixChart(), matrixTable(), loadTable());
        root = new VBox(
                12,
                form(),
                jobBar(),
                summary(),
                new HBox(12, heading("Tables and live figures"), runLabel),
                liveRow,
                results,
                upgradeCard());
        if (reviewScript != null) {
            Button review = new Button("Review a migration script\u2026");
            review.setOnAction(e -> reviewScript.run());
            Label why = new Label("A data-migration script in the release? Lint it against this target's table sizes"
                    + " before it meets production.");
            why.getStyleClass().add("text-muted");
            HBox row = new HBox(10, review, why);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            root.getChildren().add(new VBox(8, heading("Migration scripts"), row));
        }
        upgrade.checkOffer();
        model.refreshDestinations();
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
            model.run();
        }
    }

    @Override
    public void cancelRunningJob() {
        model.cancel();
    }

    @Override
    public void focusFirst() {
        destinationPicker.requestFocus();
    }

    private Node form() {
        DatabasePicker source = new DatabasePicker(model.database());
        destinationPicker = new ComboBox<>(model.destinations());
        destinationPicker.valueProperty().bindBidirectional(model.destinationProperty());
        destinationPicker.setPromptText("destination target");
        destinationPicker.setPrefWidth(170);
        TextField destinationDb = new TextField();
        destinationDb.textProperty().bindBidirectional(model.destinationDatabaseProperty());
        destinationDb.setPromptText("same name as the source's");
        destinationDb.setPrefWidth(190);
        TextField tables = new TextField();
        tables.textProperty().bindBidirectional(model.tablesProperty());
        tables.setPromptText("every table; or rental, public.payment");
        HBox.setHgrow(tables, Priority.ALWAYS);
        HBox first = row(
                new Label("Source on the current target:"),
                source,
                new Label("into"),
                destinationPicker,
                new Label("database"),
                destinationDb);
        HBox tablesRow = row(new Label("Tables"), tables);

        FlowPane loaders = new FlowPane(14, 6);
        for (MigrateViewModel.LoaderChoice choice : model.loaderChoices()) {
            CheckBox box = new CheckBox(choice.label());
            box.selectedProperty().bindBidirectional(choice.selected());
            box.setTooltip(new Tooltip(choice.kind().description()));
            loaders.getChildren().add(box);
        }
        Label loadersLabel = new Label("Loaders");
        loadersLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox second = new HBox(10, loadersLabel, loaders);
        second.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(loaders, Priority.ALWAYS);

        Spinner<Integer> workers = Spinners.bound(1, 64, model.workersProperty());
        workers.setPrefWidth(80);
        workers.setTooltip(new Tooltip("Connections of copy-parallel, -j of pg_dump and pg_restore"));
        Spinner<Integer> batch = Spinners.bound(1, 100_000, model.batchSizeProperty());
        batch.setPrefWidth(100);
        batch.setTooltip(new Tooltip("Rows per batch of insert-batch and per statement of insert-multirow"));
        Spinner<Integer> repeats = Spinners.bound(1, 20, model.repeatsProperty());
        repeats.setPrefWidth(70);
        repeats.setTooltip(new Tooltip("Runs per loader; two or more give the best loader's margin an interval"));
        CheckBox drop =
                option("indexes after", model.dropIndexesProperty(), "Drop indexes and constraints, load, rebuild");
        CheckBox unlogged = option("UNLOGGED", model.unloggedProperty(), "Create tables UNLOGGED, SET LOGGED after");
        CheckBox async = option("async commit", model.asyncCommitProperty(), "synchronous_commit = off while loading");
        CheckBox freeze =
                option("COPY FREEZE", model.freezeProperty(), "COPY FREEZE into tables made in the same transaction");
        Button run = new Button("Run");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> model.run());
        run.disableProperty().bind(model.runningProperty());
        run.setMinWidth(Region.USE_PREF_SIZE);
        // Wraps on narrow windows instead of pushing Run out of sight.
        FlowPane third = new FlowPane(10, 8);
        third.setAlignment(Pos.CENTER_LEFT);
        third.getChildren()
                .addAll(
                        row(new Label("Workers"), workers),
                        row(new Label("Batch"), batch),
                        row(new Label("Repeats"), repeats),
                        drop,
                        unlogged,
                        async,
                        freeze,
                        run);
        return new VBox(8, first, tablesRow, second, third);
    }

    /** The upgrade rehearsal: the current target's database moved to a newer major, validated, both baselined. */
    private Node upgradeCard() {
        ComboBox<Integer> major =
                new ComboBox<>(javafx.collections.FXCollections.observableArrayList(upgrade.majors()));
        major.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                upgrade.toMajorProperty().set(now);
            }
        });
        major.setValue(upgrade.toMajorProperty().get());
        Button rehearse = new Button("Rehearse");
        rehearse.setOnAction(e -> upgrade.rehearse());
        rehearse.disableProperty().bind(upgrade.runningProperty());
        HBox row =
                row(new Label("From the current target's database to a lab instance on PostgreSQL"), major, rehearse);
        Label offer = new Label();
        offer.textProperty().bind(upgrade.offerProperty());
        offer.setWrapText(true);
        offer.getStyleClass().add("text-muted");
        Label summary = new Label();
        summary.textProperty().bind(upgrade.summaryProperty());
        summary.setWrapText(true);
        summary.managedProperty().bind(summary.textProperty().isNotEmpty());
        TableView<io.miglab.core.migrate.upgrade.UpgradeRehearsal.Step> steps = table(
                upgrade.steps(),
                "Dump, start, restore, validate, baseline old, baseline new, compare: each step's outcome"
                        + " appears here.");
        steps.getColumns()
                .addAll(
                        Columns.text("Step", io.miglab.core.migrate.upgrade.UpgradeRehearsal.Step::name, 110),
                        Columns.text("Outcome", io.miglab.core.migrate.upgrade.UpgradeRehearsal.Step::outcome, 80),
                        Columns.number(
                                "Seconds",
                                io.miglab.core.migrate.upgrade.UpgradeRehearsal.Step::seconds,
                                s -> seconds(s.seconds()),
                                80),
                        Columns.text("Experiment", s -> s.experimentId() > 0 ? "#" + s.experimentId() : "", 90),
                        Columns.text("Detail", io.miglab.core.migrate.upgrade.UpgradeRehearsal.Step::detail, 500));
        steps.setPrefHeight(60 + 36.0 * 7);
        Node bar = PageJobBar.row(
                upgrade.runningProperty(), upgrade.progressProperty(), upgrade.messageProperty(), upgrade::cancel);
        return new VBox(8, heading("Upgrade rehearsal"), row, offer, bar, summary, steps);
    }

    private static CheckBox option(String text, javafx.beans.property.BooleanProperty value, String tip) {
        CheckBox box = new CheckBox(text);
        box.selectedProperty().bindBidirectional(value);
        box.setTooltip(new Tooltip(tip + " (applies to the loaders it fits)"));
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private static HBox row(Node... nodes) {
        for (Node n : nodes) {
            if (n instanceof Label l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        HBox row = new HBox(10, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node jobBar() {
        return PageJobBar.row(
                model.runningProperty(),
                model.progressProperty(),
                model.messageProperty(),
                model::cancel,
                "Ctrl+Enter runs: one ticked loader loads once; several (or repeats) run as a matrix, each on a clean"
                        + " destination, fastest first. The destination's tables are replaced.");
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

    private Node progressTable() {
        TableView<TableProgress> table =
                table(model.tableProgress(), "Each table's phase and rows appear here as it loads.");
        TableColumn<TableProgress, Double> bar = new TableColumn<>("Progress");
        bar.setCellValueFactory(c ->
                new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().fraction()));
        bar.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar progress = new ProgressBar();

            {
                progress.setMaxWidth(Double.MAX_VALUE);
            }

            @Override
            protected void updateItem(Double f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setGraphic(null);
                    return;
                }
                progress.setProgress(f < 0 ? ProgressBar.INDETERMINATE_PROGRESS : f);
                setGraphic(progress);
            }
        });
        bar.setPrefWidth(150);
        table.getColumns()
                .addAll(
                        Columns.text("Table", TableProgress::table, 170),
                        Columns.text("Phase", TableProgress::phase, 90),
                        bar,
                        Columns.number(
                                "Rows",
                                TableProgress::rowsDone,
                                t -> t.rowsTotal() > 0
                                        ? count(t.rowsDone()) + " / " + count(t.rowsTotal())
                                        : count(t.rowsDone()),
                                150));
        table.setPrefHeight(300);
        return table;
    }

    private Node charts() {
        setUpLineChart(throughput, throughputTime, "rows/s");
        setUpLineChart(cpu, cpuTime, "CPU (m)");
        throughput.setLegendVisible(false);
        cpu.setLegendSide(javafx.geometry.Side.RIGHT);
        model.live().addListener((ListChangeListener<LivePoint>) c -> redrawLive());
        redrawLive();
        VBox box = new VBox(4, throughput, cpu);
        return box;
    }

    private static void setUpLineChart(LineChart<Number, Number> chart, NumberAxis time, String what) {
        time.setLabel("seconds");
        time.setMinorTickVisible(false);
        time.setForceZeroInRange(true);
        chart.getYAxis().setLabel(what);
        ((NumberAxis) chart.getYAxis()).setMinorTickVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(170);
        chart.setMinHeight(140);
        chart.getStyleClass().add("live-chart");
    }

    private void redrawLive() {
        ObservableList<LivePoint> points = model.live();
        XYChart.Series<Number, Number> rows = new XYChart.Series<>();
        rows.setName("rows/s");
        XYChart.Series<Number, Number> client = new XYChart.Series<>();
        client.setName("loader");
        XYChart.Series<Number, Number> server = new XYChart.Series<>();
        server.setName("destination");
        for (LivePoint p : points) {
            rows.getData().add(new XYChart.Data<>(p.atSeconds(), p.rowsPerSecond()));
            if (!Double.isNaN(p.clientMillicores())) {
                client.getData().add(new XYChart.Data<>(p.atSeconds(), p.clientMillicores()));
            }
            if (!Double.isNaN(p.serverMillicores())) {
                server.getData().add(new XYChart.Data<>(p.atSeconds(), p.serverMillicores()));
            }
        }
        throughput.getData().setAll(java.util.List.of(rows));
        cpu.getData().setAll(java.util.List.of(client, server));
    }

    private Node matrixChart() {
        matrixChart.setAnimated(false);
        matrixChart.setLegendVisible(false);
        matrixChart.getXAxis().setLabel("median seconds (shorter is faster)");
        matrixChart.setPrefHeight(240);
        matrixChart.visibleProperty().bind(Bindings.isNotEmpty(model.matrixRows()));
        matrixChart.managedProperty().bind(matrixChart.visibleProperty());
        model.matrixRows().addListener((ListChangeListener<Loaders.MatrixRow>) c -> redrawMatrix());
        return matrixChart;
    }

    private void redrawMatrix() {
        XYChart.Series<Number, String> series = new XYChart.Series<>();
        // Category axes draw bottom-up: add the slowest first so the fastest sits on top.
        java.util.List<Loaders.MatrixRow> rows = new java.util.ArrayList<>(model.matrixRows());
        java.util.Collections.reverse(rows);
        for (Loaders.MatrixRow r : rows) {
            if (r.failure() == null) {
                series.getData()
                        .add(new XYChart.Data<>(r.medianSeconds(), r.settings().label()));
            }
        }
        variants.getCategories()
                .setAll(series.getData().stream().map(XYChart.Data::getYValue).toList());
        matrixChart.getData().setAll(java.util.List.of(series));
        if (!series.getData().isEmpty()) {
            XYChart.Data<Number, String> best =
                    series.getData().get(series.getData().size() - 1);
            if (best.getNode() != null) {
                best.getNode().getStyleClass().add("best-bar");
            }
        }
    }

    private Node matrixTable() {
        TableView<Loaders.MatrixRow> table = table(model.matrixRows(), "");
        table.getColumns()
                .addAll(
                        Columns.number(
                                "#",
                                r -> model.matrixRows().indexOf(r) + 1,
                                r -> Integer.toString(model.matrixRows().indexOf(r) + 1),
                                40),
                        Columns.text("Loader", r -> r.settings().label(), 220),
                        Columns.number(
                                "Median s",
                                Loaders.MatrixRow::medianSeconds,
                                r -> r.failure() != null ? "-" : seconds(r.medianSeconds()),
                                90),
                        Columns.text(
                                "Runs (s)",
                                r -> r.seconds().stream()
                                        .map(MigrateView::seconds)
                                        .collect(Collectors.joining(", ")),
                                150),
                        Columns.number(
                                "Rows/s",
                                Loaders.MatrixRow::rowsPerSecond,
                                r -> String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()),
                                100),
                        Columns.number(
                                "MB/s",
                                Loaders.MatrixRow::megabytesPerSecond,
                                r -> String.format(Locale.ROOT, "%.1f", r.megabytesPerSecond()),
                                70),
                        Columns.text("vs fastest", this::versusBest, 90),
                        Columns.text("Failure", r -> r.failure() == null ? "" : r.failure(), 200));
        table.setPrefHeight(56 + 26.0 * 8);
        table.visibleProperty().bind(Bindings.isNotEmpty(model.matrixRows()));
        table.managedProperty().bind(table.visibleProperty());
        return table;
    }

    private String versusBest(Loaders.MatrixRow r) {
        if (r.failure() != null || model.matrixRows().isEmpty()) {
            return "";
        }
        double best = model.matrixRows().get(0).medianSeconds();
        return best <= 0 ? "" : String.format(Locale.ROOT, "%.2fx", r.medianSeconds() / best);
    }

    private Node loadTable() {
        TableView<LoadReport.TableLoad> table = table(model.loadTables(), "");
        table.getColumns()
                .addAll(
                        Columns.text("Table", LoadReport.TableLoad::table, 200),
                        Columns.number("Rows", LoadReport.TableLoad::rows, t -> count(t.rows()), 100),
                        Columns.number(
                                "MB",
                                LoadReport.TableLoad::bytes,
                                t -> String.format(Locale.ROOT, "%.1f", t.bytes() / 1e6),
                                70),
                        Columns.number("Copy s", LoadReport.TableLoad::copySeconds, t -> seconds(t.copySeconds()), 80),
                        Columns.number(
                                "Indexes s", LoadReport.TableLoad::indexSeconds, t -> seconds(t.indexSeconds()), 80),
                        Columns.number(
                                "Constraints s",
                                LoadReport.TableLoad::constraintSeconds,
                                t -> seconds(t.constraintSeconds()),
                                100),
                        Columns.number(
                                "ANALYZE s",
                                LoadReport.TableLoad::analyzeSeconds,
                                t -> seconds(t.analyzeSeconds()),
                                80));
        table.setPrefHeight(56 + 26.0 * 8);
        table.visibleProperty().bind(Bindings.isNotEmpty(model.loadTables()));
        table.managedProperty().bind(table.visibleProperty());
        return table;
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

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
