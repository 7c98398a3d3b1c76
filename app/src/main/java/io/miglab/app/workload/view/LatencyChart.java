package io.miglab.app.workload.view;

import io.miglab.app.workload.BaselineViewModel;
import io.miglab.app.workload.BaselineViewModel.LivePoint;
import io.miglab.core.workload.WorkloadStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * The Baseline page's live chart: the p95 of every statement per snapshot interval, one line per statement, the
 * time axis ending where the run does, the latency axis linear or in powers of ten, and the Goals step's p95 target
 * as a dashed line.
 *
 * <p>JavaFX has no logarithmic axis, so the log scale plots log10 of each latency on a linear axis whose ticks sit
 * on whole powers and are labelled with the latency they stand for.
 */
final class LatencyChart {
    /** The smallest latency the log scale shows: a point below it sits on the axis's floor. */
    static final double LOG_FLOOR_MS = 0.001;

    private static final String TARGET = "p95 target";

    private final BaselineViewModel model;
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final Label empty = new Label();
    private final StackPane root;

    LatencyChart(BaselineViewModel model) {
        this.model = model;
        x.setLabel("seconds measured");
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setMinorTickVisible(false);
        y.setLabel("p95 latency (ms)");
        y.setMinorTickVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.getStyleClass().add("latency-chart");
        chart.setPrefHeight(270);
        chart.setMinHeight(230);
        empty.getStyleClass().addAll("text-muted", "chart-placeholder");
        empty.setWrapText(true);
        empty.setMaxWidth(420);
        empty.setMouseTransparent(true);
        root = new StackPane(chart, empty);

        model.livePoints().addListener((ListChangeListener<LivePoint>) c -> redraw());
        model.logScaleProperty().addListener((obs, old, now) -> redraw());
        model.chartSecondsProperty().addListener((obs, old, now) -> redraw());
        model.p95TargetProperty().addListener((obs, old, now) -> redraw());
        model.statements().addListener((ListChangeListener<WorkloadStatement>) c -> redraw());
        redraw();
    }

    Node root() {
        return root;
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    private void redraw() {
        boolean log = model.logScaleProperty().get();
        Map<String, List<XYChart.Data<Number, Number>>> byStatement = new LinkedHashMap<>();
        for (WorkloadStatement s : model.statements()) {
            byStatement.put(s.name(), new ArrayList<>());
        }
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (LivePoint p : model.livePoints()) {
            double ms = p.p95Ms();
            lowest = Math.min(lowest, ms);
            highest = Math.max(highest, ms);
            byStatement
                    .computeIfAbsent(p.statement(), k -> new ArrayList<>())
                    .add(new XYChart.Data<>(p.elapsedSeconds(), log ? log10(ms) : ms));
        }
        Double target = model.p95TargetProperty().get();
        if (target != null) {
            lowest = Math.min(lowest, target);
            highest = Math.max(highest, target);
        }

        double end = model.chartSecondsProperty().get();
        double upper = end > 0 ? end : 1;
        x.setUpperBound(upper);
        x.setTickUnit(timeTick(upper));

        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        byStatement.forEach((name, points) -> {
            if (!points.isEmpty()) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(name);
                series.getData().setAll(points);
                all.add(series);
            }
        });
        boolean anything = !all.isEmpty();
        XYChart.Series<Number, Number> targetLine = null;
        if (target != null && anything) {
            targetLine = new XYChart.Series<>();
            targetLine.setName(TARGET + " " + io.miglab.core.units.Durations.millis(target));
            double v = log ? log10(target) : target;
            targetLine.getData().add(new XYChart.Data<>(0, v));
            targetLine.getData().add(new XYChart.Data<>(upper, v));
            all.add(targetLine);
        }
        if (log && anything) {
            y.setAutoRanging(false);
            y.setLowerBound(Math.floor(log10(lowest)));
            y.setUpperBound(Math.max(Math.floor(log10(lowest)) + 1, Math.ceil(log10(highest))));
            y.setTickUnit(1);
            y.setTickLabelFormatter(LOG_LABELS);
            y.setLabel("p95 (ms, log scale)");
        } else {
            y.setAutoRanging(true);
            y.setTickLabelFormatter(null);
            y.setLabel("p95 latency (ms)");
        }
        // On the log scale 0 is 1 ms, not zero: no zero line there.
        chart.setHorizontalZeroLineVisible(!log);
        chart.getData().setAll(all);
        if (targetLine != null) {
            targetLine.getNode().getStyleClass().add("target-line");
            for (XYChart.Data<Number, Number> d : targetLine.getData()) {
                d.getNode().setVisible(false);
            }
            // The legend's mark for the target in the line's red, not in the next series colour.
            String name = targetLine.getName();
            chart.applyCss();
            for (Node item : chart.lookupAll(".chart-legend-item")) {
                if (item instanceof Label label && name.equals(label.getText()) && label.getGraphic() != null) {
                    label.getGraphic().getStyleClass().add("target-symbol");
                }
            }
        }
        empty.setText(
                anything
                        ? ""
                        : model.resultProperty().get() == null
                                ? "Run a baseline: the p95 of every statement is charted here while it runs."
                                : "The live chart belongs to a run in this window; the figures of the baseline shown are"
                                        + " in the table below.");
        empty.setVisible(!anything);
    }

    /** A tick every 1, 2, 5, 10, 15, 30 or 60 s (and so on), the first that makes at most 10 ticks up to {@code end}. */
    static double timeTick(double end) {
        double[] steps = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400};
        for (double step : steps) {
            if (end / step <= 10) {
                return step;
            }
        }
        return Math.ceil(end / 10 / 3600) * 3600;
    }

    static double log10(double ms) {
        return Math.log10(Math.max(LOG_FLOOR_MS, ms));
    }

    /** The latency a whole power of ten on the log axis stands for: "0.01 ms", "1 ms", "1,000 ms". */
    static String logLabel(double exponent) {
        double ms = Math.pow(10, Math.round(exponent));
        return ms >= 1
                ? String.format(Locale.ROOT, "%,.0f ms", ms)
                : String.format(
                        Locale.ROOT,
                        "%s ms",
                        java.math.BigDecimal.valueOf(ms).stripTrailingZeros().toPlainString());
    }

    private static final StringConverter<Number> LOG_LABELS = new StringConverter<>() {
        @Override
        public String toString(Number exponent) {
            return logLabel(exponent.doubleValue());
        }

        @Override
        public Number fromString(String text) {
            return 0;
        }
    };
}
