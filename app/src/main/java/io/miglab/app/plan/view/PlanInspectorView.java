package io.miglab.app.plan.view;

import io.miglab.app.plan.NodeRow;
import io.miglab.app.plan.PlanInspectorViewModel;
import io.miglab.app.plan.PlanInspectorViewModel.Capture;
import io.miglab.app.plan.PlanInspectorViewModel.Detail;
import io.miglab.app.plan.PlanInspectorViewModel.Metric;
import io.miglab.app.plan.PlanLayout;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.plan.diff.NodeMatch;
import io.miglab.core.plan.diff.StructuralChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javax.imageio.ImageIO;

/**
 * The EXPLAIN inspector screen: a capture bar (query, ANALYZE, BUFFERS), the graphical plan with node boxes and
 * metric bars, the tree-table, the raw plan and the query, the diff against a "before" plan; on the right the
 * selected node's details and the findings, each linked to its node. The view only binds and forwards events.
 */
public final class PlanInspectorView implements PageActions {
    private final PlanInspectorViewModel vm;
    private final Supplier<String> currentTarget;
    private final VBox root = new VBox();
    private final Pane graph = new Pane();
    private final Map<Integer, VBox> boxes = new HashMap<>();
    private final TreeTableView<NodeRow> tree = new TreeTableView<>();
    private final TabPane tabs = new TabPane();
    private final Tab diffTab = new Tab("Diff");
    private ScrollPane graphScroll;
    private final SqlEditor sql = new SqlEditor();
    private final Button run = new Button("Explain");

    public PlanInspectorView(PlanInspectorViewModel vm, Supplier<String> currentTarget) {
        this.vm = vm;
        this.currentTarget = currentTarget;
        root.getStyleClass().add("plan-inspector");
        root.getStylesheets()
                .add(Objects.requireNonNull(PlanInspectorView.class.getResource("/io/miglab/app/plan/plan.css"))
                        .toExternalForm());
        root.setSpacing(8);
        root.setPadding(new Insets(8, 0, 0, 0));
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("plan-summary");
        SplitPane main = new SplitPane(centre(), side());
        main.setDividerPositions(0.7);
        // The side pane takes about a quarter of the page, 260 to 380 px; the graph gets the rest.
        main.widthProperty().addListener((obs, old, now) -> {
            double width = now.doubleValue();
            if (width > 0) {
                double side = Math.max(260, Math.min(380, width * 0.28));
                main.setDividerPositions(Math.max(0.3, 1 - side / width));
            }
        });
        VBox.setVgrow(main, Priority.ALWAYS);
        main.setPrefHeight(620);
        root.getChildren().addAll(captureBar(), toolBar(), summary, main);
        // Every plan shown moves the revision, also one laid out exactly like the last (the layout is a value,
        // and an equal value fires no change): the cards must carry the new plan's numbers.
        vm.revisionProperty().addListener((obs, old, now) -> redrawGraph());
        vm.metricProperty().addListener((obs, old, now) -> redrawGraph());
        vm.selectedProperty().addListener((obs, old, now) -> highlight());
        vm.rows().addListener((javafx.collections.ListChangeListener<NodeRow>) c -> rebuildTree());
        vm.diffProperty().addListener((obs, old, now) -> {
            if (now != null) {
                tabs.getSelectionModel().select(diffTab);
            }
        });
        vm.refreshCaptures();
    }

    public Parent root() {
        return root;
    }

    /** The graphical plan as drawn, for the PNG export and for tests. */
    public Node graph() {
        return graph;
    }

    // ---- top bars ------------------------------------------------------------------------------------------------

    /** Puts {@code text} in the query box, as if typed. */
    public void setQuery(String text) {
        sql.setText(text);
    }

    /** The query box, for tests. */
    public SqlEditor editor() {
        return sql;
    }

    /** Ctrl+Enter: explain the statement in the query box, as the Explain button does. */
    @Override
    public void runPrimaryAction() {
        if (!run.isDisabled()) {
            run.fire();
        }
    }

    /** Esc: cancel the running capture; the server stops the statement. */
    @Override
    public void cancelRunningJob() {
        vm.cancelCapture();
    }

    @Override
    public void focusFirst() {
        sql.area().requestFocus();
    }

