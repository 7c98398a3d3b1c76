package io.miglab.app.workload.view;

import static io.miglab.app.widget.Columns.number;
import static io.miglab.app.widget.Columns.text;

import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.Spinners;
import io.miglab.app.widget.WheelToPage;
import io.miglab.app.workload.AbTestViewModel;
import io.miglab.app.workload.BaselineViewModel;
import io.miglab.core.units.Durations;
import io.miglab.core.workload.Baselines;
import io.miglab.core.workload.LatencySummary;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.StatementResult;
import io.miglab.core.workload.Verdict;
import io.miglab.core.workload.WorkloadStatement;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The tools of the Baseline step: the workload and how to run it, a live latency chart while it runs, the figures
 * per statement, and the comparison of two stored baselines.
 */
public final class BaselineView implements PageActions {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final BaselineViewModel model;
    private final AbTestViewModel abTest;
    private final VBox root;
    private DatabasePicker picker;

    public BaselineView(BaselineViewModel model, AbTestViewModel abTest) {
        this.model = model;
        this.abTest = abTest;
        HBox setup = new HBox(16, workloadCard(), runCard());
        HBox.setHgrow(setup.getChildren().get(0), Priority.ALWAYS);

        Label resultsHeading = new Label("Results per statement");
        resultsHeading.getStyleClass().add("section-heading");
        Label compareHeading = new Label("Compare two baselines");
        compareHeading.getStyleClass().add("section-heading");
        Label abHeading = new Label("A/B test in interleaved rounds");
        abHeading.getStyleClass().add("section-heading");
        root = new VBox(
                12,
                setup,
                progressRow(),
                liveRow(),
                summary(),
                resultsHeading,
                resultsTable(),
                compareHeading,
                compareCard(),
                abHeading,
                new AbTestView(abTest).root());
        root.getStylesheets()
                .add(Objects.requireNonNull(BaselineView.class.getResource("/io/miglab/app/workload/workload.css"))
                        .toExternalForm());
        model.refreshGoals();
        if (model.database().databases().isEmpty()) {
            model.database().refresh();
        }
        model.showLatest();
        model.refreshBaselines();
    }

    public Node root() {
        return root;
    }

    /** Ctrl+Enter runs the baseline, as the button does. */
    @Override
    public void runPrimaryAction() {
        if (!model.runningProperty().get()) {
            model.run();
        }
    }

    @Override
    public void cancelRunningJob() {
        model.cancel();
        abTest.cancel();
    }

    @Override
    public void focusFirst() {
        picker.comboBox().requestFocus();
    }

    private Node workloadCard() {
        Label title = new Label("Workload");
        title.getStyleClass().add("title-4");
        Label source = new Label();
        source.textProperty().bind(model.workloadSourceProperty());
        source.getStyleClass().add("text-muted");
        source.setMinWidth(0);
        source.tooltipProperty()
                .bind(Bindings.createObjectBinding(
                        () -> new Tooltip(model.workloadSourceProperty().get()), model.workloadSourceProperty()));
        title.setMinWidth(Region.USE_PREF_SIZE);
        Button bundled = new Button("Pagila workload");
        bundled.getStyleClass().add("button-outlined");
        bundled.setOnAction(e -> model.useBundledWorkload());
        Button open = new Button("Open file\u2026");
        open.getStyleClass().add("button-outlined");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Workload file: statements after '-- name:' lines");
            chooser.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter("SQL files", "*.sql"),
                            new FileChooser.ExtensionFilter("All files", "*.*"));
            File file = chooser.showOpenDialog(open.getScene().getWindow());
            if (file != null) {
                model.loadWorkloadFile(file.toPath());
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        bundled.setMinWidth(Region.USE_PREF_SIZE);
        open.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(8, title, source, gap, bundled, open);
        head.setAlignment(Pos.CENTER_LEFT);

        TableView<WorkloadStatement> statements = WheelToPage.install(new TableView<>(model.statements()));
        statements.setPlaceholder(new Label("This workload has no statements: open a file with '-- name:' lines."));
        statements.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<WorkloadStatement, String> name = text("Statement", WorkloadStatement::name, 160);
        name.setMinWidth(140);
        TableColumn<WorkloadStatement, Integer> weight =
                number("Weight", WorkloadStatement::weight, s -> Integer.toString(s.weight()), 70);
        TableColumn<WorkloadStatement, Integer> params = number(
                "Params",
                s -> s.parameterSets().size(),
                s -> s.parameterSets().isEmpty() ? "\u2013" : s.parameterSets().size() + " sets",
                75);
        TableColumn<WorkloadStatement, String> sql = text("SQL", s -> s.sql().replaceAll("\\s+", " "), 400);
        statements.getColumns().addAll(name, weight, params, sql);
        statements.setRowFactory(t -> {
            TableRow<WorkloadStatement> row = new TableRow<>();
            row.itemProperty().addListener((obs, old, s) -> row.setTooltip(s == null ? null : new Tooltip(s.sql())));
            return row;
        });
        statements.setPrefHeight(196);
        statements.getStyleClass().add("dense");
        VBox card = new VBox(10, head, statements);
        card.getStyleClass().add("card-box");
        card.setMinWidth(400);
        return card;
    }

