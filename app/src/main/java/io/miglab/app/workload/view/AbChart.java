package io.miglab.app.workload.view;

import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * B against A per statement, as a forest plot: the ratio of medians as a dot, its 95 % interval as a bar, on a log
 * axis around 1 (no change) with the noise band shaded. Log, because 0.5 and 2 are the same size of change; a bar
 * that stays clear of the band is a verdict, one that crosses it is not. Colours are the theme's, through style
 * classes ({@code ab-faster}, {@code ab-slower}, {@code ab-same}).
 */
public final class AbChart extends Region {
    static final double ROW = 28;
    static final double LABEL_WIDTH = 170;
    static final double VALUE_WIDTH = 175;
    /** Below this width the value column drops the interval (it stays on the chart as the bar). */
    static final double NARROW = 760;

    static final double AXIS = 26;

    private Comparison comparison;
    private final Text empty = new Text("Run an A/B test or compare two baselines to see B against A here.");

    public AbChart() {
        getStyleClass().add("ab-chart");
        empty.getStyleClass().add("ab-empty");
        getChildren().add(empty);
        setMinHeight(ROW * 2 + AXIS);
    }

    /** Shows {@code c}; null clears the chart. */
    public void setComparison(Comparison c) {
        this.comparison = c;
        int rows = c == null ? 2 : Math.max(2, c.statements().size());
        setPrefHeight(rows * ROW + AXIS + 8);
        requestLayout();
    }

    public Comparison comparison() {
        return comparison;
    }

    /** The statements drawn with an interval, in order; for tests. */
    List<String> drawnStatements() {
        return comparison == null
                ? List.of()
                : comparison.statements().stream()
                        .filter(s -> s.ratio() != null)
                        .map(StatementComparison::statement)
                        .toList();
    }

    @Override
    protected void layoutChildren() {
        getChildren().setAll(empty);
        empty.setVisible(comparison == null || comparison.statements().isEmpty());
        empty.setX(8);
        empty.setY(ROW);
        if (!empty.isVisible()) {
            draw();
        }
    }

    private void draw() {
        double width = getWidth();
        boolean narrow = width < NARROW;
        double plotLeft = narrow ? Math.min(LABEL_WIDTH, width * 0.3) : LABEL_WIDTH;
        double plotRight = Math.max(plotLeft + 120, width - (narrow ? 100 : VALUE_WIDTH));
        List<StatementComparison> rows = comparison.statements();
        double low = 0.5;
        double high = 2;
        for (StatementComparison s : rows) {
            if (s.ratio() != null) {
                low = Math.min(low, s.ciLow());
                high = Math.max(high, s.ciHigh());
            }
        }
        // Symmetric in log space, so 1 sits in the middle and faster and slower read alike.
        double span = Math.max(Math.abs(Math.log10(low)), Math.abs(Math.log10(high))) * 1.1;
        Axis axis = new Axis(-span, span, plotLeft, plotRight);
        double top = 4;
        double bottom = top + rows.size() * ROW;

        double band = comparison.options().noiseThreshold();
        Rectangle noise =
                new Rectangle(axis.x(1 / (1 + band)), top, axis.x(1 + band) - axis.x(1 / (1 + band)), bottom - top);
        noise.getStyleClass().add("ab-noise-band");
        getChildren().add(noise);
        for (double tick : ticks(span)) {
            Line grid = new Line(axis.x(tick), top, axis.x(tick), bottom);
            grid.getStyleClass().add(tick == 1 ? "ab-one-line" : "ab-grid-line");
            Text label = text(tickLabel(tick), "ab-tick");
            label.setTextAlignment(TextAlignment.CENTER);
            label.setX(axis.x(tick) - label.getLayoutBounds().getWidth() / 2);
            label.setY(bottom + 14);
            getChildren().addAll(grid, label);
        }
        Text faster = text("\u2190 B faster", "ab-axis-title");
        faster.setX(plotLeft);
        faster.setY(bottom + 24);
        Text slower = text("B slower \u2192", "ab-axis-title");
        slower.setX(plotRight - slower.getLayoutBounds().getWidth());
        slower.setY(bottom + 24);
        getChildren().addAll(faster, slower);

        for (int i = 0; i < rows.size(); i++) {
            StatementComparison s = rows.get(i);
            double y = top + i * ROW + ROW / 2;
            Text name = text(fit(s.statement(), plotLeft - 16), "ab-statement");
            name.setX(8);
            name.setY(y);
            getChildren().add(name);
            if (s.ratio() == null) {
                Text none = text(s.verdict().label(), "ab-value");
                none.setX(plotLeft + 4);
                none.setY(y);
                getChildren().add(none);
                continue;
            }
            String kind = verdictClass(s.verdict());
            Line interval = new Line(axis.x(s.ciLow()), y, axis.x(s.ciHigh()), y);
            interval.getStyleClass().addAll("ab-interval", kind);
            Line capLow = new Line(axis.x(s.ciLow()), y - 5, axis.x(s.ciLow()), y + 5);
            Line capHigh = new Line(axis.x(s.ciHigh()), y - 5, axis.x(s.ciHigh()), y + 5);
            capLow.getStyleClass().addAll("ab-interval", kind);
            capHigh.getStyleClass().addAll("ab-interval", kind);
            Circle point = new Circle(axis.x(s.ratio()), y, 4.5);
            point.getStyleClass().addAll("ab-point", kind);
            Text value = text(narrow ? shortValueText(s) : valueText(s), "ab-value");
            value.getStyleClass().add(kind);
            value.setX(plotRight + 10);
            value.setY(y);
            getChildren().addAll(interval, capLow, capHigh, point, value);
        }
    }

