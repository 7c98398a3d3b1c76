package io.miglab.app.metrics.view;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.miglab.app.metrics.LiveMetricsViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.Columns;
import io.miglab.app.widget.FormFields;
import io.miglab.app.widget.Spinners;
import io.miglab.app.widget.UsageCharts;
import io.miglab.app.widget.WheelToPage;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.sizing.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Live metrics page: the query and Start (Ctrl+Enter) / Stop (Esc), tiles with the headline numbers, the pods
 * and containers like k9s shows them, and CPU and memory over the chosen window with the first charted container's
 * request and limit drawn as lines.
 */
public final class LiveMetricsView implements PageActions {
    /** Points per series on a chart: enough for a smooth line, few enough to redraw every second. */
    static final int CHART_POINTS = 180;

    private final LiveMetricsViewModel model;
    private final VBox root;
    private TextField namespaceField;
    private final LineChart<Number, Number> cpu = UsageCharts.chart("CPU (m)");
    private final LineChart<Number, Number> memory = UsageCharts.chart("memory (MiB)");
    /** The time (epoch millis) at 0 on the charts' minute axes, as last drawn: where a drag's minutes count from. */
    private long podChartStart;

    private long databaseChartStart;
    private final LineChart<Number, Number> rowsWritten = databaseChart("rows written/s");
    private final LineChart<Number, Number> wal = databaseChart("WAL (MB/s)");

    public LiveMetricsView(LiveMetricsViewModel model) {
        this.model = model;
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("text-muted");
        status.setWrapText(true);
        Label notes = new Label();
        notes.textProperty().bind(model.notesProperty());
        notes.setWrapText(true);
        notes.managedProperty().bind(notes.textProperty().isNotEmpty());
        HBox charts = new HBox(12, cpu, memory);
        charts.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        Label title = new Label("Live metrics");
        title.getStyleClass().add("title-2");
        Label lead = new Label("kubectl top with history: CPU and memory per pod and container against their requests"
                + " and limits, an hour kept per container.");
        lead.getStyleClass().add("text-muted");
        root = new VBox(12, title, lead, form(), status, notes, tiles(), table(), charts, database());
        root.setPadding(new javafx.geometry.Insets(24, 32, 24, 32));
        zoomable(cpu, () -> podChartStart);
        zoomable(memory, () -> podChartStart);
        zoomable(rowsWritten, () -> databaseChartStart);
        zoomable(wal, () -> databaseChartStart);
        model.versionProperty().addListener((obs, old, now) -> redraw());
        model.windowMinutesProperty().addListener((obs, old, now) -> redraw());
    }

    public Node root() {
        return root;
    }

    @Override
    public void runPrimaryAction() {
        if (!model.runningProperty().get()) {
            model.start();
        }
    }

    @Override
    public void cancelRunningJob() {
        model.stop();
    }

    @Override
    public void focusFirst() {
        namespaceField.requestFocus();
    }