    private Node captureBar() {
        HBox.setHgrow(sql, Priority.ALWAYS);
        sql.setMinWidth(260);
        vm.queryProperty().addListener((obs, old, now) -> {
            if (now != null && !now.isBlank() && !now.equals(sql.getText())) {
                sql.setText(now);
            }
        });
        sql.area().textProperty().addListener((obs, old, now) -> vm.queryEdited());
        vm.queryErrorProperty().addListener((obs, old, now) -> {
            if (now == null) {
                sql.clearError();
            } else {
                sql.showError(now.offset(), now.message());
            }
        });
        // Ctrl+Enter inside the box explains instead of breaking the line.
        sql.area().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                runPrimaryAction();
            }
        });
        CheckBox analyze = new CheckBox("ANALYZE");
        analyze.setSelected(true);
        analyze.setTooltip(new Tooltip("Run the query for actual rows and times. A statement that writes runs"
                + " inside BEGIN ... ROLLBACK."));
        CheckBox buffers = new CheckBox("BUFFERS");
        buffers.setSelected(true);
        ComboBox<String> timeout = new ComboBox<>();
        timeout.getItems().addAll("30s", "5m", "30m");
        timeout.getSelectionModel().select("5m");
        timeout.setTooltip(new Tooltip("statement_timeout for the capture"));
        run.setId("explain-run");
        run.getStyleClass().add("accent");
        run.setTooltip(new Tooltip("Explain the query in the chosen database (Ctrl+Enter)"));
        run.disableProperty().bind(vm.capturingProperty());
        run.setMinWidth(Region.USE_PREF_SIZE);
        run.setOnAction(e -> vm.capture(
                currentTarget.get(),
                sql.getText(),
                analyze.isSelected(),
                buffers.isSelected(),
                parse(timeout.getValue())));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> vm.cancelCapture());
        cancel.visibleProperty().bind(vm.capturingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        HBox checks = new HBox(10, analyze, buffers);
        checks.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(8, timeout, run, cancel);
        actions.setAlignment(Pos.CENTER_LEFT);
        DatabasePicker picker = new DatabasePicker(vm.database());
        VBox options = new VBox(6, picker, checks, actions);
        options.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, sql, options);
        bar.getStyleClass().add("plan-capture-bar");
        return bar;
    }

    private Node toolBar() {
        Button open = new Button("Open plan…");
        open.setOnAction(e -> vm.chooseAndOpenFile());
        Button paste = new Button("Paste plan");
        paste.setTooltip(new Tooltip("Show the plan on the clipboard: EXPLAIN output, JSON or TEXT (psql output is"
                + " fine), kept exactly as copied in the Raw plan tab."));
        paste.setOnAction(e -> vm.openText(Clipboard.getSystemClipboard().getString(), "pasted plan"));
        ComboBox<Capture> captures = new ComboBox<>(vm.captures());
        captures.setPromptText("Earlier captures");
        captures.setPrefWidth(300);
        captures.setMinWidth(180);
        Button openCapture = new Button("Open");
        openCapture.setOnAction(e -> {
            if (captures.getValue() != null) {
                vm.openExperiment(captures.getValue().id());
            }
        });
        Button compare = new Button("Compare as before");
        compare.setTooltip(new Tooltip("Diff the plan on screen (after) against the chosen capture (before)."));
        compare.setOnAction(e -> {
            if (captures.getValue() != null) {
                vm.compareWithExperiment(captures.getValue().id());
            }
        });
        ChoiceBox<Metric> metric = new ChoiceBox<>();
        metric.getItems().setAll(Metric.values());
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        Label bars = new Label("Bars:");
        MenuButton export = new MenuButton("Export");
        MenuItem png = new MenuItem("Graph as PNG…");
        png.setOnAction(e -> vm.chooseAndExportImage(() -> SwingFXUtils.fromFXImage(graph.snapshot(null, null), null)));
        MenuItem json = new MenuItem("Plan JSON…");
        json.setOnAction(e -> vm.chooseAndExportPlanJson());
        MenuItem text = new MenuItem("Text with findings…");
        text.setOnAction(e -> vm.chooseAndExportText());
        export.getItems().addAll(png, json, text);
        // Three groups that wrap onto a second row when the page is narrow, never cut.
        HBox files = group(open, paste);
        HBox earlier = group(captures, openCapture, compare);
        HBox view = group(bars, metric, export);
        FlowPane bar = new FlowPane(16, 6, files, earlier, view);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("plan-toolbar");
        return bar;
    }

    private static HBox group(Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        for (Node n : nodes) {
            if (n instanceof Region r && !(n instanceof ComboBox)) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        return box;
    }

    // ---- centre: graph, tree, raw, query, diff --------------------------------------------------------------------

    private Node centre() {
        graphScroll = new ScrollPane(graph);
        graphScroll.getStyleClass().add("plan-graph-scroll");
        graph.getStyleClass().add("plan-graph");
        Tab graphTab = new Tab("Graph", graphScroll);
        Tab treeTab = new Tab("Tree", treeTable());
        TextArea raw = new TextArea();
        raw.setEditable(false);
        raw.textProperty().bind(vm.rawPlanProperty());
        raw.getStyleClass().addAll("monospace", "plan-raw");
        // The statement the plan belongs to, coloured like the query box, read only.
        SqlEditor query = new SqlEditor(
                "No query: a plan pasted or opened from a file comes without one (auto_explain output carries it).");
        query.area().setEditable(false);
        query.getStyleClass().add("plan-query");
        vm.queryProperty().addListener((obs, old, now) -> query.setText(now));
        diffTab.setContent(diffPane());
        tabs.getTabs().addAll(graphTab, treeTab, new Tab("Raw plan", raw), new Tab("Query", query), diffTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private Node treeTable() {
        tree.setShowRoot(true);
        tree.getColumns()
                .add(treeColumn(
                        "Node",
                        240,
                        r -> "#" + r.id() + " " + (r.subplan() != null ? "[" + r.subplan() + "] " : "") + r.type()));
        tree.getColumns().get(0).setMinWidth(180);
        tree.getColumns().add(treeColumn("Reads", 260, NodeRow::object));
        tree.getColumns().add(treeColumn("Excl. ms", 80, r -> ms(r.exclusiveTime())));
        tree.getColumns().add(treeColumn("Incl. ms", 80, r -> ms(r.inclusiveTime())));
        tree.getColumns()
                .add(treeColumn(
                        "Share",
                        60,
                        r -> r.timeShare() == null ? "" : String.format(Locale.ROOT, "%.1f%%", r.timeShare() * 100)));
        tree.getColumns().add(treeColumn("Rows", 80, r -> count(r.actualRows())));
        tree.getColumns().add(treeColumn("Planned", 80, r -> count(r.planRows())));
        tree.getColumns().add(treeColumn("Loops", 60, r -> r.loops() < 0 ? "" : Long.toString(r.loops())));
        tree.getColumns()
                .add(treeColumn(
                        "Estimate",
                        80,
                        r -> r.estimateFactor() == null
                                ? ""
                                : String.format(Locale.ROOT, "%s %.0fx", arrow(r), r.estimateFactor())));
        tree.getColumns().add(treeColumn("Buffers", 80, r -> String.format(Locale.ROOT, "%,.0f", r.sharedBlocks())));
        tree.getColumns()
                .add(treeColumn(
                        "Removed by filter",
                        120,
                        r -> r.rowsRemovedByFilter() == null ? "" : count(r.rowsRemovedByFilter())));
        tree.getColumns().add(treeColumn("Index", 160, r -> r.indexName() == null ? "" : r.indexName()));
        tree.getColumns().add(treeColumn("Condition", 320, NodeRow::conditionText));
        tree.getColumns().add(treeColumn("Cost", 90, r -> String.format(Locale.ROOT, "%,.2f", r.exclusiveCost())));
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null
                    && item.getValue() != null
                    && (vm.selectedProperty().get() == null
                            || vm.selectedProperty().get().id()
                                    != item.getValue().id())) {
                vm.select(item.getValue().id());
            }
        });
        return tree;
    }

    private static TreeTableColumn<NodeRow, String> treeColumn(
            String title, double width, Function<NodeRow, String> f) {
        TreeTableColumn<NodeRow, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 60));
        c.setCellFactory(col -> new javafx.scene.control.TreeTableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.length() < 30 ? null : new Tooltip(text));
            }
        });
        c.setCellValueFactory(p -> new ReadOnlyStringWrapper(
                p.getValue().getValue() == null ? "" : f.apply(p.getValue().getValue())));
        return c;
    }

    private Node diffPane() {
        Label summary = new Label();
        summary.textProperty().bind(vm.diffSummaryProperty());
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.getStyleClass().add("plan-diff-summary");
        ListView<StructuralChange> changes = new ListView<>();
        changes.setPrefHeight(150);
        changes.setCellFactory(list -> new ListCell<>() {
            {
                setPrefWidth(0); // wrap to the list's width instead of scrolling sideways
            }

            @Override
            protected void updateItem(StructuralChange c, boolean empty) {
                super.updateItem(c, empty);
                setText(null);
                if (empty || c == null) {
                    setGraphic(null);
                    return;
                }
                Label text = new Label(label(c.kind()) + "  " + c.description());
                text.setWrapText(true);
                text.setMinHeight(Region.USE_PREF_SIZE);
                text.maxWidthProperty().bind(list.widthProperty().subtract(28));
                setGraphic(text);
            }
        });
        TableView<NodeMatch> matches = new TableView<>();
        matches.setPlaceholder(new Label("Pick two captures of the same statement to see node by node what changed."));
        matches.getColumns().add(column("Before", 240, m -> "#" + m.beforeId() + " " + m.beforeLabel()));
        matches.getColumns().add(column("After", 240, m -> "#" + m.afterId() + " " + m.afterLabel()));
        // Figures keep their headers whole: the columns never shrink below them.
        matches.getColumns().add(fixed(column("ms before", 100, m -> ms(m.inclusiveTimeBefore()))));
        matches.getColumns().add(fixed(column("ms after", 100, m -> ms(m.inclusiveTimeAfter()))));
        matches.getColumns().add(fixed(column("Δ ms", 90, m -> signed(m.inclusiveTimeDelta(), "%+.3f"))));
        matches.getColumns().add(fixed(column("Rows before", 110, m -> count(m.rowsBefore()))));
        matches.getColumns().add(fixed(column("Rows after", 100, m -> count(m.rowsAfter()))));
        matches.getColumns().add(fixed(column("Δ rows", 90, m -> signed(m.rowsDelta(), "%+,.0f"))));
        matches.getColumns().get(0).setMinWidth(140);
        matches.getColumns().get(1).setMinWidth(140);
        VBox.setVgrow(matches, Priority.ALWAYS);
        vm.diffProperty().addListener((obs, old, d) -> {
            changes.getItems().setAll(d == null ? java.util.List.of() : d.changes());
            matches.getItems().setAll(d == null ? java.util.List.of() : d.matches());
        });
        Label empty = new Label("Pick an earlier capture above and press \"Compare as before\" to diff it against"
                + " the plan on screen.");
        empty.getStyleClass().add("text-muted");
        empty.visibleProperty().bind(vm.diffProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        VBox box = new VBox(
                8, empty, summary, new Label("Structural changes"), changes, new Label("Matched nodes"), matches);
        box.setPadding(new Insets(8));
        return box;
    }

    private static String label(StructuralChange.Kind kind) {
        return switch (kind) {
            case NODE_TYPE_CHANGED -> "[node type]";
            case JOIN_ORDER_CHANGED -> "[join order]";
            case INDEX_NOW_USED -> "[index used]";
            case INDEX_NO_LONGER_USED -> "[index dropped]";
            case NODE_ADDED -> "[added]";
            case NODE_REMOVED -> "[removed]";
        };
    }

    // ---- side: node detail and findings -------------------------------------------------------------------------

    private Node side() {
        Label nodeHeading = new Label("Node");
        nodeHeading.getStyleClass().add("title-4");
        TableView<Detail> detail = new TableView<>(vm.details());
        Label noNode = new Label("Click a node in the graph or the tree to see its figures here.");
        noNode.setWrapText(true);
        detail.setPlaceholder(noNode);
        detail.getColumns().add(column("Field", 150, Detail::name));
        detail.getColumns().get(0).setMinWidth(120);
        detail.getColumns().add(column("Value", 220, Detail::value));
        detail.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(detail, Priority.ALWAYS);
        Label findingsHeading = new Label("Findings");
        findingsHeading.getStyleClass().add("title-4");
        ListView<Finding> findings = new ListView<>(vm.findings());
        findings.getStyleClass().add("plan-findings");
        findings.setCellFactory(list -> new FindingCell());
        findings.getSelectionModel().selectedItemProperty().addListener((obs, old, f) -> vm.selectFinding(f));
        VBox.setVgrow(findings, Priority.ALWAYS);
        detail.setMinWidth(0);
        findings.setMinWidth(0);
        VBox side = new VBox(6, nodeHeading, detail, findingsHeading, findings);
        side.setPadding(new Insets(0, 0, 0, 8));
        side.setMinWidth(240);
        return side;
    }

    private static final class FindingCell extends ListCell<Finding> {
        FindingCell() {
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            getStyleClass().removeIf(c -> c.startsWith("severity-"));
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(f.severity() + "  #" + f.planNodeId() + "  " + f.title());
            title.setWrapText(true);
            title.getStyleClass().add("finding-title");
            Label meaning = new Label(f.evidence() + (f.advice() == null ? "" : " Try: " + f.advice()));
            meaning.setWrapText(true);
            meaning.getStyleClass().add("finding-text");
            Label threshold = new Label(f.threshold() == null ? "" : "Threshold: " + f.threshold());
            threshold.setWrapText(true);
            threshold.getStyleClass().add("finding-threshold");
            VBox box = new VBox(2, title, meaning, threshold);
            for (Label l : java.util.List.of(title, meaning, threshold)) {
                l.setMinHeight(Region.USE_PREF_SIZE);
                l.maxWidthProperty().bind(widthProperty().subtract(28));
            }
            getStyleClass().add("severity-" + f.severity().label());
            setText(null);
            setGraphic(box);
        }
    }

    // ---- drawing -------------------------------------------------------------------------------------------------

    private void redrawGraph() {
        graph.getChildren().clear();
        boxes.clear();
        PlanLayout layout = vm.layoutProperty().get();
        if (layout == null) {
            return;
        }
        for (PlanLayout.Edge e : layout.edges()) {
            Line line = new Line(e.x1(), e.y1(), e.x2(), e.y2());
            line.getStyleClass().add(e.subplan() ? "plan-edge-subplan" : "plan-edge");
            graph.getChildren().add(line);
        }
        for (PlanLayout.Box b : layout.boxes()) {
            NodeRow row = vm.row(b.nodeId()).orElse(null);
            if (row == null) {
                continue;
            }
            VBox box = nodeBox(row, b);
            boxes.put(row.id(), box);
            graph.getChildren().add(box);
        }
        graph.setPrefSize(layout.width(), layout.height());
        highlight();
    }

    private VBox nodeBox(NodeRow row, PlanLayout.Box b) {
        double inner = b.width() - 18;
        // The node type is the card's title and is never cut; what it reads and its conditions may be, with the
        // whole text in the tooltip.
        Label title = new Label("#" + row.id() + " " + row.type());
        title.getStyleClass().add("plan-node-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(2, title);
        String object = row.subplan() != null
                ? row.subplan() + (row.object().isEmpty() ? "" : " · " + row.object())
                : row.object();
        if (!object.isEmpty()) {
            box.getChildren().add(line(object, "plan-node-object", inner));
        }
        if (row.indexCondition() != null) {
            box.getChildren().add(line(row.indexCondition(), "plan-node-condition", inner));
        }
        if (row.filter() != null) {
            box.getChildren().add(line(row.filter(), "plan-node-condition", inner));
        }
        if (row.rowsRemovedByFilter() != null && row.rowsRemovedByFilter() > 0) {
            box.getChildren()
                    .add(line(
                            count(row.rowsRemovedByFilter()) + " rows removed by filter", "plan-node-removed", inner));
        }
        String rowsText = "rows " + count(row.actualRows()) + " / " + count(row.planRows()) + " planned"
                + (row.loops() > 1 ? " × " + row.loops() : "");
        Label rowsLine = line(rowsText, "plan-node-subtitle", inner);
        double fraction = vm.barFraction(row);
        Region bar = new Region();
        bar.getStyleClass().addAll("plan-bar", barClass(row, fraction));
        bar.setPrefHeight(8);
        bar.setMaxWidth(inner * fraction);
        bar.setPrefWidth(inner * fraction);
        Region track = new Region();
        track.getStyleClass().add("plan-bar-track");
        track.setPrefSize(inner, 8);
        StackPane barPane = new StackPane(track, bar);
        StackPane.setAlignment(bar, Pos.CENTER_LEFT);
        Label value = new Label(vm.valueText(row));
        value.getStyleClass().add("plan-node-value");
        box.getChildren().addAll(rowsLine, barPane, value);
        box.getStyleClass().add("plan-node");
        if (row.worstFinding() != null) {
            box.getStyleClass().add("finding-" + row.worstFinding().label());
        }
        box.setLayoutX(b.x());
        box.setLayoutY(b.y());
        box.setPrefSize(b.width(), b.height());
        box.setMinSize(b.width(), b.height());
        box.setMaxSize(b.width(), b.height());
        box.setOnMouseClicked(e -> vm.select(row.id()));
        StringBuilder tip = new StringBuilder("#" + row.id() + " " + row.label());
        if (row.subplan() != null) {
            tip.append("\n").append(row.subplan());
        }
        if (row.indexCondition() != null) {
            tip.append("\n").append(row.indexCondition());
        }
        if (row.filter() != null) {
            tip.append("\n").append(row.filter());
        }
        tip.append("\n").append(rowsText);
        if (row.rowsRemovedByFilter() != null) {
            tip.append(", ").append(count(row.rowsRemovedByFilter())).append(" removed by filter");
        }
        Tooltip tooltip = new Tooltip(tip.toString());
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(520);
        Tooltip.install(box, tooltip);
        return box;
    }

    /** One line of a card: cut with an ellipsis at the card's width; an empty line keeps its place. */
    private static Label line(String text, String styleClass, double width) {
        Label l = new Label(text == null ? "" : text);
        l.getStyleClass().add(styleClass);
        l.setMaxWidth(width);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        return l;
    }

    private static String barClass(NodeRow row, double fraction) {
        if (row.worstFinding() == Severity.CRITICAL || fraction >= 0.9) {
            return "plan-bar-critical";
        }
        if (row.worstFinding() == Severity.WARNING || fraction >= 0.5) {
            return "plan-bar-warning";
        }
        return "plan-bar-normal";
    }

    private void highlight() {
        NodeRow selected = vm.selectedProperty().get();
        boxes.forEach((id, box) -> {
            box.getStyleClass().remove("selected");
            if (selected != null && selected.id() == id) {
                box.getStyleClass().add("selected");
                scrollTo(box);
            }
        });
        if (selected != null) {
            selectInTree(tree.getRoot(), selected.id());
        }
    }

    /** Scrolls the graph so the selected node box is in view. */
    private void scrollTo(VBox box) {
        double width = graph.getPrefWidth();
        double height = graph.getPrefHeight();
        javafx.geometry.Bounds view = graphScroll.getViewportBounds();
        if (width > view.getWidth()) {
            double x = box.getLayoutX() + box.getPrefWidth() / 2 - view.getWidth() / 2;
            graphScroll.setHvalue(Math.max(0, Math.min(1, x / (width - view.getWidth()))));
        }
        if (height > view.getHeight()) {
            double y = box.getLayoutY() + box.getPrefHeight() / 2 - view.getHeight() / 2;
            graphScroll.setVvalue(Math.max(0, Math.min(1, y / (height - view.getHeight()))));
        }
    }

    private void selectInTree(TreeItem<NodeRow> item, int id) {
        if (item == null) {
            return;
        }
        if (item.getValue() != null && item.getValue().id() == id) {
            if (tree.getSelectionModel().getSelectedItem() != item) {
                tree.getSelectionModel().select(item);
            }
            return;
        }
        for (TreeItem<NodeRow> child : item.getChildren()) {
            selectInTree(child, id);
        }
    }

    private void rebuildTree() {
        Map<Integer, TreeItem<NodeRow>> items = new HashMap<>();
        TreeItem<NodeRow> rootItem = null;
        for (NodeRow row : vm.rows()) {
            TreeItem<NodeRow> item = new TreeItem<>(row);
            item.setExpanded(true);
            items.put(row.id(), item);
            if (row.parentId() == 0) {
                rootItem = item;
            } else if (items.containsKey(row.parentId())) {
                items.get(row.parentId()).getChildren().add(item);
            }
        }
        tree.setRoot(rootItem);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Writes the graphical plan as a PNG; call on the FX thread. */
    public void writePng(java.nio.file.Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(graph.snapshot(null, null), null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> TableColumn<T, String> fixed(TableColumn<T, String> c) {
        c.setMinWidth(c.getPrefWidth());
        return c;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> f) {
        return io.miglab.app.widget.Columns.text(title, f, width);
    }

    private static String ms(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String count(Double v) {
        if (v == null) {
            return "-";
        }
        return v == Math.rint(v)
                ? String.format(Locale.ROOT, "%,d", v.longValue())
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String signed(Double v, String format) {
        return v == null ? "" : String.format(Locale.ROOT, format, v);
    }

    private static String arrow(NodeRow r) {
        return switch (r.direction()) {
            case UNDER -> "▲";
            case OVER -> "▼";
            case NONE -> "";
        };
    }

    private static Duration parse(String text) {
        String t = text == null ? "5m" : text.strip();
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return t.endsWith("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }
}
