package io.miglab.app.plan;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.plan.ExplainRefusedException;
import io.miglab.core.plan.ExplainRequest;
import io.miglab.core.plan.Explained;
import io.miglab.core.plan.Explains;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.analysis.NodeMetrics;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.capture.ExplainOptions;
import io.miglab.core.plan.diff.PlanDiff;
import io.miglab.core.plan.diff.PlanDiffer;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.plan.render.PlanTextRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The EXPLAIN inspector: one plan at a time (captured on a target, opened from a file, pasted, or loaded from an
 * earlier experiment), its nodes with their metrics, the selected node's details, the findings, and optionally a
 * diff against a "before" plan. Everything that reaches a server, the ledger or a file goes through {@link Explains}
 * on the task runner; the database is the app's shared {@link DatabaseChoice}.
 */
public final class PlanInspectorViewModel {

    /** What the bars of the graphical plan show. */
    public enum Metric {
        EXCLUSIVE_TIME("Exclusive time"),
        INCLUSIVE_TIME("Inclusive time"),
        ROWS("Rows (actual)"),
        COST("Exclusive cost"),
        BUFFERS("Shared buffers");

        private final String label;

        Metric(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One name/value line of the node detail pane. */
    public record Detail(String name, String value) {}

    /** An explain experiment to open or compare with. */
    public record Capture(long id, String title, String database) {
        @Override
        public String toString() {
            return "#" + id + " " + title + (database == null ? "" : " (" + database + ")");
        }
    }

    /**
     * Where the server refused the statement in the query box.
     *
     * @param offset the 0-based character offset in the statement as typed, or -1 when the server named none
     * @param message the server's message
     */
    public record QueryError(int offset, String message) {}

    private final Explains explains;
    private final DatabaseChoice database;
    private final TaskRunner runner;
    private final DialogService dialogs;

    private final ReadOnlyObjectWrapper<Explained> inspected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final ObservableList<NodeRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<NodeRow> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Detail> details = FXCollections.observableArrayList();
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(Metric.EXCLUSIVE_TIME);
    private final ReadOnlyObjectWrapper<PlanLayout> layout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper rawPlan = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper query = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary =
            new ReadOnlyStringWrapper("No plan yet: capture one, or open a saved plan.");
    private final ReadOnlyObjectWrapper<PlanDiff> diff = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper("");
    private final ObservableList<Capture> captures = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<QueryError> queryError = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper capturing = new ReadOnlyBooleanWrapper();
    private TaskRunner.TaskHandle running;

    /** The largest value of the selected metric, cached: the graph asks once per node. */
    private double max;

    private Metric maxFor;
    private int maxRows = -1;

    public PlanInspectorViewModel(
            Explains explains, DatabaseChoice database, TaskRunner runner, DialogService dialogs) {
        this.explains = explains;
        this.database = database;
        this.runner = runner;
        this.dialogs = dialogs;
        metric.addListener((obs, old, now) -> {
            if (now == null) {
                metric.set(Metric.EXCLUSIVE_TIME);
            }
        });
    }

    // ---- state ---------------------------------------------------------------------------------------------------

    /** The plan on screen with everything derived from it, or null before the first. */
    public ReadOnlyObjectProperty<Explained> inspectedProperty() {
        return inspected.getReadOnlyProperty();
    }

    /**
     * Counts the plans shown: it moves on every plan, even one equal in shape to the last (a capture after an index
     * can lay out exactly like the one before it), so the graph redraws with the new numbers.
     */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The database captures run in, shared with every other page. */
    public DatabaseChoice database() {
        return database;
    }

    /** Where the server refused the last statement captured, or null. */
    public ReadOnlyObjectProperty<QueryError> queryErrorProperty() {
        return queryError.getReadOnlyProperty();
    }

    /** Whether a capture is running. */
    public ReadOnlyBooleanProperty capturingProperty() {
        return capturing.getReadOnlyProperty();
    }

    /** Every node in pre-order (the tree-table builds its tree from {@link NodeRow#parentId()}). */
    public ObservableList<NodeRow> rows() {
        return rows;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyObjectProperty<NodeRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected node's figures, then PostgreSQL's raw fields. */
    public ObservableList<Detail> details() {
        return details;
    }

    public ObjectProperty<Metric> metricProperty() {
        return metric;
    }

    public ReadOnlyObjectProperty<PlanLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    /** The plan as it came: a pasted or opened plan exactly as given, a capture as the server's JSON. */
    public ReadOnlyStringProperty rawPlanProperty() {
        return rawPlan.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queryProperty() {
        return query.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlanDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    /** Earlier explain experiments, newest first, for "open" and "compare with". */
    public ObservableList<Capture> captures() {
        return captures;
    }

    // ---- derived values for the view -----------------------------------------------------------------------------

    public Optional<NodeRow> row(int nodeId) {
        // Ids are the pre-order positions, so the row of id n is at index n - 1.
        if (nodeId >= 1 && nodeId <= rows.size() && rows.get(nodeId - 1).id() == nodeId) {
            return Optional.of(rows.get(nodeId - 1));
        }
        return rows.stream().filter(r -> r.id() == nodeId).findFirst();
    }

    /** The selected metric's value for a row, or 0 when the plan lacks it. */
    public double value(NodeRow row) {
        Double v =
                switch (metric.get()) {
                    case EXCLUSIVE_TIME -> row.exclusiveTime();
                    case INCLUSIVE_TIME -> row.inclusiveTime();
                    case ROWS -> row.actualRows() == null ? null : row.actualRows() * Math.max(1, row.loops());
                    case COST -> row.exclusiveCost();
                    case BUFFERS -> row.sharedBlocks();
                };
        return v == null || !Double.isFinite(v) ? 0 : v;
    }

    /** The bar length in [0, 1]: the row's value over the largest value in the plan. */
    public double barFraction(NodeRow row) {
        if (maxFor != metric.get() || maxRows != rows.size()) {
            max = rows.stream().mapToDouble(this::value).max().orElse(0);
            maxFor = metric.get();
            maxRows = rows.size();
        }
        return max <= 0 ? 0 : Math.min(1, value(row) / max);
    }

    /** The value as the bar's caption: "12.345 ms", "1,200 rows", "42.10", "3,400 blocks". */
    public String valueText(NodeRow row) {
        double v = value(row);
        return switch (metric.get()) {
            case EXCLUSIVE_TIME, INCLUSIVE_TIME -> row.inclusiveTime() == null
                    ? "no timing"
                    : String.format(Locale.ROOT, "%.3f ms", v);
            case ROWS -> row.actualRows() == null ? "not executed" : String.format(Locale.ROOT, "%,.0f rows", v);
            case COST -> String.format(Locale.ROOT, "%,.2f", v);
            case BUFFERS -> String.format(Locale.ROOT, "%,.0f blocks", v);
        };
    }

    // ---- commands ------------------------------------------------------------------------------------------------

    /** Shows a pasted or loaded plan (JSON or TEXT, psql output accepted); a broken one is reported with its line. */
    public void openText(String text, String source) {
        if (text == null || text.isBlank()) {
            dialogs.showError(
                    "Open plan", "There is no plan to show: copy the EXPLAIN output first, then press Paste plan.");
            return;
        }
        runner.submit(
                "Reading plan",
                (progress, cancel) -> new Shown(explains.analyse(text, source), text),
                this::show,
                error -> dialogs.showError("Open plan", Errors.userMessage(error)));
    }

    public void openFile(Path file) {
        runner.submit(
                "Reading " + file.getFileName(),
                (progress, cancel) -> {
                    String text = TextFiles.read(file, PlanParser.MAX_FILE_BYTES, "the plan file");
                    return new Shown(explains.analyse(text, file.toString()), text);
                },
                this::show,
                error -> dialogs.showError("Open plan", Errors.userMessage(error)));
    }

    /**
     * Captures a plan on a target, in the chosen database, and records it as an explain experiment. With ANALYZE the
     * statement runs; if it writes, inside BEGIN ... ROLLBACK (the notice says so). A statement the server refuses
     * leaves {@link #queryErrorProperty()} pointing at the spot.
     */
    public void capture(String targetName, String sql, boolean analyze, boolean buffers, Duration timeout) {
        ExplainRequest request;
        try {
            ExplainOptions options = ExplainOptions.estimate()
                    .withAnalyze(analyze)
                    .withBuffers(buffers)
                    .withWal(analyze)
                    .withTimeout(timeout);
            request = new ExplainRequest(targetName, database.selected(), sql, options, null);
        } catch (MigLabException e) {
            dialogs.showError("EXPLAIN", e.userMessage());
            return;
        }
        if (capturing.get()) {
            return;
        }
        queryError.set(null);
        capturing.set(true);
        String where = request.target() + (request.database() == null ? "" : "/" + request.database());
        running = runner.submit(
                "EXPLAIN on " + where,
                (progress, cancel) -> explains.capture(request, cancel),
                captured -> {
                    capturing.set(false);
                    show(new Shown(captured, null));
                    dialogs.notify("Plan recorded as experiment " + captured.experimentId() + "."
                            + (captured.notes().isEmpty() ? "" : " " + String.join(" ", captured.notes())));
                    refreshCaptures();
                },
                error -> {
                    capturing.set(false);
                    if (error instanceof ExplainRefusedException refused) {
                        // Shown under the query box, at the spot: no dialog to click away.
                        queryError.set(new QueryError(refused.offset(), refused.serverMessage()));
                    } else if (!(error instanceof io.miglab.core.CancelledException)) {
                        dialogs.showError("EXPLAIN", Errors.userMessage(error));
                    }
                });
    }

    /** Cancels the running capture, if there is one: the server stops the statement. */
    public void cancelCapture() {
        TaskRunner.TaskHandle handle = running;
        if (handle != null && !handle.isDone()) {
            handle.cancel();
        }
    }

    /** The statement was edited: the error marked in it no longer applies. */
    public void queryEdited() {
        queryError.set(null);
    }

    /** Opens the plan of an earlier explain experiment. */
    public void openExperiment(long experimentId) {
        runner.submit(
                "Opening experiment " + experimentId,
                (progress, cancel) -> new Shown(explains.open(experimentId), null),
                this::show,
                error -> dialogs.showError("Open experiment", Errors.userMessage(error)));
    }

    /** Diffs the plan on screen (after) against an earlier explain experiment (before). */
    public void compareWithExperiment(long beforeExperimentId) {
        Explained after = inspected.get();
        if (after == null) {
            dialogs.showError("Compare plans", "Open or capture the \"after\" plan first.");
            return;
        }
        runner.submit(
                "Comparing with experiment " + beforeExperimentId,
                (progress, cancel) -> explains.open(beforeExperimentId),
                before -> showDiff(before, after),
                error -> dialogs.showError("Compare plans", Errors.userMessage(error)));
    }

    /** Diffs the plan on screen (after) against a pasted or loaded "before" plan. */
    public void compareWithText(String beforeText, String source) {
        Explained after = inspected.get();
        if (after == null) {
            dialogs.showError("Compare plans", "Open or capture the \"after\" plan first.");
            return;
        }
        runner.submit(
                "Comparing plans",
                (progress, cancel) -> explains.analyse(beforeText, source),
                before -> showDiff(before, after),
                error -> dialogs.showError("Compare plans", Errors.userMessage(error)));
    }

    public void clearDiff() {
        diff.set(null);
        diffSummary.set("");
    }

    /** Lists the explain experiments in the ledger. */
    public void refreshCaptures() {
        runner.submit(
                "Loading plans",
                (progress, cancel) -> explains.captures(null, 200).stream()
                        .map(c -> new Capture(c.experimentId(), c.title(), c.database()))
                        .toList(),
                captures::setAll,
                error -> dialogs.showError("Plans", Errors.userMessage(error)));
    }

    public void select(int nodeId) {
        NodeRow row = row(nodeId).orElse(null);
        selected.set(row);
        List<Detail> all = new ArrayList<>();
        if (row != null) {
            all.addAll(details(row));
            all.addAll(rawFields());
        }
        details.setAll(all);
    }

    /** Selects the node a finding is about. */
    public void selectFinding(Finding finding) {
        if (finding != null && finding.planNodeId() > 0) {
            select(finding.planNodeId());
        }
    }

    private static final List<DialogService.FileType> PLAN_FILES =
            List.of(DialogService.FileType.of("Plans (*.json, *.txt)", "*.json", "*.txt"), DialogService.FileType.ALL);

    /** Open plan…: asks for a saved plan and shows it. */
    public void chooseAndOpenFile() {
        dialogs.openFile("Open plan", PLAN_FILES).ifPresent(this::openFile);
    }

    /** Export › Plan JSON…: asks where, then writes the plan as EXPLAIN JSON. */
    public void chooseAndExportPlanJson() {
        if (inspected.get() == null) {
            dialogs.showError("Export", "There is no plan to export.");
            return;
        }
        dialogs.saveFile("Export plan JSON", "plan.json", List.of(DialogService.FileType.of("JSON", "*.json")))
                .ifPresent(this::exportPlanJson);
    }

    /** Export › Text with findings…: asks where, then writes the plan, its figures and findings as text. */
    public void chooseAndExportText() {
        if (inspected.get() == null) {
            dialogs.showError("Export", "There is no plan to export.");
            return;
        }
        dialogs.saveFile("Export plan as text", "plan.txt", List.of(DialogService.FileType.of("Text", "*.txt")))
                .ifPresent(this::exportText);
    }

    /**
     * Export › Graph as PNG…: asks where, then takes the picture ({@code snapshot} runs on the UI thread, as a
     * snapshot must) and encodes and writes it in the background.
     */
    public void chooseAndExportImage(java.util.function.Supplier<java.awt.image.RenderedImage> snapshot) {
        if (inspected.get() == null) {
            dialogs.showError("Export", "There is no plan to export.");
            return;
        }
        dialogs.saveFile("Export graph", "plan.png", List.of(DialogService.FileType.of("PNG image", "*.png")))
                .ifPresent(file -> exportImage(snapshot.get(), file));
    }

    /** Writes the plan as EXPLAIN JSON (re-openable here and on explain.dalibo.com). */
    public void exportPlanJson(Path file) {
        export(file, i -> prettyJson(i.plan()));
    }

    /** Writes the plan, its analysis and findings as text. */
    public void exportText(Path file) {
        export(file, i -> PlanTextRenderer.render(i.plan(), i.analysis(), i.findings()));
    }

    /**
     * Writes the graphical plan as PNG. The view takes the snapshot (that needs the FX thread); encoding and
     * writing happen in the background like every other export.
     */
    public void exportImage(java.awt.image.RenderedImage image, Path file) {
        runner.submit(
                "Exporting " + file.getFileName(),
                (progress, cancel) -> {
                    if (!javax.imageio.ImageIO.write(image, "png", file.toFile())) {
                        throw new MigLabException("No PNG writer is available in this Java runtime.");
                    }
                    return file;
                },
                written -> dialogs.notify("Saved " + written.getFileName() + "."),
                error -> dialogs.showError("Export", Errors.userMessage(error)));
    }

    private static String prettyJson(Plan plan) {
        try {
            return io.miglab.core.Json.mapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(plan.toExplainJson())
                    + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return plan.toExplainJson().toString();
        }
    }

    private void export(Path file, java.util.function.Function<Explained, String> render) {
        Explained now = inspected.get();
        if (now == null) {
            dialogs.showError("Export", "There is no plan to export.");
            return;
        }
        runner.submit(
                "Exporting " + file.getFileName(),
                (progress, cancel) -> {
                    Files.writeString(file, render.apply(now), StandardCharsets.UTF_8);
                    return file;
                },
                written -> dialogs.notify("Saved " + written.getFileName() + "."),
                error -> dialogs.showError("Export", Errors.userMessage(error)));
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    /** A plan to show, and its text exactly as given when it was pasted or opened (null for a capture). */
    private record Shown(Explained explained, String text) {}

    private void show(Shown shown) {
        Explained i = shown.explained();
        Map<Integer, Severity> worst = new java.util.HashMap<>();
        for (Finding f : i.findings()) {
            worst.merge(f.planNodeId(), f.severity(), Severity::mostSevere);
        }
        List<NodeRow> out = new ArrayList<>();
        flatten(i.plan().root(), 0, 0, i.analysis(), worst, out);
        clearDiff();
        inspected.set(i);
        maxRows = -1;
        rows.setAll(out);
        findings.setAll(i.findings());
        layout.set(PlanLayout.of(i.plan().root(), id -> PlanLayout.BOX_HEIGHT + CARD_LINE * extraLines(out, id)));
        rawPlan.set(shown.text() != null ? shown.text() : prettyJson(i.plan()));
        query.set(i.sql());
        summary.set(summaryOf(i));
        select(i.findings().stream()
                .filter(f -> f.planNodeId() > 0)
                .min(Finding.ORDER)
                .map(Finding::planNodeId)
                .orElse(1));
        revision.set(revision.get() + 1);
    }

    /** The height one more line of 11 px text takes on a graph card. */
    private static final double CARD_LINE = 17;

    private static int extraLines(List<NodeRow> rows, int id) {
        return id >= 1 && id <= rows.size() ? rows.get(id - 1).extraCardLines() : 0;
    }

    private void showDiff(Explained before, Explained after) {
        PlanDiff d = PlanDiffer.diff(before.plan(), before.analysis(), after.plan(), after.analysis());
        diff.set(d);
        String speed = d.speedRatio() == null
                ? String.format(Locale.ROOT, "cost %.2f -> %.2f", d.totalCostBefore(), d.totalCostAfter())
                : String.format(
                        Locale.ROOT,
                        "%.3f ms -> %.3f ms (%s)",
                        d.rootTimeBefore(),
                        d.rootTimeAfter(),
                        d.speedRatio() < 1
                                ? String.format(Locale.ROOT, "%.1fx faster", 1 / d.speedRatio())
                                : String.format(Locale.ROOT, "%.1fx slower", d.speedRatio()));
        diffSummary.set("Before: " + before.source() + ". After: " + after.source() + ". " + speed + ", "
                + d.changes().size() + " structural change" + (d.changes().size() == 1 ? "" : "s") + ".");
    }

    private static void flatten(
            PlanNode node, int parentId, int depth, PlanAnalysis a, Map<Integer, Severity> worst, List<NodeRow> out) {
        NodeMetrics m = a.metrics(node.id());
        out.add(NodeRow.of(node, parentId, depth, m, worst.get(node.id())));
        for (PlanNode child : node.children()) {
            flatten(child, node.id(), depth + 1, a, worst, out);
        }
    }

    private static String summaryOf(Explained i) {
        PlanAnalysis a = i.analysis();
        StringBuilder sb = new StringBuilder();
        if (a.executionTime() != null) {
            sb.append(String.format(Locale.ROOT, "Execution %.3f ms", a.executionTime()));
        } else {
            sb.append(String.format(Locale.ROOT, "Estimated cost %.2f (not executed)", a.totalCost()));
        }
        if (a.planningTime() != null) {
            sb.append(String.format(Locale.ROOT, " · planning %.3f ms", a.planningTime()));
        }
        sb.append(" · ").append(i.plan().nodes().size()).append(" nodes · ");
        sb.append(i.findings().size()).append(i.findings().size() == 1 ? " finding" : " findings");
        sb.append(" · ").append(i.source());
        return sb.toString();
    }

    private static List<Detail> details(NodeRow row) {
        List<Detail> out = new ArrayList<>();
        out.add(new Detail("Node", "#" + row.id() + " " + row.label()));
        if (row.subplan() != null) {
            out.add(new Detail("Subplan", row.subplan()));
        }
        out.add(new Detail("Exclusive time", ms(row.exclusiveTime())));
        out.add(new Detail("Inclusive time", ms(row.inclusiveTime())));
        out.add(new Detail(
                "Share of time",
                row.timeShare() == null ? "" : String.format(Locale.ROOT, "%.1f %%", row.timeShare() * 100)));
        out.add(new Detail("Actual rows", num(row.actualRows())));
        out.add(new Detail("Planned rows", num(row.planRows())));
        if (row.rowsRemovedByFilter() != null) {
            out.add(new Detail("Removed by filter", num(row.rowsRemovedByFilter())));
        }
        out.add(new Detail("Loops", row.loops() < 0 ? "" : Long.toString(row.loops())));
        out.add(new Detail(
                "Estimate",
                row.estimateFactor() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "%.1fx %s",
                                row.estimateFactor(),
                                row.direction().name().toLowerCase(Locale.ROOT))));
        out.add(new Detail("Exclusive cost", String.format(Locale.ROOT, "%,.2f", row.exclusiveCost())));
        out.add(new Detail("Total cost", String.format(Locale.ROOT, "%,.2f", row.totalCost())));
        out.add(new Detail("Shared blocks", String.format(Locale.ROOT, "%,.0f", row.sharedBlocks())));
        return out;
    }

    /** The raw PostgreSQL fields of the selected node, for the detail pane's second half. */
    private List<Detail> rawFields() {
        Explained i = inspected.get();
        NodeRow row = selected.get();
        if (i == null || row == null) {
            return List.of();
        }
        List<Detail> out = new ArrayList<>();
        i.plan().node(row.id()).ifPresent(n -> n.properties()
                .properties()
                .forEach(e -> out.add(new Detail(
                        e.getKey(),
                        e.getValue().isTextual()
                                ? e.getValue().asText()
                                : e.getValue().toString()))));
        return out;
    }

    private static String ms(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.3f ms", v);
    }

    private static String num(Double v) {
        if (v == null) {
            return "-";
        }
        return v == Math.rint(v)
                ? String.format(Locale.ROOT, "%,d", v.longValue())
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
