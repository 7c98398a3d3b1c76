package io.miglab.app.sizing.view;

import io.miglab.app.shell.PageActions;
import io.miglab.app.sizing.SizingViewModel;
import io.miglab.app.widget.Columns;
import io.miglab.app.widget.FormFields;
import io.miglab.app.widget.Spinners;
import io.miglab.app.widget.UsageCharts;
import io.miglab.app.widget.WheelToPage;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.sizing.Resources;
import io.miglab.core.sizing.SizingReport;
import io.miglab.core.sizing.SizingReport.Recommendation;
import io.miglab.core.sizing.SizingReport.Risk;
import io.miglab.core.sizing.SizingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Pod sizing step: open samples (Ctrl+Enter), the rules side by side, CPU and memory over time with the chosen
 * rule's request and limit as lines, the Job's runs, and a patched manifest.
 */
public final class SizingView implements PageActions {
    private final SizingViewModel model;
    private final VBox root;
    private Button open;
    private final LineChart<Number, Number> cpu = UsageCharts.chart("CPU (m)");
    private final LineChart<Number, Number> memory = UsageCharts.chart("memory (MiB)");
    private final ObservableList<SizingReport.JobRun> runs = FXCollections.observableArrayList();
    private final ObservableList<String> risks = FXCollections.observableArrayList();

    public SizingView(SizingViewModel model, io.miglab.app.sizing.JobExperimentsViewModel jobs) {
        this.model = model;
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        summary.getStyleClass().add("text-muted");
        Label patch = new Label();
        patch.textProperty().bind(model.patchNoteProperty());
        patch.setWrapText(true);
        patch.managedProperty().bind(patch.textProperty().isNotEmpty());
        HBox charts = new HBox(12, cpu, memory);
        charts.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        root = new VBox(
                12,
                form(),
                summary,
                heading("Rules side by side"),
                rulesTable(),
                risksList(),
                new HBox(12, heading("Over time, with the chosen rule's request and limit"), legendNote()),
                charts,
                heading("Runs (one pod each)"),
                runsTable(),
                patch,
                new javafx.scene.control.Separator(),
                new JobExperimentsView(jobs).root());
        model.sizingProperty().addListener((obs, old, now) -> redraw());
        model.chosenRuleProperty().addListener((obs, old, now) -> redraw());
        redraw();
    }

    public Node root() {
        return root;
    }

    @Override
    public void runPrimaryAction() {
        model.openSamples();
    }

    @Override
    public void focusFirst() {
        open.requestFocus();
    }

