package io.miglab.app.migration.view;

import io.miglab.app.migration.ScriptReviewViewModel;
import io.miglab.app.plan.view.SqlEditor;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.core.migration.lint.Finding;
import io.miglab.core.migration.lint.Severity;
import io.miglab.core.units.Counts;
import io.miglab.core.units.Sizes;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * The Script review page: Open (Ctrl+O) a data-migration script, Lint (Ctrl+Enter) against the current target's
 * table sizes, the script with a dot on each line that has a finding, and the findings beside it; choosing one
 * goes to its line.
 */
public final class ScriptReviewView implements PageActions {
    private final ScriptReviewViewModel model;
    private final VBox root;
    private final SqlEditor editor = new SqlEditor("Open a migration script to review it.");
    private Button open;

    private final HeavyStatementsTable heavy;

    /** A page whose Open plan shows nowhere (for tests of the page alone). */
    public ScriptReviewView(ScriptReviewViewModel model) {
        this(model, (plan, source) -> {});
    }

    /**
     * @param openPlan shows a plan (auto_explain's JSON) and where it came from in the plan inspector
     */
    public ScriptReviewView(ScriptReviewViewModel model, java.util.function.BiConsumer<String, String> openPlan) {
        this.model = model;
        this.heavy = new HeavyStatementsTable(openPlan);
        open = new Button("Open script\u2026");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> model.open());
        Button lint = new Button("Lint again");
        lint.setOnAction(e -> model.lint());
        lint.disableProperty().bind(model.scriptProperty().isNull().or(model.runningProperty()));
        Label file = new Label();
        file.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.scriptProperty().get() == null
                                ? "no script"
                                : model.scriptProperty().get().toString(),
                        model.scriptProperty()));
        file.getStyleClass().add("text-muted");
        CheckBox sized = new CheckBox("Table sizes and indexes from the current target");
        sized.selectedProperty().bindBidirectional(model.sizedProperty());
        DatabasePicker picker = new DatabasePicker(model.database());
        picker.disableProperty().bind(model.sizedProperty().not());
        HBox form = new HBox(10, open, lint, sized, picker);
        form.setAlignment(Pos.CENTER_LEFT);
        for (Node n : form.getChildren()) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        Label lead = new Label("A size-aware review of a data-migration script, as a reviewer does it by hand:"
                + " unbatched updates, batches that pick their rows by a predicate no index serves, indexes every"
                + " update rewrites, row-by-row loops, remote calls, DDL under a strong lock, missing timeouts;"
                + " inside DO blocks and function bodies too.");
        lead.setWrapText(true);
        lead.getStyleClass().add("text-muted");
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);

        editor.area().setEditable(false);
        // Wrapped, so a finding's column never scrolls the line numbers and their marks out of sight.
        editor.area().setWrapText(true);
        editor.getStyleClass().add("script-review-editor");
        editor.setPrefHeight(520);
        model.textProperty().addListener((obs, old, now) -> {
            editor.setText(now);
            gutter();
        });
        model.findings().addListener((ListChangeListener<Finding>) c -> gutter());
        gutter();

        ListView<Finding> list = new ListView<>(model.findings());
        list.getStyleClass().add("script-findings");
        list.setPlaceholder(new Label("No findings yet."));
        list.setCellFactory(v -> new FindingCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, f) -> {
            if (f != null) {
                int paragraph = Math.max(
                        0, Math.min(f.line() - 1, editor.area().getParagraphs().size() - 1));
                int column = Math.max(0, Math.min(f.column() - 1, editor.area().getParagraphLength(paragraph)));
                editor.area().moveTo(paragraph, column);
                editor.area().requestFollowCaret();
            }
        });
        list.setPrefWidth(460);
        list.setMinWidth(360);
        HBox body = new HBox(12, editor, list);
        HBox.setHgrow(editor, Priority.ALWAYS);
        editor.setMaxWidth(Double.MAX_VALUE);
        body.setPrefHeight(540);
        Label hint = new Label("Ctrl+L comes here, Ctrl+Enter lints again. The same review runs in CI from the"
                + " command line, with GitHub annotations.");
        hint.getStyleClass().addAll("text-muted", "step-status");
        Label title = new Label("Script review");
        title.getStyleClass().add("title-2");
        root = new VBox(12, title, lead, form, file, summary, body, hint);
        if (model.canTime()) {
            root.getChildren().add(timing());
        }
        root.setPadding(new javafx.geometry.Insets(24, 32, 24, 32));
    }

    /**
     * Will it fit the window? Sizes as fractions of the current (lab) target's database, the window, the fixes; then
     * the verdict of each variant and the durations against size on log-log axes, projected to production.
     */
    private Node timing() {
        Label heading = new Label("Will it fit the window?");
        heading.getStyleClass().add("section-heading");
        Label lead = new Label("The current target's database is sampled at each size with its foreign keys kept"
                + " (a lab target: the copies are made there), the script runs on a fresh copy of each, and the"
                + " durations are fitted (linear, n log n, power law) and projected to the full table with a 95 %"
                + " interval. Go only when the upper end fits.");
        lead.setWrapText(true);
        lead.getStyleClass().add("text-muted");
        javafx.scene.control.TextField sizes =
                io.miglab.app.widget.FormFields.text(model.sizesProperty(), "1%,3%,10%,30%", 160);
        javafx.scene.control.TextField window =
                io.miglab.app.widget.FormFields.text(model.thresholdProperty(), "the Goals step's window", 170);
        CheckBox fixes = new CheckBox("Also time the fixes the lint suggests");
        fixes.selectedProperty().bindBidirectional(model.tryFixesProperty());
        Button time = new Button("Time at these sizes");
        time.getStyleClass().add("accent");
        time.setOnAction(e -> model.time());
        time.disableProperty().bind(model.scriptProperty().isNull().or(model.runningProperty()));
        HBox row = new HBox(
                10,
                io.miglab.app.widget.FormFields.label("Sizes"),
                sizes,
                io.miglab.app.widget.FormFields.label("Window"),
                window,
                fixes,
                time);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox verdicts = new VBox(4);
        TimingChart chart = new TimingChart();
        chart.node().visibleProperty().bind(Bindings.isNotEmpty(model.assessments()));
        chart.node().managedProperty().bind(chart.node().visibleProperty());
        model.assessments()
                .addListener((ListChangeListener<io.miglab.core.migration.timing.GrowthModels.Assessment>) c -> {
                    verdicts.getChildren().clear();
                    io.miglab.core.migration.timing.TimingResult r =
                            model.timedProperty().get();
                    for (io.miglab.core.migration.timing.GrowthModels.Assessment a : model.assessments()) {
                        Label verdict = new Label(a.verdict().sentence());
                        verdict.getStyleClass()
                                .addAll(
                                        "status-chip",
                                        switch (a.verdict().outcome()) {
                                            case GO -> "status-succeeded";
                                            case NO_GO -> "status-failed";
                                            default -> "status-cancelled";
                                        });
                        verdict.setWrapText(true);
                        String exponent = a.fit() == null
                                ? ""
                                : " power-law exponent k = " + a.fit().exponentText();
                        Label how = new Label(
                                a.fit() == null
                                        ? ""
                                        : a.fit().best().model().label() + " chosen by leave-one-out error;"
                                                + exponent);
                        how.getStyleClass().add("text-muted");
                        verdicts.getChildren().addAll(verdict, how);
                        if (a.projection() != null) {
                            for (String w : a.projection().warnings()) {
                                Label warning = new Label("\u26a0 " + w);
                                warning.getStyleClass().add("text-warning");
                                warning.setWrapText(true);
                                verdicts.getChildren().add(warning);
                            }
                        }
                    }
                    heavy.show(r);
                    chart.show(
                            model.assessments(),
                            r == null || r.thresholdSeconds() == null
                                    ? null
                                    : java.time.Duration.ofMillis(Math.round(r.thresholdSeconds() * 1000)));
                });
        return new VBox(
                10,
                heading,
                lead,
                row,
                io.miglab.app.widget.PageJobBar.row(
                        model.runningProperty(), model.progressProperty(), model.messageProperty(), model::cancel),
                verdicts,
                chart.node(),
                heavy.node());
    }

    @Override
    public void cancelRunningJob() {
        model.cancel();
    }

    /** Line numbers, with a dot in the worst finding's colour on each line that has one. */
    private void gutter() {
        Map<Integer, Severity> marked = model.markedLines();
        java.util.function.IntFunction<Node> numbers = LineNumberFactory.get(editor.area());
        editor.area().setParagraphGraphicFactory(line -> {
            Node number = numbers.apply(line);
            Circle dot = new Circle(4);
            Severity s = marked.get(line + 1);
            dot.getStyleClass().addAll("lint-dot", s == null ? "lint-none" : "lint-" + s.label());
            dot.setVisible(s != null);
            HBox box = new HBox(4, dot, number);
            box.setAlignment(Pos.CENTER_LEFT);
            return box;
        });
    }

    public Node root() {
        return root;
    }

    @Override
    public void runPrimaryAction() {
        model.lint();
    }

    @Override
    public void focusFirst() {
        open.requestFocus();
    }

    /** A finding: its severity, rule and place, the message, the fix, and the size of what it touches. */
    private static final class FindingCell extends ListCell<Finding> {
        FindingCell() {
            // A cell as wide as the list, never wider: its labels wrap instead of being cut.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label chip = new Label(f.severity().label());
            chip.getStyleClass()
                    .addAll("status-chip", "lint-chip", "lint-" + f.severity().label());
            Label where = new Label(
                    "line " + f.line() + ":" + f.column() + "  " + f.rule().id());
            where.getStyleClass().add("mono");
            HBox head = new HBox(8, chip, where);
            head.setAlignment(Pos.CENTER_LEFT);
            Label message = wrapped(f.message());
            Label help = wrapped(f.help());
            help.getStyleClass().addAll("text-muted", "mono");
            VBox box = new VBox(4, head, message, help);
            if (f.rows() != null) {
                Label size = new Label(String.format(
                        Locale.ROOT,
                        "%s: %s rows, %s",
                        f.table(),
                        Counts.format(f.rows()),
                        f.bytes() == null ? "-" : Sizes.format(f.bytes())));
                size.getStyleClass().add("text-muted");
                box.getChildren().add(size);
            }
            setGraphic(box);
            setText(null);
        }

        private static Label wrapped(String text) {
            Label l = new Label(text);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            return l;
        }
    }
}
