package io.miglab.app.sizing.view;

import io.miglab.app.sizing.JobExperimentsViewModel;
import io.miglab.app.widget.Columns;
import io.miglab.app.widget.FormFields;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.Spinners;
import io.miglab.app.widget.WheelToPage;
import io.miglab.core.sizing.Resources;
import io.miglab.core.sizing.jobs.VariantResult;
import io.miglab.core.units.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Experiment Jobs on the Pod sizing step: the manifest, the container, one variant per line, repeats and a timeout;
 * Run with a progress bar and Cancel; then each variant's durations drawn from fastest to slowest run with the
 * median marked, and the table with the ratio to the fastest and its interval.
 */
public final class JobExperimentsView {
    private final JobExperimentsViewModel model;
    private final VBox root;
    private final CategoryAxis variantAxis = new CategoryAxis();
    private final LineChart<Number, String> spread = new LineChart<>(new NumberAxis(), variantAxis);

    public JobExperimentsView(JobExperimentsViewModel model) {
        this.model = model;
        Label heading = new Label("Experiment Jobs on a cluster");
        heading.getStyleClass().add("section-heading");
        Label lead =
                new Label("Does more CPU, or GOMAXPROCS=3, make the migration faster? Each variant's Job runs on the"
                        + " cluster one at a time, to completion or failure (backoff, OOMKilled, deadline), with its pod's"
                        + " metrics recorded, then is deleted.");
        lead.getStyleClass().add("text-muted");
        lead.setWrapText(true);
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        summary.managedProperty().bind(summary.textProperty().isNotEmpty());
        root = new VBox(
                10,
                heading,
                lead,
                form(),
                PageJobBar.row(
                        model.runningProperty(),
                        model.progressProperty(),
                        model.messageProperty(),
                        model::cancel,
                        "Runs use the kubeconfig's context and namespace unless named here."),
                summary,
                chart(),
                table());
        model.results().addListener((ListChangeListener<VariantResult>) c -> redraw());
    }

    public Node root() {
        return root;
    }

