package io.miglab.app.advisor.view;

import static io.miglab.app.widget.Columns.text;

import io.miglab.app.advisor.ConfigTuningViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.app.widget.FormGrid;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.Spinners;
import io.miglab.app.workload.view.AbChart;
import io.miglab.core.advisor.config.PgTuneInputs;
import io.miglab.core.advisor.config.SettingDiff;
import io.miglab.core.workload.AbRequest;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Config tuning step: PGTune's inputs (prefilled from the machine and the target), the recommended
 * postgresql.conf, the diff against pg_settings with the changing rows highlighted, Apply (the SQL shown first),
 * Roll back and Prove, and the A/B result as a chart.
 */
public final class ConfigTuningView implements PageActions {
    private final ConfigTuningViewModel model;
    private final VBox root;
    private final AbChart chart = new AbChart();
    private final TableView<SettingDiff> table = new TableView<>();
    private TextField ramField;

    public ConfigTuningView(ConfigTuningViewModel model) {
        this.model = model;
        HBox top = new HBox(16, inputsCard(), confCard());
        HBox.setHgrow(top.getChildren().get(1), Priority.ALWAYS);

        Label diffHeading = new Label("Against the target's pg_settings");
        diffHeading.getStyleClass().add("section-heading");
        Label abHeading = new Label("Proof: interleaved A/B rounds, before against after");
        abHeading.getStyleClass().add("section-heading");

        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        summary.getStyleClass().add("text-muted");
        summary.visibleProperty().bind(Bindings.isNotEmpty(model.summaryProperty()));
        summary.managedProperty().bind(summary.visibleProperty());
        model.abResultProperty().addListener((obs, old, r) -> chart.setComparison(r == null ? null : r.comparison()));
        chart.setMinHeight(160);

        root = new VBox(12, top, diffHeading, diffBar(), diffTable(), actions(), jobBar(), summary, abHeading, chart);
        root.getStylesheets()
                .add(Objects.requireNonNull(ConfigTuningView.class.getResource("/io/miglab/app/advisor/advisor.css"))
                        .toExternalForm());
        if (model.database().databases().isEmpty()) {
            model.database().refresh();
        }
        model.prefill();
    }

    public Node root() {
        return root;
    }

    public AbChart chart() {
        return chart;
    }

    public TableView<SettingDiff> table() {
        return table;
    }

    @Override
    public void runPrimaryAction() {
        if (!model.runningProperty().get()) {
            model.apply();
        }
    }

    @Override
    public void cancelRunningJob() {
        model.cancel();
    }

    @Override
    public void focusFirst() {
        ramField.requestFocus();
    }

    private Node inputsCard() {
        ramField = new TextField();
        ramField.textProperty().bindBidirectional(model.ramProperty());
        ramField.setPromptText("8GB");
        ramField.setPrefColumnCount(7);
        Spinner<Integer> cpus = Spinners.bound(1, PgTuneInputs.MAX_CPUS, model.cpusProperty());
        cpus.setPrefWidth(100);
        TextField connections = new TextField();
        connections.textProperty().bindBidirectional(model.connectionsProperty());
        connections.setPromptText("type's own");
        connections.setPrefColumnCount(7);
        Spinner<Integer> version =
                Spinners.bound(PgTuneInputs.MIN_VERSION, PgTuneInputs.MAX_VERSION, model.versionProperty());
        version.setPrefWidth(100);

        GridPane grid = FormGrid.create(10, 8);
        grid.addRow(
                0,
                new Label("Memory"),
                ramField,
                new Label("DB type"),
                choice(PgTuneInputs.DbType.values(), model.typeProperty()));
        grid.addRow(
                1,
                new Label("CPUs"),
                cpus,
                new Label("Storage"),
                choice(PgTuneInputs.Storage.values(), model.storageProperty()));
        grid.addRow(
                2,
                new Label("Connections"),
                connections,
                new Label("OS"),
                choice(PgTuneInputs.Os.values(), model.osProperty()));
        grid.addRow(
                3,
                new Label("PostgreSQL"),
                version,
                new Label("Data vs RAM"),
                choice(PgTuneInputs.DataSize.values(), model.dataSizeProperty()));

        Label note = new Label();
        note.textProperty().bind(model.prefillNoteProperty());
        note.setWrapText(true);
        note.getStyleClass().addAll("text-muted", "text-small");
        note.setMaxWidth(500);
        Label problem = new Label();
        problem.textProperty().bind(model.inputProblemProperty());
        problem.getStyleClass().add("config-problem");
        problem.setWrapText(true);
        problem.visibleProperty().bind(Bindings.isNotEmpty(model.inputProblemProperty()));
        problem.managedProperty().bind(problem.visibleProperty());
        Button reset = new Button("Prefill again");
        reset.setOnAction(e -> model.prefill());
        Label heading = new Label("PGTune inputs");
        heading.getStyleClass().add("section-heading");
        VBox card = new VBox(8, heading, grid, problem, note, reset);
        card.setMinWidth(500);
        card.setPrefWidth(520);
        return card;
    }