    private Node form() {
        TextField context = FormFields.text(model.contextProperty(), "current context", 150);
        namespaceField = FormFields.text(model.namespaceProperty(), "context's namespace", 150);
        TextField selector = FormFields.text(model.selectorProperty(), "app=loader", 160);
        Spinner<Integer> interval = Spinners.bound(1, 3600, model.intervalSecondsProperty());
        interval.setPrefWidth(80);
        CheckBox record = new CheckBox("Record");
        record.selectedProperty().bindBidirectional(model.recordProperty());
        record.disableProperty().bind(model.runningProperty());
        Button start = new Button("Start");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(model.runningProperty());
        Button stop = new Button("Stop");
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.runningProperty().not());
        ToggleButton pause = new ToggleButton("Pause");
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        ComboBox<Integer> window = new ComboBox<>(FXCollections.observableArrayList(5, 15, 60, 0));
        window.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.windowMinutesProperty().set(now);
            }
        });
        window.setValue(model.windowMinutesProperty().get());
        window.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer m) {
                return m == null ? "" : m == 0 ? "all kept" : "last " + m + " min";
            }

            @Override
            public Integer fromString(String s) {
                return 15;
            }
        });
        HBox query = new HBox(
                10,
                FormFields.label("Context"),
                context,
                FormFields.label("Namespace"),
                namespaceField,
                FormFields.label("Selector"),
                selector,
                FormFields.label("Every (s)"),
                interval);
        query.setAlignment(Pos.CENTER_LEFT);
        Button local = new Button("Watch lab instance");
        local.setOnAction(e -> model.startLocal());
        local.disableProperty().bind(model.runningProperty());
        local.setTooltip(new javafx.scene.control.Tooltip(
                "No cluster? The current lab instance's PostgreSQL processes by role, from /proc"));
        Button resetZoom = new Button("Reset zoom");
        resetZoom.setOnAction(e -> model.resetZoom());
        resetZoom.visibleProperty().bind(model.zoomProperty().isNotNull());
        resetZoom.managedProperty().bind(resetZoom.visibleProperty());
        HBox actions = new HBox(10, start, local, stop, pause, record, FormFields.label("Charts"), window, resetZoom);
        actions.setAlignment(Pos.CENTER_LEFT);
        for (Region r : new Region[] {start, local, stop, pause, record}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        VBox row = new VBox(8, query, actions);
        Label hint = new Label("Ctrl+Enter starts, Esc stops. Reads the metrics API as kubectl top does (metrics-server"
                + " refreshes about every 15 s), with requests and limits from the pod specs; Record keeps the samples"
                + " for the Pod sizing step. Select rows to chart them; drag across a chart to zoom,"
                + " double-click to follow the newest readings again.");
        hint.getStyleClass().addAll("text-muted", "step-status");
        hint.setWrapText(true);
        return new VBox(6, row, hint);
    }

    private Node tiles() {
        LiveMetricsViewModel.Totals t = model.totals();
        Tile pods = tile("Pods", "");
        Tile cpuTile = tile("CPU used", "m");
        Tile memTile = tile("Memory", "MiB");
        Tile restarts = tile("Restarts", "");
        Tile oom = tile("OOMKilled", "");
        t.podsProperty().addListener((obs, old, now) -> pods.setValue(now.doubleValue()));
        t.cpuMillicoresProperty().addListener((obs, old, now) -> {
            cpuTile.setValue(now.doubleValue());
            cpuTile.setDescription("of " + t.cpuRequestedProperty().get() + "m requested");
        });
        t.memoryMibProperty().addListener((obs, old, now) -> {
            memTile.setValue(now.doubleValue());
            memTile.setDescription(
                    t.memoryLimitMibProperty().get() > 0
                            ? "of " + t.memoryLimitMibProperty().get() + " MiB limits"
                            : "no memory limits");
        });
        t.restartsProperty().addListener((obs, old, now) -> restarts.setValue(now.doubleValue()));
        t.oomKilledProperty().addListener((obs, old, now) -> oom.setValue(now.doubleValue()));
        HBox row = new HBox(10, pods, cpuTile, memTile, restarts, oom);
        row.getStyleClass().add("metric-tiles");
        return row;
    }

    /**
     * The server's side, shown once a source reads its statistics (a lab instance): tiles for the rates, rows
     * written and WAL over the window, and each COPY or index build running with how far it got.
     */
    private Node database() {
        Tile tps = tile("Transactions/s", "");
        Tile rows = tile("Rows written/s", "");
        Tile walTile = tile("WAL", "MB/s");
        walTile.setDecimals(1);
        Tile hit = tile("Cache hit", "%");
        hit.setDecimals(1);
        Tile backends = tile("Active backends", "");
        model.databaseProperty().addListener((obs, old, d) -> {
            if (d == null) {
                return;
            }
            tps.setValue(orZero(d.transactionsPerSecond()));
            rows.setValue(orZero(d.rowsWrittenPerSecond()));
            walTile.setValue(orZero(d.walBytesPerSecond()) / 1e6);
            hit.setValue(orZero(d.cacheHitRatio()) * 100);
            hit.setDescription(
                    Double.isNaN(d.cacheHitRatio()) ? "no block reads" : "of block requests from shared buffers");
            backends.setValue(d.activeBackends());
        });
        HBox tiles = new HBox(10, tps, rows, walTile, hit, backends);
        tiles.getStyleClass().add("metric-tiles");
        HBox charts = new HBox(12, rowsWritten, wal);
        charts.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        Label heading = new Label("Database");
        heading.getStyleClass().add("title-4");
        Label lead = new Label("PostgreSQL's statistics views, read-only: pg_stat_database, the WAL position,"
                + " pg_stat_activity, and the COPY and CREATE INDEX progress views. Rows written count at each"
                + " commit; a COPY's rows show in its progress as they go.");
        lead.getStyleClass().add("text-muted");
        lead.setWrapText(true);
        VBox running = new VBox(6);
        model.progress()
                .addListener((javafx.collections.ListChangeListener<io.miglab.core.metrics.DatabaseActivity.Progress>)
                        c -> showProgress(running));
        showProgress(running);
        VBox section = new VBox(10, heading, lead, tiles, running, charts);
        section.visibleProperty().bind(model.databaseProperty().isNotNull());
        section.managedProperty().bind(section.visibleProperty());
        return section;
    }

    private void showProgress(VBox into) {
        List<Node> lines = new ArrayList<>();
        for (io.miglab.core.metrics.DatabaseActivity.Progress p : model.progress()) {
            javafx.scene.control.ProgressBar bar =
                    new javafx.scene.control.ProgressBar(Double.isNaN(p.fraction()) ? -1 : p.fraction());
            bar.setPrefWidth(220);
            String size = p.unit().equals("bytes")
                    ? io.miglab.core.units.Sizes.format(p.done())
                            + (p.total() > 0 ? " of " + io.miglab.core.units.Sizes.format(p.total()) : "")
                    : String.format(Locale.ROOT, "%,d", p.done())
                            + (p.total() > 0 ? String.format(Locale.ROOT, " of %,d", p.total()) : "") + " "
                            + p.unit();
            Label what = new Label(String.format(
                    Locale.ROOT,
                    "%s %s (%s, pid %d): %s, %s, %,d rows",
                    p.command(),
                    p.relation(),
                    p.database(),
                    p.pid(),
                    p.phase().toLowerCase(Locale.ROOT),
                    size,
                    p.tuples()));
            HBox line = new HBox(10, bar, what);
            line.setAlignment(Pos.CENTER_LEFT);
            lines.add(line);
        }
        if (lines.isEmpty()) {
            Label none = new Label("No COPY or CREATE INDEX running.");
            none.getStyleClass().add("text-muted");
            lines.add(none);
        }
        into.getChildren().setAll(lines);
    }

    /**
     * Drag across a chart to zoom every chart to that time range (a band shows it while dragging); double-click, Reset
     * zoom or choosing a window goes back to following the newest readings.
     */
    private void zoomable(LineChart<Number, Number> chart, java.util.function.LongSupplier start) {
        javafx.scene.shape.Rectangle band = new javafx.scene.shape.Rectangle();
        band.getStyleClass().add("zoom-band");
        band.setManaged(false);
        band.setVisible(false);
        band.setMouseTransparent(true);
        double[] anchor = {Double.NaN};
        javafx.scene.chart.NumberAxis x = (javafx.scene.chart.NumberAxis) chart.getXAxis();
        chart.setOnMousePressed(e -> {
            Node plot = chart.lookup(".chart-plot-background");
            if (plot == null || e.getClickCount() > 1) {
                return;
            }
            if (band.getParent() == null && plot.getParent() instanceof javafx.scene.layout.Pane content) {
                content.getChildren().add(band);
            }
            javafx.geometry.Point2D p = plot.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (!plot.getLayoutBounds().contains(p)) {
                return;
            }
            anchor[0] = e.getSceneX();
            javafx.geometry.Bounds b = plot.getBoundsInParent();
            band.setY(b.getMinY());
            band.setHeight(b.getHeight());
        });
        chart.setOnMouseDragged(e -> {
            if (Double.isNaN(anchor[0]) || band.getParent() == null) {
                return;
            }
            double a = band.getParent().sceneToLocal(anchor[0], e.getSceneY()).getX();
            double b =
                    band.getParent().sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
            band.setX(Math.min(a, b));
            band.setWidth(Math.abs(b - a));
            band.setVisible(true);
        });
        chart.setOnMouseReleased(e -> {
            band.setVisible(false);
            if (Double.isNaN(anchor[0])) {
                return;
            }
            double from = minutesAt(x, anchor[0], e.getSceneY());
            double to = minutesAt(x, e.getSceneX(), e.getSceneY());
            anchor[0] = Double.NaN;
            long zero = start.getAsLong();
            model.zoomTo(zero + Math.round(from * 60_000), zero + Math.round(to * 60_000));
        });
        chart.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.resetZoom();
            }
        });
    }

    private static double minutesAt(javafx.scene.chart.NumberAxis x, double sceneX, double sceneY) {
        return x.getValueForDisplay(x.sceneToLocal(sceneX, sceneY).getX()).doubleValue();
    }

    private static LineChart<Number, Number> databaseChart(String what) {
        LineChart<Number, Number> chart = UsageCharts.chart(what);
        chart.getStyleClass().setAll("chart", "database-chart");
        chart.setLegendVisible(false);
        return chart;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static Tile tile(String title, String unit) {
        return TileBuilder.create()
                .skinType(Tile.SkinType.NUMBER)
                .title(title)
                .unit(unit)
                .decimals(0)
                .value(0)
                .prefSize(200, 120)
                .animated(false)
                // TilesFX's own dark tiles, the same in both themes: the page's CSS would wash their text out.
                .backgroundColor(javafx.scene.paint.Color.web("#1f2937"))
                .titleColor(javafx.scene.paint.Color.web("#cbd5e1"))
                .valueColor(javafx.scene.paint.Color.WHITE)
                .unitColor(javafx.scene.paint.Color.web("#cbd5e1"))
                .descriptionColor(javafx.scene.paint.Color.web("#93c5fd"))
                .textSize(Tile.TextSize.BIGGER)
                .build();
    }

    private Node table() {
        TableView<ContainerUsage> table = WheelToPage.install(new TableView<>(model.rows()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Start a watch to see each pod's containers, busiest first."));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns()
                .addAll(
                        Columns.text("Pod", ContainerUsage::pod, 220),
                        Columns.text("Container", ContainerUsage::container, 120),
                        Columns.number("CPU", ContainerUsage::cpuMillicores, u -> millis(u.cpuMillicores()), 80),
                        Columns.number("%req", ContainerUsage::cpuOfRequest, u -> percent(u.cpuOfRequest()), 60),
                        Columns.number("%lim", ContainerUsage::cpuOfLimit, u -> percent(u.cpuOfLimit()), 60),
                        Columns.number(
                                "Memory",
                                ContainerUsage::memoryBytes,
                                u -> Resources.memoryQuantity(u.memoryBytes()),
                                90),
                        Columns.number("%req ", ContainerUsage::memoryOfRequest, u -> percent(u.memoryOfRequest()), 60),
                        Columns.number("%lim ", ContainerUsage::memoryOfLimit, u -> percent(u.memoryOfLimit()), 60),
                        Columns.number("Restarts", ContainerUsage::restarts, u -> Integer.toString(u.restarts()), 70),
                        Columns.text("Last exit", u -> u.lastTermination() == null ? "" : u.lastTermination(), 100));
        table.setPrefHeight(56 + 26.0 * 8);
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<ContainerUsage>)
                c -> {
                    List<String> keys = table.getSelectionModel().getSelectedItems().stream()
                            .filter(java.util.Objects::nonNull)
                            .map(LiveMetricsViewModel::key)
                            .toList();
                    if (!keys.isEmpty()) {
                        model.chart(keys);
                    }
                });
        return table;
    }

    /**
     * Redraws the charts in place: series stay while the charted containers do, only their points change, so the
     * chart neither rebuilds its legend nor re-creates its paths every second.
     */
    private void redraw() {
        Map<String, double[][]> data = model.chartData(CHART_POINTS);
        long start = data.values().stream()
                .filter(d -> d.length > 0)
                .mapToLong(d -> (long) d[0][0])
                .min()
                .orElse(0);
        podChartStart = start;
        List<String> names = new ArrayList<>(data.keySet());
        List<List<XYChart.Data<Number, Number>>> cpuPoints = new ArrayList<>();
        List<List<XYChart.Data<Number, Number>>> memoryPoints = new ArrayList<>();
        double end = 0;
        for (double[][] points : data.values()) {
            List<XYChart.Data<Number, Number>> c = new ArrayList<>(points.length);
            List<XYChart.Data<Number, Number>> m = new ArrayList<>(points.length);
            for (double[] p : points) {
                double minutes = (p[0] - start) / 60_000.0;
                end = Math.max(end, minutes);
                c.add(new XYChart.Data<>(minutes, p[1]));
                m.add(new XYChart.Data<>(minutes, p[2] / 1048576.0));
            }
            cpuPoints.add(c);
            memoryPoints.add(m);
        }
        ContainerUsage first = model.charted().isEmpty()
                ? null
                : model.latestByKey().get(model.charted().get(0));
        double[] cpuLines = first == null
                ? new double[] {Double.NaN, Double.NaN}
                : new double[] {first.cpuRequest(), first.cpuLimit()};
        double[] memoryLines = first == null
                ? new double[] {Double.NaN, Double.NaN}
                : new double[] {
                    first.memoryRequest() < 0 ? Double.NaN : first.memoryRequest() / 1048576.0,
                    first.memoryLimit() < 0 ? Double.NaN : first.memoryLimit() / 1048576.0
                };
        update(cpu, names, cpuPoints, cpuLines, end);
        update(memory, names, memoryPoints, memoryLines, end);
        redrawDatabase();
    }

    private void redrawDatabase() {
        double[][] d = model.databaseChartData(CHART_POINTS);
        if (d.length == 0) {
            return;
        }
        double start = d[0][0];
        databaseChartStart = (long) start;
        List<XYChart.Data<Number, Number>> rows = new ArrayList<>(d.length);
        List<XYChart.Data<Number, Number>> walPoints = new ArrayList<>(d.length);
        for (double[] p : d) {
            double minutes = (p[0] - start) / 60_000.0;
            rows.add(new XYChart.Data<>(minutes, p[3]));
            walPoints.add(new XYChart.Data<>(minutes, p[2] / 1e6));
        }
        double none = Double.NaN;
        update(rowsWritten, List.of("rows written/s"), List.of(rows), new double[] {none, none}, 0);
        update(wal, List.of("WAL MB/s"), List.of(walPoints), new double[] {none, none}, 0);
    }

    private static void update(
            LineChart<Number, Number> chart,
            List<String> names,
            List<List<XYChart.Data<Number, Number>>> points,
            double[] requestAndLimit,
            double end) {
        List<String> wanted = new ArrayList<>(names);
        String[] lines = {UsageCharts.REQUEST, UsageCharts.LIMIT};
        for (int i = 0; i < 2; i++) {
            if (!Double.isNaN(requestAndLimit[i]) && end > 0) {
                wanted.add(lines[i]);
            }
        }
        List<String> have =
                chart.getData().stream().map(XYChart.Series::getName).toList();
        if (!have.equals(wanted)) {
            List<XYChart.Series<Number, Number>> fresh = new ArrayList<>();
            for (String name : wanted) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(name);
                fresh.add(s);
            }
            chart.getData().setAll(fresh);
            UsageCharts.markRequestAndLimit(chart);
        }
        for (int i = 0; i < names.size(); i++) {
            chart.getData().get(i).getData().setAll(points.get(i));
        }
        int k = names.size();
        for (int i = 0; i < 2; i++) {
            if (!Double.isNaN(requestAndLimit[i]) && end > 0) {
                chart.getData()
                        .get(k++)
                        .getData()
                        .setAll(List.of(
                                new XYChart.Data<>(0, requestAndLimit[i]),
                                new XYChart.Data<>(end, requestAndLimit[i])));
            }
        }
    }

    private static String millis(double m) {
        return Double.isNaN(m) ? "-" : String.format(Locale.ROOT, "%.0fm", m);
    }

    private static String percent(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.0f%%", p);
    }
}