    private Node form() {
        Button manifest = new Button("Job manifest\u2026");
        manifest.setOnAction(e -> model.chooseManifest());
        Label chosen = new Label();
        chosen.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.manifestProperty().get() == null
                                ? "none chosen"
                                : model.manifestProperty().get().getFileName().toString(),
                        model.manifestProperty()));
        chosen.getStyleClass().add("text-muted");
        TextField container = FormFields.text(model.containerProperty(), "container to vary", 140);
        TextField context = FormFields.text(model.contextProperty(), "current context", 130);
        TextField namespace = FormFields.text(model.namespaceProperty(), "manifest's namespace", 150);
        Spinner<Integer> repeats = Spinners.bound(1, 10, model.repeatsProperty());
        repeats.setPrefWidth(70);
        TextField timeout = FormFields.text(model.timeoutProperty(), "30m", 70);
        Button run = new Button("Run Jobs");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> model.run());
        run.disableProperty().bind(model.runningProperty());
        FlowPane row = new FlowPane(
                10,
                8,
                manifest,
                chosen,
                FormFields.label("Container"),
                container,
                FormFields.label("Repeats"),
                repeats,
                FormFields.label("Timeout per run"),
                timeout,
                FormFields.label("Context"),
                context,
                FormFields.label("Namespace"),
                namespace,
                run);
        row.setAlignment(Pos.CENTER_LEFT);
        for (Node n : row.getChildren()) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        TextArea variants = new TextArea();
        variants.textProperty().bindBidirectional(model.variantsProperty());
        variants.setPrefRowCount(3);
        variants.getStyleClass().add("mono");
        variants.setPromptText("as-is\nmore-cpu:cpu=2,limit-cpu=2\ngomaxprocs-3:env.GOMAXPROCS=3");
        Label hint = new Label("One variant per line: a bare label runs the manifest as it is; after ':' set cpu,"
                + " memory, limit-cpu, limit-memory, env.NAME=value or arg=value (repeatable), comma separated.");
        hint.getStyleClass().addAll("text-muted", "step-status");
        hint.setWrapText(true);
        return new VBox(6, row, variants, hint);
    }

    private Node chart() {
        spread.setAnimated(false);
        spread.setLegendVisible(false);
        spread.getXAxis().setLabel("seconds per run: fastest to slowest, median marked (shorter is faster)");
        spread.setPrefHeight(220);
        spread.getStyleClass().add("job-spread-chart");
        spread.visibleProperty().bind(Bindings.isNotEmpty(model.results()));
        spread.managedProperty().bind(spread.visibleProperty());
        return spread;
    }

    /** One series per variant along its own row: the runs from min to max, a symbol at each run and the median. */
    private void redraw() {
        List<VariantResult> rows = new ArrayList<>(model.results());
        // Category axes draw bottom-up: the slowest first puts the fastest on top.
        java.util.Collections.reverse(rows);
        List<XYChart.Series<Number, String>> all = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (VariantResult v : rows) {
            if (v.durations().isEmpty()) {
                continue;
            }
            String name = v.variant().label();
            categories.add(name);
            XYChart.Series<Number, String> s = new XYChart.Series<>();
            s.setName(name);
            v.durations().stream().map(d -> d.toMillis() / 1000.0).sorted().forEach(sec -> s.getData()
                    .add(new XYChart.Data<>(sec, name)));
            all.add(s);
        }
        variantAxis.getCategories().setAll(categories);
        spread.getData().setAll(all);
        for (int i = 0; i < rows.size(); i++) {
            VariantResult v = rows.get(i);
            if (v.median() == null) {
                continue;
            }
            double median = v.median().toMillis() / 1000.0;
            all.stream()
                    .filter(s -> s.getName().equals(v.variant().label()))
                    .flatMap(s -> s.getData().stream())
                    .filter(d -> Math.abs(d.getXValue().doubleValue() - median) < 1e-9)
                    .findFirst()
                    .ifPresent(d -> {
                        if (d.getNode() != null) {
                            d.getNode().getStyleClass().add("median-point");
                        }
                    });
        }
    }

    private Node table() {
        TableView<VariantResult> table = WheelToPage.install(new TableView<>(model.results()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Run the Jobs to compare the variants here, fastest first."));
        table.getColumns()
                .addAll(
                        Columns.number("#", VariantResult::rank, v -> Integer.toString(v.rank()), 36),
                        Columns.text("Variant", v -> v.variant().label(), 110),
                        Columns.text("Changes", v -> v.variant().describe(), 170),
                        Columns.text(
                                "OK", v -> v.durations().size() + "/" + v.runs().size(), 48),
                        Columns.text("Median", v -> v.median() == null ? "-" : Durations.format(v.median()), 86),
                        Columns.text(
                                "Min to max",
                                v -> v.min() == null
                                        ? "-"
                                        : Durations.format(v.min()) + " to " + Durations.format(v.max()),
                                160),
                        Columns.text("vs fastest [95 %]", VariantResult::ratioText, 140),
                        Columns.text(
                                "Peak memory",
                                v -> v.peakMemoryBytes() < 0 ? "-" : Resources.memoryQuantity(v.peakMemoryBytes()),
                                108),
                        Columns.text(
                                "CPU p95",
                                v -> Double.isNaN(v.cpuP95Millicores())
                                        ? "-"
                                        : String.format(Locale.ROOT, "%.0fm", v.cpuP95Millicores()),
                                80),
                        Columns.text(
                                "Failures",
                                v -> String.join(
                                        "; ",
                                        v.runs().stream()
                                                .filter(r -> !r.succeeded())
                                                .map(r -> r.failure().reason())
                                                .distinct()
                                                .toList()),
                                110));
        table.setPrefHeight(56 + 26.0 * 5);
        return table;
    }
}
