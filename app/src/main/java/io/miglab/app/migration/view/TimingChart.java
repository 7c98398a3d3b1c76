package io.miglab.app.migration.view;

import io.miglab.core.migration.timing.GrowthModels;
import io.miglab.core.migration.timing.Measurement;
import io.miglab.core.migration.timing.ModelFit;
import io.miglab.core.migration.timing.Projection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * A script's durations against its size on log-log axes, as the growth models see them: each variant's measured
 * runs, its chosen model drawn from the smallest size out to production, and the projection at production as its
 * prediction interval (a vertical bar from the low to the high end) with the window as a horizontal line. A power
 * law is a straight line here; the fix's line lies lower and flatter.
 */
public final class TimingChart {
    private final NumberAxis rows = new NumberAxis();
    private final NumberAxis seconds = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(rows, seconds);

    public TimingChart() {
        rows.setLabel("rows (log scale)");
        seconds.setLabel("duration (log scale)");
        rows.setForceZeroInRange(false);
        seconds.setForceZeroInRange(false);
        rows.setMinorTickVisible(false);
        seconds.setMinorTickVisible(false);
        rows.setTickLabelFormatter(power(TimingChart::rowsText));
        seconds.setTickLabelFormatter(power(TimingChart::secondsText));
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setPrefHeight(360);
        chart.getStyleClass().add("timing-chart");
    }

    public LineChart<Number, Number> node() {
        return chart;
    }

    /** Draws these variants' assessments against {@code window} (null: no window line). */
    public void show(List<GrowthModels.Assessment> variants, Duration window) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        double maxX = 0;
        for (GrowthModels.Assessment a : variants) {
            if (a.fit() == null) {
                continue;
            }
            XYChart.Series<Number, Number> measured = new XYChart.Series<>();
            measured.setName(a.label() + ": measured");
            for (Measurement m : a.fit().measurements()) {
                measured.getData().add(new XYChart.Data<>(Math.log10(m.rows()), Math.log10(m.seconds())));
            }
            all.add(measured);
            Projection p = a.projection();
            long smallest = a.fit().measurements().stream()
                    .mapToLong(Measurement::rows)
                    .min()
                    .orElse(1);
            long to = p == null ? a.fit().largestRows() : p.rows();
            ModelFit chosen = a.fit().best();
            XYChart.Series<Number, Number> model = new XYChart.Series<>();
            model.setName(a.label() + ": " + chosen.model().label());
            int steps = 24;
            for (int i = 0; i <= steps; i++) {
                double lx = Math.log10(smallest) + (Math.log10(to) - Math.log10(smallest)) * i / steps;
                double s = chosen.predictSeconds(Math.pow(10, lx));
                if (s > 0) {
                    model.getData().add(new XYChart.Data<>(lx, Math.log10(s)));
                }
            }
            all.add(model);
            if (p != null) {
                XYChart.Series<Number, Number> band = new XYChart.Series<>();
                band.setName(a.label() + ": at " + rowsText(p.rows()) + ", 95 % interval");
                double x = Math.log10(p.rows());
                double low = Math.max(p.low().toMillis(), 1) / 1000.0;
                band.getData().add(new XYChart.Data<>(x, Math.log10(low)));
                band.getData().add(new XYChart.Data<>(x, Math.log10(p.high().toMillis() / 1000.0)));
                all.add(band);
            }
            maxX = Math.max(maxX, Math.log10(to));
        }
        if (window != null && maxX > 0) {
            double minX = all.stream()
                    .flatMap(s -> s.getData().stream())
                    .mapToDouble(d -> d.getXValue().doubleValue())
                    .min()
                    .orElse(0);
            XYChart.Series<Number, Number> w = new XYChart.Series<>();
            w.setName("window " + secondsText(window.toSeconds()));
            double y = Math.log10(window.toSeconds());
            w.getData().add(new XYChart.Data<>(minX, y));
            w.getData().add(new XYChart.Data<>(maxX, y));
            all.add(w);
        }
        decades(rows, all, true);
        decades(seconds, all, false);
        chart.getData().setAll(all);
        // Only the measured runs keep their dots; the model, the band and the window are lines.
        for (XYChart.Series<Number, Number> s : all) {
            boolean dots = s.getName().endsWith(": measured");
            for (XYChart.Data<Number, Number> d : s.getData()) {
                if (d.getNode() != null) {
                    d.getNode().setVisible(dots || s.getName().contains("interval"));
                }
            }
            if (s.getNode() != null) {
                s.getNode()
                        .getStyleClass()
                        .add(
                                dots
                                        ? "timing-measured"
                                        : s.getName().startsWith("window") ? "timing-window" : "timing-line");
            }
        }
    }

    /** One tick a power of ten, the range widened to whole decades: 1k, 10k, 100k... and 1 s, 10 s, 100 s... */
    private static void decades(NumberAxis axis, List<XYChart.Series<Number, Number>> all, boolean x) {
        java.util.DoubleSummaryStatistics range = all.stream()
                .flatMap(s -> s.getData().stream())
                .mapToDouble(d -> (x ? d.getXValue() : d.getYValue()).doubleValue())
                .summaryStatistics();
        if (range.getCount() == 0) {
            axis.setAutoRanging(true);
            return;
        }
        axis.setAutoRanging(false);
        axis.setLowerBound(Math.floor(range.getMin()));
        axis.setUpperBound(Math.max(Math.ceil(range.getMax()), Math.floor(range.getMin()) + 1));
        axis.setTickUnit(1);
    }

    public int seriesCount() {
        return chart.getData().size();
    }

    private static StringConverter<Number> power(java.util.function.DoubleFunction<String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(Number log) {
                return text.apply(Math.pow(10, log.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        };
    }

    static String rowsText(double n) {
        if (n >= 1e9) {
            return trim(n / 1e9) + "G";
        }
        if (n >= 1e6) {
            return trim(n / 1e6) + "M";
        }
        if (n >= 1e3) {
            return trim(n / 1e3) + "k";
        }
        return trim(n);
    }

    static String secondsText(double s) {
        if (s >= 86_400) {
            return trim(s / 86_400) + " d";
        }
        if (s >= 3_600) {
            return trim(s / 3_600) + " h";
        }
        if (s >= 60) {
            return trim(s / 60) + " min";
        }
        if (s >= 1) {
            return trim(s) + " s";
        }
        return trim(s * 1000) + " ms";
    }

    private static String trim(double v) {
        boolean whole = Math.abs(v - Math.rint(v)) < 0.05;
        return v >= 10 || whole ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