    /**
     * "8.1x faster [6.9, 9.4]" reads better than "0.123 [0.106, 0.145]" for a large change; a ratio within the
     * noise is shown as a plain ratio.
     */
    static String valueText(StatementComparison s) {
        double r = s.ratio();
        if (s.verdict() != Verdict.FASTER && s.verdict() != Verdict.SLOWER) {
            // Within the noise: neither "faster" nor "slower" is earned.
            return String.format(Locale.ROOT, "ratio %.2f [%.2f, %.2f]", r, s.ciLow(), s.ciHigh());
        }
        if (r < 1) {
            return String.format(Locale.ROOT, "%.2fx faster [%.2f, %.2f]", 1 / r, 1 / s.ciHigh(), 1 / s.ciLow());
        }
        return String.format(Locale.ROOT, "%.2fx slower [%.2f, %.2f]", r, s.ciLow(), s.ciHigh());
    }

    /** The value without its interval, for a narrow chart: "8.00x faster", "ratio 1.06". */
    static String shortValueText(StatementComparison s) {
        String full = valueText(s);
        return full.substring(0, full.indexOf(" ["));
    }

    /** The name, cut with an ellipsis to about {@code width} pixels (7 per character), so rows never collide. */
    static String fit(String name, double width) {
        int max = Math.max(4, (int) (width / 7));
        return name.length() <= max ? name : name.substring(0, max - 1) + "\u2026";
    }

    static String verdictClass(Verdict v) {
        return switch (v) {
            case FASTER -> "ab-faster";
            case SLOWER -> "ab-slower";
            default -> "ab-same";
        };
    }

    /** 1, 2, 5 per decade inside the span, and always 1. */
    static List<Double> ticks(double span) {
        List<Double> ticks = new ArrayList<>();
        for (int decade = -6; decade <= 6; decade++) {
            for (double m : new double[] {1, 2, 5}) {
                double v = m * Math.pow(10, decade);
                if (Math.abs(Math.log10(v)) <= span + 1e-9) {
                    ticks.add(v);
                }
            }
        }
        if (ticks.size() > 13) {
            ticks.removeIf(v -> Math.abs(Math.log10(v) - Math.rint(Math.log10(v))) > 1e-9);
        }
        return ticks;
    }

    static String tickLabel(double v) {
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    private static Text text(String content, String styleClass) {
        Text t = new Text(content);
        t.getStyleClass().add(styleClass);
        t.setTextOrigin(VPos.CENTER);
        return t;
    }

    /** Maps a ratio to x on the log axis. */
    private record Axis(double minLog, double maxLog, double left, double right) {
        double x(double ratio) {
            double log = Math.log10(ratio);
            return left + (log - minLog) / (maxLog - minLog) * (right - left);
        }
    }
}
