package io.miglab.app.inventory.view;

import static io.miglab.app.widget.Columns.number;
import static io.miglab.app.widget.Columns.text;

import io.miglab.app.inventory.InventoryViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.WheelToPage;
import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.inventory.Identifiers;
import io.miglab.core.inventory.Inventories;
import io.miglab.core.inventory.InventoryDiff;
import io.miglab.core.inventory.InventorySnapshot.Extension;
import io.miglab.core.inventory.InventorySnapshot.Index;
import io.miglab.core.inventory.InventorySnapshot.Sequence;
import io.miglab.core.inventory.InventorySnapshot.Setting;
import io.miglab.core.inventory.InventorySnapshot.Table;
import io.miglab.core.inventory.InventorySnapshot.TopStatement;
import io.miglab.core.units.Counts;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Sizes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The tools of the Inventory step: a snapshot button with its database, the findings first, then the catalog in
 * sortable, filterable tables (sizes as bars), and a diff of two stored snapshots.
 */
public final class InventoryView implements PageActions {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private static final int FINDINGS_SHOWN = 5;

    private final InventoryViewModel model;
    private final VBox root;
    private DatabasePicker picker;

    public InventoryView(InventoryViewModel model) {
        this.model = model;
        Label findingsHeading = new Label();
        findingsHeading.getStyleClass().add("section-heading");
        findingsHeading
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            StringBuilder text = new StringBuilder("Findings");
                            for (Severity level : Severity.values()) {
                                long n = model.findings().stream()
                                        .filter(f -> f.severity() == level)
                                        .count();
                                if (n > 0) {
                                    text.append(text.length() == 8 ? "   " : " · ")
                                            .append(n)
                                            .append(' ')
                                            .append(level.label());
                                }
                            }
                            return text.toString();
                        },
                        model.findings()));

        Label catalogHeading = new Label("Catalog");
        catalogHeading.getStyleClass().add("section-heading");
        TextField filter = new TextField();
        filter.setPromptText("Filter by name, definition or query");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setPrefColumnCount(28);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox legend = new HBox(
                6,
                bar("size-bar", 10),
                new Label("table"),
                bar("size-bar-index", 10),
                new Label("indexes"),
                bar("size-bar-toast", 10),
                new Label("TOAST"));
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().addAll("size-legend", "text-muted");
        legend.setPadding(new Insets(8, 0, 0, 16));
        HBox catalogBar = new HBox(10, catalogHeading, legend, gap, filter);
        catalogBar.setAlignment(Pos.CENTER_LEFT);

        TabPane tabs = new TabPane(
                tab("Tables", tablesTable(), model.tables()),
                tab("Indexes", indexesTable(), model.indexes()),
                tab("Settings", settingsTable(), model.settings()),
                tab("Extensions", extensionsTable(), model.extensions()),
                tab("Sequences", sequencesTable(), model.sequences()),
                tab("Top statements", statementsTable(), model.topStatements()),
                diffTab());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("inventory-tabs");
        tabs.setPrefHeight(440);
        tabs.setMinHeight(360);

        root = new VBox(12, toolbar(), summary(), findingsHeading, findingsList(), catalogBar, tabs);
        root.getStylesheets()
                .add(java.util.Objects.requireNonNull(
                                InventoryView.class.getResource("/io/miglab/app/inventory/inventory.css"))
                        .toExternalForm());
        if (model.database().databases().isEmpty()) {
            model.database().refresh();
        }
        model.showLatest();
        model.refreshSnapshots();
    }

    public Node root() {
        return root;
    }

    /** Ctrl+Enter takes the snapshot, as the button does. */
    @Override
    public void runPrimaryAction() {
        if (!model.runningProperty().get()) {
            model.takeSnapshot();
        }
    }

    @Override
    public void cancelRunningJob() {
        model.cancel();
    }

    @Override
    public void focusFirst() {
        picker.comboBox().requestFocus();
    }

    private Node toolbar() {
        DatabasePicker database = new DatabasePicker(model.database());
        picker = database;
        Button take = new Button("Take snapshot");
        take.getStyleClass().add("accent");
        take.setDefaultButton(true);
        take.disableProperty().bind(model.runningProperty());
        take.setOnAction(e -> model.takeSnapshot());
        take.setMinWidth(Region.USE_PREF_SIZE);
        // The job's progress takes the place of the note while it runs: the card keeps its height.
        Node progress = PageJobBar.row(
                model.runningProperty(),
                model.progressProperty(),
                model.progressMessageProperty(),
                model::cancel,
                "Read-only: works on guarded targets. Ctrl+Enter takes the snapshot, Esc cancels it.");
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox row = new HBox(12, database, take, progress);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("card-box");
        return row;
    }

    private Node summary() {
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("page-summary");
        summary.setWrapText(true);
        summary.visibleProperty().bind(Bindings.isNotEmpty(model.summaryProperty()));
        summary.managedProperty().bind(summary.visibleProperty());
        return summary;
    }

    /**
     * The findings as plain rows, most severe first: each wraps to its full text (a list with fixed row heights cut
     * the long ones), and the page scrolls them with everything else. Past {@value #FINDINGS_SHOWN} a button shows
     * the rest.
     */
    private Node findingsList() {
        VBox rows = new VBox();
        rows.getStyleClass().add("findings-list");
        Label empty = new Label("Take a snapshot (Ctrl+Enter): what needs attention shows here first.");
        empty.getStyleClass().add("text-muted");
        empty.setPadding(new Insets(10));
        Button more = new Button();
        more.getStyleClass().addAll("flat", "small");
        boolean[] all = {false};
        Runnable fill = () -> {
            List<Node> children = new ArrayList<>();
            List<Finding> shown = all[0] || model.findings().size() <= FINDINGS_SHOWN
                    ? model.findings()
                    : model.findings().subList(0, FINDINGS_SHOWN);
            for (Finding f : shown) {
                children.add(new FindingRow(f));
            }
            if (children.isEmpty()) {
                children.add(empty);
            }
            if (model.findings().size() > FINDINGS_SHOWN) {
                more.setText(
                        all[0]
                                ? "Show the first " + FINDINGS_SHOWN
                                : "Show all " + model.findings().size());
                children.add(more);
            }
            rows.getChildren().setAll(children);
        };
        more.setOnAction(e -> {
            all[0] = !all[0];
            fill.run();
        });
        model.findings().addListener((javafx.collections.ListChangeListener<Finding>) c -> fill.run());
        fill.run();
        return rows;
    }

    // --- the catalog tabs

    private static <T> Tab tab(String name, TableView<T> table, ObservableList<T> rows) {
        Tab tab = new Tab();
        tab.setContent(table);
        tab.textProperty().bind(Bindings.createStringBinding(() -> name + "  " + rows.size(), rows));
        return tab;
    }

    private TableView<Table> tablesTable() {
        TableView<Table> table =
                catalogTable(model.tables(), "tables", "This database has no tables yet: load Pagila or create some.");
        TableColumn<Table, Long> size = sizeColumn();
        table.getColumns()
                .addAll(
                        text("Table", t -> Identifiers.shown(t.schema(), t.name()), 205),
                        number(
                                "Rows",
                                t -> t.rows(),
                                t -> t.rows() == null
                                        ? "never analysed"
                                        : (t.exactRows() != null ? "" : "~") + Counts.format(t.rows()),
                                100),
                        size,
                        number("Dead tuples", Table::deadTuples, t -> Counts.format(t.deadTuples()), 110),
                        number(
                                "Bloat",
                                Table::bloatRatio,
                                t -> t.bloatRatio() == null
                                        ? "\u2013"
                                        : String.format(Locale.ROOT, "%.0f %%", t.bloatRatio() * 100),
                                60),
                        time("Last vacuum", t -> latest(t.lastVacuum(), t.lastAutovacuum())),
                        time("Last analyze", t -> latest(t.lastAnalyze(), t.lastAutoanalyze())));
        table.getSortOrder().add(size);
        return table;
    }

    private TableColumn<Table, Long> sizeColumn() {
        TableColumn<Table, Long> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().totalBytes()));
        size.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long total, boolean empty) {
                super.updateItem(total, empty);
                Table t = empty ? null : getTableRow().getItem();
                if (t == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                double scale = 170.0 / model.largestTableBytes();
                Label text = new Label(Sizes.format(t.totalBytes()));
                text.setMinWidth(64);
                text.setAlignment(Pos.CENTER_RIGHT);
                HBox bars = new HBox(
                        bar("size-bar", t.heapBytes() * scale),
                        bar("size-bar-index", t.indexBytes() * scale),
                        bar("size-bar-toast", t.toastBytes() * scale));
                bars.setAlignment(Pos.CENTER_LEFT);
                HBox box = new HBox(10, text, bars);
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
                setText(null);
                setTooltip(new Tooltip("table " + Sizes.format(t.heapBytes()) + ", indexes "
                        + Sizes.format(t.indexBytes()) + ", TOAST " + Sizes.format(t.toastBytes())));
            }
        });
        size.setPrefWidth(265);
        size.setMinWidth(220);
        size.setSortType(TableColumn.SortType.DESCENDING);
        return size;
    }

    private TableView<Index> indexesTable() {
        TableView<Index> table = catalogTable(model.indexes(), "indexes", "This database has no indexes.");
        TableColumn<Index, Long> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sizeBytes()));
        size.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long bytes, boolean empty) {
                super.updateItem(bytes, empty);
                if (empty || bytes == null) {
                    setGraphic(null);
                    return;
                }
                Label text = new Label(Sizes.format(bytes));
                text.setMinWidth(64);
                text.setAlignment(Pos.CENTER_RIGHT);
                HBox box = new HBox(10, text, bar("size-bar-index", bytes * 110.0 / model.largestIndexBytes()));
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
            }
        });
        size.setPrefWidth(200);
        size.setMinWidth(160);
        table.getColumns()
                .addAll(
                        text("Index", i -> Identifiers.shown(i.name()), 210),
                        text("Table", i -> Identifiers.shown(i.schema(), i.table()), 150),
                        size,
                        number("Scans", Index::scans, i -> Counts.format(i.scans()), 80),
                        flagsColumn(),
                        text("Definition", Index::definition, 360));
        return table;
    }

    private TableColumn<Index, String> flagsColumn() {
        TableColumn<Index, String> flags = new TableColumn<>("Flags");
        flags.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.join(" ", flags(c.getValue()))));
        flags.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                Index i = empty ? null : getTableRow().getItem();
                if (i == null) {
                    setGraphic(null);
                    return;
                }
                HBox chips = new HBox(4);
                chips.setAlignment(Pos.CENTER_LEFT);
                for (String f : flags(i)) {
                    Label chip = new Label(f);
                    chip.getStyleClass().addAll("flag-chip", "flag-" + f.split(" ")[0]);
                    chips.getChildren().add(chip);
                }
                setGraphic(chips);
                String why = i.duplicateOf() != null
                        ? "Same keys as " + i.duplicateOf()
                        : i.redundantWith() != null ? "Covered by the leading keys of " + i.redundantWith() : null;
                setTooltip(why == null ? null : new Tooltip(why));
            }
        });
        flags.setPrefWidth(150);
        return flags;
    }

    private static List<String> flags(Index i) {
        List<String> out = new ArrayList<>();
        if (!i.valid()) {
            out.add("invalid");
        }
        if (i.duplicateOf() != null) {
            out.add("duplicate");
        }
        if (i.redundantWith() != null) {
            out.add("redundant");
        }
        if (i.unused()) {
            out.add("unused");
        }
        if (i.primary()) {
            out.add("primary");
        } else if (i.unique()) {
            out.add("unique");
        }
        return out;
    }

    private TableView<Setting> settingsTable() {
        TableView<Setting> table = catalogTable(
                model.settings(),
                "settings",
                "Every setting has its built-in default: nothing set in a file or on the command line.");
        table.getColumns()
                .addAll(
                        text("Setting", Setting::name, 230),
                        text("Value", s -> InventoryViewModel.settingValue(s.value(), s.unit()), 170),
                        text("Source", Setting::source, 140),
                        text("Restart", s -> s.pendingRestart() ? "needed to apply" : "\u2013", 110),
                        text(
                                "Default",
                                s -> s.bootValue() == null
                                        ? ""
                                        : InventoryViewModel.settingValue(s.bootValue(), s.unit()),
                                130));
        return table;
    }

    private TableView<Extension> extensionsTable() {
        TableView<Extension> table = catalogTable(model.extensions(), "extensions", "The server offers no extensions.");
        table.getColumns()
                .addAll(
                        text("Extension", Extension::name, 180),
                        text("Installed", e -> e.installed() ? e.installedVersion() : "\u2013", 90),
                        text("Available", Extension::defaultVersion, 90),
                        text("Schema", e -> e.schema() == null ? "" : e.schema(), 100),
                        text("About", e -> e.comment() == null ? "" : e.comment(), 420));
        return table;
    }

    private TableView<Sequence> sequencesTable() {
        TableView<Sequence> table = catalogTable(model.sequences(), "sequences", "This database has no sequences.");
        TableColumn<Sequence, Double> used = new TableColumn<>("Range used");
        used.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().fractionUsed()));
        used.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double fraction, boolean empty) {
                super.updateItem(fraction, empty);
                if (empty) {
                    setGraphic(null);
                    return;
                }
                Label text =
                        new Label(fraction == null ? "unused" : String.format(Locale.ROOT, "%.4f %%", fraction * 100));
                text.setMinWidth(80);
                text.setAlignment(Pos.CENTER_RIGHT);
                Region track = bar("sequence-track", 120);
                Region fill = bar(
                        fraction != null && fraction > 0.75 ? "sequence-fill-high" : "sequence-fill",
                        fraction == null ? 0 : Math.max(1, 120 * fraction));
                javafx.scene.layout.StackPane both = new javafx.scene.layout.StackPane(track, fill);
                both.setAlignment(Pos.CENTER_LEFT);
                HBox box = new HBox(10, text, both);
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
            }
        });
        used.setPrefWidth(240);
        table.getColumns()
                .addAll(
                        text("Sequence", q -> Identifiers.shown(q.schema(), q.name()), 240),
                        text("Type", Sequence::dataType, 80),
                        number("Last value", Sequence::lastValue, q -> Counts.format(q.lastValue()), 100),
                        number("Usable max", Sequence::usableMax, q -> Counts.format(q.usableMax()), 170),
                        used,
                        text("Owned by", q -> q.ownedBy() == null ? "" : q.ownedBy(), 240));
        return table;
    }

    private TableView<TopStatement> statementsTable() {
        TableView<TopStatement> table = table(model.topStatements(), "");
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(640);
        placeholder
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.snapshotProperty().get() == null
                                ? "The heaviest statements of pg_stat_statements appear here."
                                : model.snapshotProperty()
                                                .get()
                                                .statementStats()
                                                .available()
                                        ? "pg_stat_statements has no statements yet."
                                        : model.snapshotProperty()
                                                .get()
                                                .statementStats()
                                                .hint(),
                        model.snapshotProperty()));
        table.setPlaceholder(placeholder);
        table.getColumns()
                .addAll(
                        number("Calls", TopStatement::calls, t -> Counts.format(t.calls()), 80),
                        number("Total", TopStatement::totalMs, t -> ms(t.totalMs()), 90),
                        number("Mean", TopStatement::meanMs, t -> ms(t.meanMs()), 80),
                        number("Rows", TopStatement::rows, t -> Counts.format(t.rows()), 80),
                        number(
                                "Cache hit",
                                TopStatement::sharedBlocksHit,
                                t -> {
                                    long all = t.sharedBlocksHit() + t.sharedBlocksRead();
                                    return all == 0
                                            ? "\u2013"
                                            : String.format(Locale.ROOT, "%.1f %%", 100.0 * t.sharedBlocksHit() / all);
                                },
                                80),
                        text("Query", t -> t.query().replaceAll("\\s+", " "), 560));
        return table;
    }

    private Tab diffTab() {
        ComboBox<Inventories.Stored> before = experimentChoice(model.diffBeforeProperty());
        ComboBox<Inventories.Stored> after = experimentChoice(model.diffAfterProperty());
        Button diff = new Button("Show changes");
        diff.getStyleClass().add("accent");
        diff.setOnAction(e -> model.diff());
        Button refresh = new Button("Refresh list");
        refresh.getStyleClass().add("button-outlined");
        refresh.setOnAction(e -> model.refreshSnapshots());
        HBox pick = new HBox(10, new Label("Before"), before, new Label("After"), after, diff, refresh);
        pick.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.textProperty().bind(model.diffSummaryProperty());
        summary.getStyleClass().add("page-summary");

        TableView<InventoryDiff.Change> changes = table(
                model.diffChanges(),
                "Choose the inventory before and the one after, then Show changes. Take a second snapshot after a change"
                        + " to have two.");
        TableColumn<InventoryDiff.Change, String> type =
                text("Change", c -> c.type().name().toLowerCase(Locale.ROOT), 90);
        type.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                getStyleClass().removeIf(s -> s.startsWith("change-"));
                setText(empty ? null : value);
                if (!empty && value != null) {
                    getStyleClass().add("change-" + value);
                }
            }
        });
        changes.getColumns()
                .addAll(
                        type,
                        text("Kind", InventoryDiff.Change::kind, 90),
                        text("Object", InventoryDiff.Change::object, 260),
                        text("Detail", c -> c.detail() == null ? "" : c.detail(), 480));
        changes.setPrefHeight(200);
        TableView<InventoryDiff.TableDelta> deltas =
                table(model.diffTables(), "No table changed in rows or size between the two.");
        deltas.getColumns()
                .addAll(
                        text("Table", t -> Identifiers.shown(t.schema(), t.name()), 220),
                        number(
                                "Rows before",
                                InventoryDiff.TableDelta::rowsBefore,
                                t -> Counts.format(t.rowsBefore()),
                                110),
                        number(
                                "Rows after",
                                InventoryDiff.TableDelta::rowsAfter,
                                t -> Counts.format(t.rowsAfter()),
                                110),
                        number(
                                "Size before",
                                InventoryDiff.TableDelta::bytesBefore,
                                t -> Sizes.format(t.bytesBefore()),
                                100),
                        number(
                                "Size after",
                                InventoryDiff.TableDelta::bytesAfter,
                                t -> Sizes.format(t.bytesAfter()),
                                100),
                        number(
                                "Size change",
                                InventoryDiff.TableDelta::byteChange,
                                t -> (t.byteChange() >= 0 ? "+" : "\u2212") + Sizes.format(Math.abs(t.byteChange())),
                                100));
        deltas.setPrefHeight(150);
        VBox box = new VBox(10, pick, summary, changes, deltas);
        box.setPadding(new Insets(10, 0, 0, 0));
        VBox.setVgrow(changes, Priority.ALWAYS);
        Tab tab = new Tab("Diff", box);
        return tab;
    }

    private ComboBox<Inventories.Stored> experimentChoice(
            javafx.beans.property.ObjectProperty<Inventories.Stored> chosen) {
        ComboBox<Inventories.Stored> box = new ComboBox<>(model.snapshots());
        box.valueProperty().bindBidirectional(chosen);
        box.setPrefWidth(260);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Inventories.Stored e) {
                if (e == null) {
                    return "";
                }
                String database = e.database() == null ? e.target() : e.database();
                return "#" + e.experimentId() + "  " + database + "  \u00b7  " + WHEN.format(e.takenAt());
            }

            @Override
            public Inventories.Stored fromString(String s) {
                return null;
            }
        });
        return box;
    }

    // --- small table helpers

    /**
     * A catalog table whose placeholder says what to do: take a snapshot first, or that the filter hides every row,
     * or that the database has none of them ({@code none}).
     */
    private <T> TableView<T> catalogTable(ObservableList<T> rows, String noun, String none) {
        TableView<T> table = table(rows, "");
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(560);
        placeholder.getStyleClass().add("text-muted");
        placeholder
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            if (model.snapshotProperty().get() == null) {
                                return "Take a snapshot (Ctrl+Enter) to list the " + noun + " of the chosen database.";
                            }
                            String filter = model.filterProperty().get();
                            if (filter != null && !filter.isBlank()) {
                                return "No " + noun + " match \u201c" + filter.strip()
                                        + "\u201d. Clear the filter to see" + " them all.";
                            }
                            return none;
                        },
                        model.snapshotProperty(),
                        model.filterProperty()));
        table.setPlaceholder(placeholder);
        return table;
    }

    private static <T> TableView<T> table(ObservableList<T> rows, String placeholder) {
        SortedList<T> sorted = new SortedList<>(rows);
        TableView<T> table = WheelToPage.install(new TableView<>(sorted));
        sorted.comparatorProperty().bind(table.comparatorProperty());
        // Columns keep the width they were given (no truncated numbers); the last, widest text takes the rest.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addListener((javafx.collections.ListChangeListener<TableColumn<T, ?>>) c -> {
            for (int i = 0; i < table.getColumns().size() - 1; i++) {
                TableColumn<T, ?> column = table.getColumns().get(i);
                column.setMinWidth(column.getPrefWidth());
            }
        });
        Label empty = new Label(placeholder);
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        table.getStyleClass().add("dense");
        return table;
    }

    private static <T> TableColumn<T, Instant> time(String title, Function<T, Instant> value) {
        TableColumn<T, Instant> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant when, boolean empty) {
                super.updateItem(when, empty);
                setText(empty ? null : Durations.ago(when, Instant.now()));
                setTooltip(empty || when == null ? null : new Tooltip(when.toString()));
            }
        });
        column.setPrefWidth(115);
        return column;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Region bar(String style, double width) {
        Region bar = new Region();
        bar.getStyleClass().add(style);
        bar.setMinHeight(10);
        bar.setMaxHeight(10);
        bar.setPrefWidth(width <= 0 ? 0 : Math.max(2, width));
        bar.setMinWidth(Region.USE_PREF_SIZE);
        bar.setMaxWidth(Region.USE_PREF_SIZE);
        return bar;
    }

    private static String ms(double value) {
        return value >= 100
                ? String.format(Locale.ROOT, "%,.0f ms", value)
                : String.format(Locale.ROOT, "%.2f ms", value);
    }

    /** A finding: a severity chip, its title and evidence; the tooltip adds its subject, threshold and advice. */
    private static final class FindingRow extends HBox {
        FindingRow(Finding f) {
            super(10);
            Label severity = new Label(f.severity().label());
            severity.getStyleClass()
                    .addAll("severity-chip", "severity-" + f.severity().label());
            severity.setMinWidth(72);
            severity.setAlignment(Pos.CENTER);
            Label message = new Label(f.title() + ". " + f.evidence());
            message.setWrapText(true);
            message.setMinHeight(Region.USE_PREF_SIZE);
            message.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(message, Priority.ALWAYS);
            StringBuilder tip =
                    new StringBuilder(f.subject().label()).append('\n').append(f.title());
            if (f.advice() != null) {
                tip.append("\nTry: ").append(f.advice());
            }
            if (f.threshold() != null) {
                tip.append("\nThreshold: ").append(f.threshold());
            }
            Tooltip.install(this, new Tooltip(tip.toString()));
            getChildren().addAll(severity, message);
            setAlignment(Pos.TOP_LEFT);
            getStyleClass().add("finding-row");
            setPadding(new Insets(6, 10, 6, 10));
        }
    }
}
