package io.miglab.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Draws a {@link Chart} as a PNG with JFreeChart, headless (no display needed; {@code java.awt.headless} is set
 * before AWT loads unless the caller chose otherwise). The same chart gives the same picture.
 */
public final class ChartRenderer {
    public static final int DEFAULT_WIDTH = 960;
    public static final int DEFAULT_HEIGHT = 540;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Colour-blind safe (Okabe and Ito). */
    private static final Color[] PALETTE = {
        new Color(0x0072B2),
        new Color(0xE69F00),
        new Color(0x009E73),
        new Color(0xCC79A7),
        new Color(0x56B4E9),
        new Color(0xD55E00),
        new Color(0xF0E442),
        new Color(0x000000)
    };

    private final int width;
    private final int height;

    public ChartRenderer() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public ChartRenderer(int width, int height) {
        if (width < 100 || height < 100 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("A chart is 100 to 8000 pixels a side, not " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public byte[] png(Chart chart) {
        JFreeChart drawn =
                switch (chart.kind()) {
                    case BARS_WITH_INTERVALS -> barsWithIntervals(chart);
                    case BARS -> bars(chart);
                    case TIME_SERIES -> timeSeries(chart);
                };
        drawn.setBackgroundPaint(Color.WHITE);
        drawn.setAntiAlias(true);
        drawn.setTextAntiAlias(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, drawn, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Bars per category and series, with each point's interval as a whisker. */
    private static JFreeChart barsWithIntervals(Chart chart) {
        List<String> categories = categories(chart);
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        // Whiskers only where there is an interval: a point without one gets no cap drawn on its bar.
        XYIntervalSeriesCollection intervals = new XYIntervalSeriesCollection();
        int n = chart.series().size();
        double slot = 0.8 / Math.max(1, n);
        for (int k = 0; k < n; k++) {
            Chart.Series s = chart.series().get(k);
            XYIntervalSeries series = new XYIntervalSeries(s.name());
            XYIntervalSeries whisker = new XYIntervalSeries(s.name());
            for (Chart.Point p : s.points()) {
                double x = categories.indexOf(String.valueOf(p.label())) + (k - (n - 1) / 2.0) * slot;
                series.add(x, x - slot * 0.45, x + slot * 0.45, p.y(), p.y(), p.y());
                if (p.low() != null && p.high() != null) {
                    whisker.add(x, x, x, p.y(), p.low(), p.high());
                }
            }
            data.addSeries(series);
            intervals.addSeries(whisker);
        }
        SymbolAxis xAxis = new SymbolAxis(chart.xLabel(), categories.toArray(String[]::new));
        xAxis.setGridBandsVisible(false);
        NumberAxis yAxis = new NumberAxis(chart.yLabel());
        XYBarRenderer bars = new XYBarRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        XYErrorRenderer whiskers = new XYErrorRenderer();
        whiskers.setDrawXError(false);
        whiskers.setDrawYError(true);
        whiskers.setDefaultShapesVisible(false);
        whiskers.setDefaultLinesVisible(false);
        whiskers.setErrorPaint(Color.BLACK);
        whiskers.setErrorStroke(new BasicStroke(1.5f));
        whiskers.setCapLength(8);
        whiskers.setDefaultSeriesVisibleInLegend(false);
        XYPlot plot = new XYPlot(intervals, xAxis, yAxis, whiskers);
        plot.setDataset(1, data);
        plot.setRenderer(1, bars);
        LegendItemCollection legend = new LegendItemCollection();
        for (int k = 0; k < n; k++) {
            bars.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
            legend.add(new LegendItem(chart.series().get(k).name(), PALETTE[k % PALETTE.length]));
        }
        plot.setFixedLegendItems(legend);
        yAxis.setAutoRangeIncludesZero(true);
        style(plot);
        return new JFreeChart(chart.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static JFreeChart bars(Chart chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Chart.Series s : chart.series()) {
            for (Chart.Point p : s.points()) {
                data.addValue(p.y(), s.name(), p.label());
            }
        }
        JFreeChart drawn = ChartFactory.createBarChart(
                chart.title(), chart.xLabel(), chart.yLabel(), data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = drawn.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int k = 0; k < chart.series().size(); k++) {
            renderer.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return drawn;
    }

    /** Lines over time, with the reference lines (requests, limits) drawn across and kept inside the range. */
    private static JFreeChart timeSeries(Chart chart) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        double max = 0;
        for (Chart.Series s : chart.series()) {
            TimeSeries series = new TimeSeries(s.name());
            for (Chart.Point p : s.points()) {
                series.addOrUpdate(new Millisecond(new Date((long) p.x())), p.y());
                max = Math.max(max, p.y());
            }
            data.addSeries(series);
        }
        JFreeChart drawn = ChartFactory.createTimeSeriesChart(
                chart.title(), chart.xLabel(), chart.yLabel(), data, true, false, false);
        XYPlot plot = drawn.getXYPlot();
        for (int k = 0; k < chart.series().size(); k++) {
            plot.getRenderer().setSeriesPaint(k, PALETTE[k % PALETTE.length]);
            plot.getRenderer().setSeriesStroke(k, new BasicStroke(2f));
        }
        int i = 0;
        for (Chart.Line line : chart.lines()) {
            ValueMarker marker = new ValueMarker(line.y());
            marker.setPaint(i++ % 2 == 0 ? new Color(0x009E73) : new Color(0xD55E00));
            marker.setStroke(
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            marker.setLabel(line.label());
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(marker);
            max = Math.max(max, line.y());
        }
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setAutoRangeIncludesZero(true);
        if (max > 0) {
            range.setRange(0, max * 1.12);
        }
        style(plot);
        return drawn;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    private static List<String> categories(Chart chart) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        chart.series().forEach(s -> s.points().forEach(p -> names.add(String.valueOf(p.label()))));
        return new ArrayList<>(names);
    }

    static {
        ChartFactory.setChartTheme(StandardChartTheme.createJFreeTheme());
    }
}