    private Node form() {
        open = new Button("Open samples\u2026");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> model.openSamples());
        open.disableProperty().bind(model.runningProperty());
        ComboBox<String> container = new ComboBox<>(model.containers());
        container.valueProperty().bindBidirectional(model.containerProperty());
        container.setPromptText("container");
        Spinner<Integer> headroom = Spinners.bound(50, 100, model.headroomProperty());
        headroom.setPrefWidth(80);
        ComboBox<SizingRule> rule = new ComboBox<>(FXCollections.observableArrayList(SizingRule.values()));
        rule.valueProperty().bindBidirectional(model.chosenRuleProperty());
        rule.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SizingRule r) {
                return r == null ? "" : r.id();
            }

            @Override
            public SizingRule fromString(String s) {
                return SizingRule.parse(s).get(0);
            }
        });
        Button recorded = new Button("From an experiment\u2026");
        recorded.setOnAction(e -> model.chooseExperiment());
        recorded.disableProperty().bind(model.runningProperty());
        Button patch = new Button("Patch manifest\u2026");
        patch.setOnAction(e -> model.patchManifest());
        patch.disableProperty().bind(Bindings.isEmpty(model.recommendations()));
        Button applyButton = new Button("Apply to cluster\u2026");
        applyButton.setOnAction(e -> model.applyPatched());
        applyButton.disableProperty().bind(model.lastPatchedProperty().isNull().or(model.runningProperty()));
        Label from = new Label();
        from.textProperty().bind(Bindings.concat("Samples: ", model.sourceProperty()));
        from.getStyleClass().add("text-muted");
        FlowPane row = new FlowPane(
                10,
                6,
                open,
                recorded,
                from,
                FormFields.label("Container"),
                container,
                FormFields.label("Team headroom %"),
                headroom,
                FormFields.label("Patch with"),
                rule,
                patch,
                applyButton);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPrefWrapLength(1100);
        Label hint = new Label("Ctrl+Enter opens a samples CSV (" + io.miglab.core.metrics.SamplesCsv.HEADER
                + "); Live metrics recordings (Ctrl+M), loads and Job runs are experiments to size from.");
        hint.getStyleClass().addAll("text-muted", "step-status");
        return new VBox(6, row, hint);
    }

    private Node rulesTable() {
        TableView<Recommendation> table =
                table(model.recommendations(), "Open samples to see the four rules side by side.");
        table.getColumns()
                .addAll(
                        Columns.text("Rule", r -> r.rule().id(), 70),
                        Columns.text(
                                "CPU request",
                                r -> dash(Resources.cpuQuantity(r.resources().cpuRequest())),
                                100),
                        Columns.text(
                                "CPU limit",
                                r -> dash(Resources.cpuQuantity(r.resources().cpuLimit())),
                                90),
                        Columns.text(
                                "Memory request",
                                r -> dash(Resources.memoryQuantity(r.resources().memoryRequest())),
                                120),
                        Columns.text(
                                "Memory limit",
                                r -> dash(Resources.memoryQuantity(r.resources().memoryLimit())),
                                110),
                        Columns.text(
                                "Risks",
                                r -> r.risks().isEmpty()
                                        ? "none"
                                        : r.risks().stream().map(Risk::message).collect(Collectors.joining(" ")),
                                300),
                        Columns.text("How", r -> String.join("; ", r.basis()), 400));
        table.setPrefHeight(60 + 36.0 * 4);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, r) -> {
            if (r != null) {
                model.chosenRuleProperty().set(r.rule());
            }
        });
        return table;
    }

    private Node risksList() {
        Label label = new Label();
        label.setWrapText(true);
        label.textProperty()
                .bind(Bindings.createStringBinding(() -> risks.isEmpty() ? "" : String.join("\n", risks), risks));
        label.getStyleClass().add("risk-note");
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }

    private static Node legendNote() {
        Label l = new Label("lines: request (dashed), limit (solid red)");
        l.getStyleClass().add("text-muted");
        return l;
    }

    private Node runsTable() {
        TableView<SizingReport.JobRun> table = table(runs, "A Job's runs appear here, one per pod.");
        table.getColumns()
                .addAll(
                        Columns.text("Pod", SizingReport.JobRun::pod, 220),
                        Columns.text("Started", r -> r.start().toString(), 180),
                        Columns.text("Duration", r -> io.miglab.core.sizing.Sizer.human(r.duration()), 90),
                        Columns.number("CPU mean", SizingReport.JobRun::cpuMean, r -> millis(r.cpuMean()), 90),
                        Columns.number("CPU p95", SizingReport.JobRun::cpuP95, r -> millis(r.cpuP95()), 90),
                        Columns.number(
                                "CPU seconds",
                                SizingReport.JobRun::cpuSeconds,
                                r -> String.format(Locale.ROOT, "%.1f", r.cpuSeconds()),
                                100),
                        Columns.number(
                                "Peak memory",
                                SizingReport.JobRun::peakMemory,
                                r -> Resources.memoryQuantity(r.peakMemory()),
                                100));
        table.setPrefHeight(56 + 26.0 * 4);
        return table;
    }

    private void redraw() {
        SizingReport.ContainerSizing cs = model.sizingProperty().get();
        runs.setAll(cs == null ? List.of() : cs.runs());
        Recommendation chosen = model.recommendations().stream()
                .filter(r -> r.rule() == model.chosenRuleProperty().get())
                .findFirst()
                .orElse(null);
        risks.setAll(
                cs == null
                        ? List.of()
                        : cs.currentRisks().stream()
                                .map(r -> "today: " + r.message())
                                .toList());
        List<PodSample> samples = model.containerSamples();
        if (samples.isEmpty()) {
            cpu.getData().clear();
            memory.getData().clear();
            return;
        }
        Instant t0 = samples.get(0).at();
        Map<String, XYChart.Series<Number, Number>> cpuByPod = new LinkedHashMap<>();
        Map<String, XYChart.Series<Number, Number>> memByPod = new LinkedHashMap<>();
        for (PodSample s : samples) {
            double minutes = (s.at().toEpochMilli() - t0.toEpochMilli()) / 60_000.0;
            cpuByPod.computeIfAbsent(s.pod(), p -> named(p))
                    .getData()
                    .add(new XYChart.Data<>(minutes, s.cpuMillicores()));
            memByPod.computeIfAbsent(s.pod(), p -> named(p))
                    .getData()
                    .add(new XYChart.Data<>(minutes, s.memoryBytes() / 1048576.0));
        }
        double end = (samples.get(samples.size() - 1).at().toEpochMilli() - t0.toEpochMilli()) / 60_000.0;
        List<XYChart.Series<Number, Number>> c = new ArrayList<>(cpuByPod.values());
        List<XYChart.Series<Number, Number>> m = new ArrayList<>(memByPod.values());
        if (chosen != null) {
            Resources r = chosen.resources();
            UsageCharts.line(c, UsageCharts.REQUEST, r.cpuRequest(), end);
            UsageCharts.line(c, UsageCharts.LIMIT, r.cpuLimit(), end);
            UsageCharts.line(
                    m, UsageCharts.REQUEST, r.memoryRequest() < 0 ? Double.NaN : r.memoryRequest() / 1048576.0, end);
            UsageCharts.line(m, UsageCharts.LIMIT, r.memoryLimit() < 0 ? Double.NaN : r.memoryLimit() / 1048576.0, end);
        }
        cpu.getData().setAll(c);
        memory.getData().setAll(m);
        UsageCharts.markRequestAndLimit(cpu);
        UsageCharts.markRequestAndLimit(memory);
    }

    private static XYChart.Series<Number, Number> named(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private static <T> TableView<T> table(ObservableList<T> rows, String placeholder) {
        TableView<T> table = WheelToPage.install(new TableView<>(rows));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label(placeholder);
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        return table;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-heading");
        return label;
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String millis(double m) {
        return String.format(Locale.ROOT, "%.0fm", m);
    }
}