    private Node runCard() {
        Label title = new Label("Run");
        title.getStyleClass().add("title-4");
        DatabasePicker database = new DatabasePicker(model.database());
        picker = database;
        database.comboBox().setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(database.comboBox(), Priority.ALWAYS);

        ToggleGroup length = new ToggleGroup();
        RadioButton byIterations = new RadioButton("Iterations");
        RadioButton byDuration = new RadioButton("Duration (s)");
        byIterations.setToggleGroup(length);
        byDuration.setToggleGroup(length);
        byDuration.setSelected(model.byDurationProperty().get());
        byIterations.setSelected(!model.byDurationProperty().get());
        byDuration.selectedProperty().bindBidirectional(model.byDurationProperty());
        model.byDurationProperty().addListener((obs, old, now) -> byIterations.setSelected(!now));
        Spinner<Integer> iterations = Spinners.bound(1, 1_000_000, model.iterationsProperty());
        iterations.disableProperty().bind(model.byDurationProperty());
        Spinner<Integer> seconds = Spinners.bound(1, 86_400, model.durationSecondsProperty());
        seconds.disableProperty().bind(model.byDurationProperty().not());
        Spinner<Integer> clients = Spinners.bound(1, 1000, model.clientsProperty());
        Spinner<Integer> warmup = Spinners.bound(0, 1000, model.warmupProperty());

        GridPane form = io.miglab.app.widget.FormGrid.create(10, 8);
        form.add(database, 0, 0, 2, 1);
        form.addRow(1, byIterations, iterations);
        form.addRow(2, byDuration, seconds);
        form.addRow(3, new Label("Clients"), clients);
        form.addRow(4, new Label("Warm-up passes"), warmup);

        Button run = new Button("Run baseline");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        HBox actions = new HBox(run);
        actions.setAlignment(Pos.CENTER_RIGHT);
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        VBox card = new VBox(10, title, form, spacer, actions);
        card.getStyleClass().add("card-box");
        card.setPrefWidth(330);
        card.setMinWidth(290);
        return card;
    }

    private Node progressRow() {
        return PageJobBar.row(
                model.runningProperty(),
                model.progressProperty(),
                model.progressMessageProperty(),
                model::cancel,
                "Ctrl+Enter runs the baseline; Esc cancels it and keeps what it measured, marked cancelled.");
    }