    private static <E extends Enum<E>> ComboBox<E> choice(E[] values, ObjectProperty<E> property) {
        ComboBox<E> box = new ComboBox<>();
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(property);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : label(e);
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        });
        box.setPrefWidth(175);
        return box;
    }

    private static String label(Enum<?> e) {
        String name = e.name().toLowerCase(Locale.ROOT);
        if (e instanceof PgTuneInputs.DataSize d) {
            return switch (d) {
                case LESS -> "smaller than RAM";
                case MID -> "about RAM";
                case GREATER -> "bigger than RAM";
            };
        }
        if (e instanceof PgTuneInputs.DbType t) {
            return switch (t) {
                case WEB -> "web application";
                case OLTP -> "OLTP";
                case DW -> "data warehouse";
                case DESKTOP -> "desktop";
                case MIXED -> "mixed";
            };
        }
        return e instanceof PgTuneInputs.Storage ? name.toUpperCase(Locale.ROOT) : name;
    }

    private Node confCard() {
        Label heading = new Label("postgresql.conf");
        heading.getStyleClass().add("section-heading");
        TextArea conf = new TextArea();
        conf.textProperty().bind(model.confProperty());
        conf.setEditable(false);
        conf.getStyleClass().addAll("mono", "config-conf");
        conf.setPrefRowCount(11);
        conf.setWrapText(true);
        VBox.setVgrow(conf, Priority.ALWAYS);
        Label hint = new Label("PGTune's formulas; sizes in its units. The ALTER SYSTEM text is shown before Apply.");
        hint.getStyleClass().addAll("text-muted", "text-small");
        hint.setWrapText(true);
        return new VBox(8, heading, conf, hint);
    }

    private Node diffBar() {
        DatabasePicker picker = new DatabasePicker(model.database());
        Button compare = new Button("Compare again");
        compare.setOnAction(e -> model.refreshDiff());
        Label note = new Label();
        note.textProperty().bind(model.diffNoteProperty());
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        HBox.setHgrow(note, Priority.ALWAYS);
        compare.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, picker, compare, note);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node diffTable() {
        table.setItems(model.diff());
        table.getStyleClass().add("config-diff");
        table.getColumns()
                .setAll(java.util.List.of(
                        text("Setting", SettingDiff::name, 210),
                        text("Current", d -> d.current() == null ? "-" : d.current(), 100),
                        text("Recommended", SettingDiff::recommended, 112),
                        text("Unit", d -> d.unit() == null ? "" : d.unit(), 50),
                        text("Takes effect", SettingDiff::takesEffect, 100),
                        text("Pending restart", d -> d.pendingRestart() ? "yes" : "", 118),
                        text(
                                "Change",
                                d -> d.problem() != null ? "skipped: " + d.problem() : d.differs() ? "changes" : "same",
                                300)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SettingDiff d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().removeAll("config-row-changed", "config-row-skipped");
                if (!empty && d != null) {
                    if (d.applicable()) {
                        getStyleClass().add("config-row-changed");
                    } else if (d.problem() != null) {
                        getStyleClass().add("config-row-skipped");
                    }
                }
            }
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Choose a target to compare the advice with its pg_settings."));
        // Tall enough for every row: the page scrolls, not the table.
        table.setFixedCellSize(32);
        table.prefHeightProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> 48 + 32.0 * Math.max(4, model.diff().size()), model.diff()));
        table.setMinHeight(200);
        return table;
    }

    private Node actions() {
        Button apply = new Button("Apply\u2026");
        apply.getStyleClass().add("accent");
        apply.setOnAction(e -> model.apply());
        apply.disableProperty().bind(model.runningProperty());
        Button rollback = new Button("Roll back");
        rollback.setOnAction(e -> model.rollback());
        rollback.disableProperty()
                .bind(model.runningProperty().or(model.lastApplyProperty().isNull()));
        Button prove = new Button("Prove with A/B");
        prove.setOnAction(e -> model.prove());
        prove.disableProperty()
                .bind(model.runningProperty().or(model.lastApplyProperty().isNull()));
        Spinner<Integer> rounds = Spinners.bound(AbRequest.MIN_ROUNDS, AbRequest.MAX_ROUNDS, model.roundsProperty());
        rounds.setPrefWidth(90);
        // A round needs 5 executions of a statement to give its pair a ratio.
        Spinner<Integer> passes = Spinners.bound(5, 100_000, model.iterationsProperty());
        passes.setPrefWidth(100);
        Label roundsLabel = new Label("Rounds per side");
        Label passesLabel = new Label("Passes per round");
        for (Region fixed : new Region[] {apply, rollback, prove, roundsLabel, passesLabel}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox row = new HBox(10, apply, rollback, new Region(), prove, roundsLabel, rounds, passesLabel, passes);
        HBox.setHgrow(row.getChildren().get(2), Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node jobBar() {
        return PageJobBar.row(
                model.runningProperty(),
                model.progressProperty(),
                model.messageProperty(),
                model::cancel,
                "Ctrl+Enter applies (after showing the SQL); Esc cancels. Prove measures the Baseline page's workload"
                        + " (the bundled Pagila one by default) with A as the settings before the apply.");
    }
}
