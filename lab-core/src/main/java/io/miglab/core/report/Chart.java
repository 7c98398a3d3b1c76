package io.miglab.core.report;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A chart as data: {@link ChartRenderer} draws it as a PNG. Bar kinds use each point's label as the category;
 * {@link Kind#TIME_SERIES} uses x as epoch milliseconds.
 *
 * @param name a short machine name for file names ({@code latency}, {@code cpu}); lower case with dashes
 * @param lines horizontal reference lines (a request, a limit, a goal)
 */
public record Chart(
        String name, Kind kind, String title, String xLabel, String yLabel, List<Series> series, List<Line> lines) {

    public Chart {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("A chart name is lower case with dashes, not " + name);
        }
        series = List.copyOf(series);
        lines = List.copyOf(lines);
    }

    public enum Kind {
        /** Grouped bars per category (a statement), one series per side, with the interval as error bars. */
        BARS_WITH_INTERVALS,
        /** Plain bars per category (throughput per loader). */
        BARS,
        /** Lines over time with optional horizontal request and limit lines. */
        TIME_SERIES
    }

    public record Series(String name, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * @param low lower end of the interval, or null for none
     * @param high upper end, or null
     */
    public record Point(String label, double x, double y, Double low, Double high) {
        public static Point category(String label, double y, Double low, Double high) {
            return new Point(label, 0, y, low, high);
        }

        public static Point at(double x, double y) {
            return new Point(null, x, y, null, null);
        }
    }

    public record Line(String label, double y) {}

    Chart mapText(UnaryOperator<String> f) {
        return new Chart(
                name,
                kind,
                f.apply(title),
                f.apply(xLabel),
                f.apply(yLabel),
                series.stream()
                        .map(s -> new Series(
                                f.apply(s.name()),
                                s.points().stream()
                                        .map(p -> new Point(
                                                Environment.nullable(f, p.label()), p.x(), p.y(), p.low(), p.high()))
                                        .toList()))
                        .toList(),
                lines.stream().map(l -> new Line(f.apply(l.label()), l.y())).toList());
    }
}