    private Node liveRow() {
        LatencyChart latency = new LatencyChart(model);
        Label chartTitle = new Label();
        chartTitle.getStyleClass().add("title-4");
        chartTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.liveWorkloadProperty().get().isEmpty()
                                ? "Live latency"
                                : "Live latency of "
                                        + model.liveWorkloadProperty().get(),
                        model.liveWorkloadProperty()));
        CheckBox log = new CheckBox("Log scale");
        log.selectedProperty().bindBidirectional(model.logScaleProperty());
        log.setTooltip(new Tooltip("Latency in powers of ten: fast lookups and slow reports both read."));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(10, chartTitle, gap, log);
        head.setAlignment(Pos.CENTER_LEFT);

        VBox failed = new VBox(2);
        failed.getStyleClass().add("failed-statements");
        Runnable listFailed = () -> failed.getChildren()
                .setAll(model.failedStatements().stream()
                        .map(line -> {
                            Label l = new Label("\u2715 " + line);
                            l.getStyleClass().add("text-danger");
                            l.setWrapText(true);
                            return l;
                        })
                        .toList());
        model.failedStatements().addListener((ListChangeListener<String>) c -> listFailed.run());
        listFailed.run();
        failed.visibleProperty().bind(Bindings.isNotEmpty(model.failedStatements()));
        failed.managedProperty().bind(failed.visibleProperty());
        VBox chartBox = new VBox(6, head, latency.root(), failed);
        VBox.setVgrow(latency.root(), Priority.ALWAYS);

        VBox tiles = new VBox(
                10,
                tile(
                        "Throughput",
                        Bindings.createStringBinding(
                                () -> String.format(
                                        Locale.ROOT,
                                        "%,.0f /s",
                                        model.liveThroughputProperty().get()),
                                model.liveThroughputProperty())),
                tile(
                        "Executions",
                        Bindings.createStringBinding(
                                () -> String.format(
                                        Locale.ROOT,
                                        "%,d",
                                        model.liveExecutionsProperty().get()),
                                model.liveExecutionsProperty())),
                tile(
                        "Errors",
                        Bindings.createStringBinding(
                                () -> String.format(
                                        Locale.ROOT,
                                        "%,d",
                                        model.liveErrorsProperty().get()),
                                model.liveErrorsProperty())));
        tiles.setPrefWidth(220);
        tiles.setMinWidth(200);
        tiles.setPadding(new Insets(34, 0, 0, 0));
        HBox row = new HBox(16, chartBox, tiles);
        HBox.setHgrow(chartBox, Priority.ALWAYS);
        row.getStyleClass().add("card-box");
        return row;
    }

    private static Node tile(String name, javafx.beans.binding.StringBinding value) {
        Label label = new Label(name.toUpperCase(Locale.ROOT));
        label.getStyleClass().add("tile-label");
        Label number = new Label();
        number.textProperty().bind(value);
        number.getStyleClass().add("tile-value");
        VBox box = new VBox(2, label, number);
        box.getStyleClass().add("stat-tile");
        return box;
    }

    private Node summary() {
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("page-summary");
        summary.setWrapText(true);
        summary.visibleProperty().bind(Bindings.isNotEmpty(model.summaryProperty()));
        summary.managedProperty().bind(summary.visibleProperty());
        Label failure = new Label();
        failure.textProperty().bind(model.failureProperty());
        failure.getStyleClass().add("text-danger");
        failure.setWrapText(true);
        failure.visibleProperty().bind(Bindings.isNotEmpty(model.failureProperty()));
        failure.managedProperty().bind(failure.visibleProperty());
        VBox box = new VBox(4, summary, failure);
        box.managedProperty().bind(summary.visibleProperty());
        return box;
    }

    private Node resultsTable() {
        // The error column only when a statement had errors: it is empty otherwise, and the figures need the room.
        TableColumn<StatementResult, String> firstError =
                text("First error", s -> s.firstError() == null ? "" : firstLine(s), 260);
        firstError
                .visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.results().stream().anyMatch(r -> r.errors() > 0), model.results()));
        TableView<StatementResult> table = table(
                model.results(),
                "Run a baseline (Ctrl+Enter): executions, errors and p50, p95 and p99 per statement show here.");
        table.getColumns()
                .addAll(
                        fixed(text("Statement", StatementResult::name, 170), 130),
                        fixed(number("Executions", StatementResult::executions, s -> count(s.executions()), 92), 92),
                        number("Errors", StatementResult::errors, s -> count(s.errors()), 60),
                        number(
                                "Throughput",
                                StatementResult::throughputPerSecond,
                                s -> String.format(Locale.ROOT, "%,.1f /s", s.throughputPerSecond()),
                                92),
                        latencyColumn("Mean", LatencySummary::meanMs),
                        latencyColumn("p50", LatencySummary::p50Ms),
                        latencyColumn("p95", LatencySummary::p95Ms),
                        latencyColumn("p99", LatencySummary::p99Ms),
                        latencyColumn("Max", LatencySummary::maxMs),
                        firstError);
        table.setRowFactory(t -> {
            TableRow<StatementResult> row = new TableRow<>();
            row.itemProperty().addListener((obs, old, s) -> {
                row.getStyleClass().removeAll("total-row", "failed-row");
                if (s != null && BaselineViewModel.ALL_STATEMENTS.equals(s.name())) {
                    row.getStyleClass().add("total-row");
                }
                if (s != null && s.errors() > 0 && !BaselineViewModel.ALL_STATEMENTS.equals(s.name())) {
                    row.getStyleClass().add("failed-row");
                }
                String errors = s == null ? "" : BaselineViewModel.errorsText(s);
                row.setTooltip(errors.isEmpty() ? null : new Tooltip(errors));
            });
            return row;
        });
        table.prefHeightProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> 56 + 26.0 * Math.max(3, model.results().size()), model.results()));
        return table;
    }

    private Node compareCard() {
        ComboBox<Baselines.Stored> a = experimentChoice(model.compareAProperty());
        ComboBox<Baselines.Stored> b = experimentChoice(model.compareBProperty());
        Button compare = new Button("Compare");
        compare.getStyleClass().add("accent");
        compare.setOnAction(e -> model.compare());
        Button refresh = new Button("Refresh list");
        refresh.getStyleClass().add("button-outlined");
        refresh.setOnAction(e -> model.refreshBaselines());
        Label labelA = new Label("A (before)");
        Label labelB = new Label("B (after)");
        for (Region fixed : new Region[] {labelA, labelB, compare, refresh}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(a, Priority.SOMETIMES);
        HBox.setHgrow(b, Priority.SOMETIMES);
        HBox pick = new HBox(10, labelA, a, labelB, b, compare, refresh);
        pick.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.textProperty().bind(model.compareSummaryProperty());
        summary.setWrapText(true);
        summary.getStyleClass().add("text-muted");

        TableView<StatementComparison> table = table(
                model.comparison(),
                "Choose baseline A (before) and B (after), then Compare. Run a baseline twice, say before and after an index, to"
                        + " have two.");
        TableColumn<StatementComparison, Verdict> verdict = new TableColumn<>("Verdict");
        verdict.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        verdict.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Verdict v, boolean empty) {
                super.updateItem(v, empty);
                if (empty || v == null) {
                    setGraphic(null);
                    return;
                }
                Label chip = new Label(v.label());
                chip.getStyleClass()
                        .addAll(
                                "verdict-chip",
                                "verdict-" + v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                setGraphic(chip);
            }
        });
        verdict.setPrefWidth(170);
        table.getColumns()
                .addAll(
                        fixed(text("Statement", StatementComparison::statement, 150), 130),
                        number("A p50", StatementComparison::medianAMs, s -> msOrDash(s.medianAMs()), 84),
                        number("B p50", StatementComparison::medianBMs, s -> msOrDash(s.medianBMs()), 84),
                        fixed(
                                number(
                                        "Ratio B/A",
                                        StatementComparison::ratio,
                                        s -> s.ratio() == null
                                                ? "\u2013"
                                                : String.format(Locale.ROOT, "%.3f", s.ratio()),
                                        90),
                                90),
                        fixed(
                                number(
                                        "95 % interval",
                                        StatementComparison::ciLow,
                                        s -> s.ciLow() == null
                                                ? "\u2013"
                                                : String.format(Locale.ROOT, "%.3f \u2013 %.3f", s.ciLow(), s.ciHigh()),
                                        120),
                                120),
                        fixed(
                                number(
                                        "Samples A / B",
                                        StatementComparison::samplesA,
                                        s -> count(s.samplesA()) + " / " + count(s.samplesB()),
                                        125),
                                125),
                        verdict);
        table.setRowFactory(t -> {
            TableRow<StatementComparison> row = new TableRow<>();
            row.itemProperty().addListener((obs, old, s) -> {
                row.getStyleClass().removeIf(c -> c.startsWith("verdict-row-"));
                if (s != null) {
                    row.getStyleClass()
                            .add("verdict-row-"
                                    + s.verdict()
                                            .name()
                                            .toLowerCase(Locale.ROOT)
                                            .replace('_', '-'));
                }
            });
            return row;
        });
        table.prefHeightProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> 56 + 26.0 * Math.max(3, model.comparison().size()), model.comparison()));
        AbChart chart = new AbChart();
        model.comparedProperty().addListener((obs, old, c) -> chart.setComparison(c));
        chart.visibleProperty().bind(Bindings.isNotNull(model.comparedProperty()));
        chart.managedProperty().bind(chart.visibleProperty());
        VBox card = new VBox(10, pick, summary, chart, table);
        card.setPadding(new Insets(0, 0, 8, 0));
        return card;
    }

    private ComboBox<Baselines.Stored> experimentChoice(javafx.beans.property.ObjectProperty<Baselines.Stored> chosen) {
        ComboBox<Baselines.Stored> box = new ComboBox<>(model.baselines());
        box.valueProperty().bindBidirectional(chosen);
        box.setPrefWidth(240);
        box.setMinWidth(150);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Baselines.Stored e) {
                if (e == null) {
                    return "";
                }
                String status =
                        switch (e.status()) {
                            case SUCCEEDED -> "";
                            default -> "  (" + e.status().name().toLowerCase(Locale.ROOT) + ")";
                        };
                return "#" + e.experimentId() + "  " + (e.database() == null ? "" : e.database() + "  \u00b7  ")
                        + WHEN.format(e.startedAt()) + status;
            }

            @Override
            public Baselines.Stored fromString(String s) {
                return null;
            }
        });
        return box;
    }

    // --- small helpers

    private static <T> TableView<T> table(ObservableList<T> rows, String placeholder) {
        SortedList<T> sorted = new SortedList<>(rows);
        TableView<T> table = WheelToPage.install(new TableView<>(sorted));
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label(placeholder);
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        table.getStyleClass().add("dense");
        return table;
    }

    /** A latency column that sorts statements without a latency first and shows them as a dash. */
    private static TableColumn<StatementResult, Double> latencyColumn(
            String title, java.util.function.ToDoubleFunction<LatencySummary> figure) {
        return number(
                title,
                s -> s.latency() == null ? null : figure.applyAsDouble(s.latency()),
                s -> BaselineViewModel.latency(s.latency(), figure),
                76);
    }

    /** A column that never gets narrower than {@code min}, so a name does not shrink to an ellipsis. */
    private static <S, T> TableColumn<S, T> fixed(TableColumn<S, T> column, double min) {
        column.setMinWidth(min);
        return column;
    }

    private static String firstLine(StatementResult s) {
        return s.distinctErrors().isEmpty()
                ? s.firstError()
                : s.distinctErrors().get(0).firstLine();
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String msOrDash(Double value) {
        return value == null ? "\u2013" : Durations.millis(value);
    }
}
