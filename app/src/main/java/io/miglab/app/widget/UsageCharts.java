package io.miglab.app.widget;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * CPU and memory over time with a container's request and limit drawn across it, as the Pod sizing step and the Live
 * metrics page show them: series named {@code request} and {@code limit} get the dashed and the red line.
 */
public final class UsageCharts {
    public static final String REQUEST = "request";
    public static final String LIMIT = "limit";

    private UsageCharts() {}

    /** A line chart over minutes, no symbols, no animation. */
    public static LineChart<Number, Number> chart(String what) {
        NumberAxis x = new NumberAxis();
        x.setLabel("minutes");
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(what);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(260);
        chart.setMinHeight(200);
        chart.getStyleClass().add("sizing-chart");
        return chart;
    }

    /** A flat line at {@code value} from 0 to {@code end}; nothing when the value is unset or there is no span. */
    public static void line(List<XYChart.Series<Number, Number>> into, String name, double value, double end) {
        if (Double.isNaN(value) || end <= 0) {
            return;
        }
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        s.getData().add(new XYChart.Data<>(0, value));
        s.getData().add(new XYChart.Data<>(end, value));
        into.add(s);
    }

    /** Styles the request and limit series apart from the pods', once the chart has made their nodes. */
    public static void markRequestAndLimit(LineChart<Number, Number> chart) {
        for (XYChart.Series<Number, Number> s : chart.getData()) {
            String style =
                    REQUEST.equals(s.getName()) ? "request-line" : LIMIT.equals(s.getName()) ? "limit-line" : null;
            if (style == null) {
                continue;
            }
            java.util.function.Consumer<Node> mark = n -> {
                if (n != null) {
                    n.getStyleClass().add(style);
                }
            };
            mark.accept(s.getNode());
            s.nodeProperty().addListener((obs, old, n) -> mark.accept(n));
        }
    }
}
