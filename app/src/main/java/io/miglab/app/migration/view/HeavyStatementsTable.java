package io.miglab.app.migration.view;

import io.miglab.core.migration.timing.TimingRequest;
import io.miglab.core.migration.timing.TimingResult;
import io.miglab.core.migration.timing.TimingResult.HeavyStatement;
import io.miglab.core.migration.timing.TimingResult.SizePlans;
import io.miglab.core.migration.timing.TimingResult.Variant;
import io.miglab.core.units.Counts;
import io.miglab.core.units.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The heaviest statements of each variant at its largest size, from the explained run: what each statement's plan
 * did (its scans, the rows thrown away, its buffers), the time it took in all and at its slowest. Open plan (or a
 * double-click) shows the slowest run's plan in the plan inspector.
 */
final class HeavyStatementsTable {
    /** One statement of one variant. */
    record Row(String variant, SizePlans size, HeavyStatement statement) {}

    private final TableView<Row> table = new TableView<>();
    private final Label heading = new Label("Heaviest statements");
    private final Label notes = new Label();
    private final VBox box;

    HeavyStatementsTable(BiConsumer<String, String> openPlan) {
        heading.getStyleClass().add("section-heading");
        notes.getStyleClass().add("text-muted");
        notes.setWrapText(true);
        table.getColumns()
                .addAll(
                        column("Variant", 180, r -> r.variant()),
                        column(
                                "Size",
                                150,
                                r -> TimingRequest.percent(r.size().fraction()) + " ("
                                        + Counts.format(r.size().rows()) + " rows)"),
                        column("Statement", 280, r -> r.statement().queryLine(200)),
                        column("Calls", 60, r -> Counts.format(r.statement().calls())),
                        column("Total", 70, r -> Durations.seconds(r.statement().totalMillis() / 1000)),
                        column(
                                "Slowest",
                                70,
                                r -> Durations.seconds(r.statement().maxMillis() / 1000)),
                        column("What its slowest plan did", 520, r -> r.statement()
                                .summary()));
        table.getStyleClass().add("heavy-statements");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No statement was explained."));
        table.setPrefHeight(170);
        table.setRowFactory(t -> {
            TableRow<Row> row = new TableRow<>() {
                @Override
                protected void updateItem(Row item, boolean empty) {
                    super.updateItem(item, empty);
                    setTooltip(
                            empty || item == null
                                    ? null
                                    : new Tooltip(item.statement().query()));
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open(openPlan, row.getItem());
                }
            });
            return row;
        });
        Button open = new Button("Open plan");
        open.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> open(openPlan, table.getSelectionModel().getSelectedItem()));
        HBox head = new HBox(10, heading, open);
        head.setAlignment(Pos.CENTER_LEFT);
        box = new VBox(6, head, notes, table);
        box.setVisible(false);
        box.managedProperty().bind(box.visibleProperty());
    }

    Node node() {
        return box;
    }

    /** Shows the plans of {@code r}, or hides the table when it has none (a timing without plans). */
    void show(TimingResult r) {
        List<Row> rows = new ArrayList<>();
        List<String> said = new ArrayList<>();
        if (r != null) {
            for (Variant v : r.variants()) {
                SizePlans p = v.largestPlans();
                if (p != null) {
                    p.statements().forEach(h -> rows.add(new Row(v.label(), p, h)));
                    said.add(v.label() + ": explained run " + Durations.seconds(p.seconds()) + ", statements of "
                            + p.thresholdMillis() + " ms or more");
                } else {
                    v.plans().stream()
                            .map(SizePlans::note)
                            .filter(n -> n != null)
                            .findFirst()
                            .ifPresent(n -> said.add(v.label() + ": " + n));
                }
            }
        }
        table.getItems().setAll(rows);
        notes.setText("From one more run per size with auto_explain (statements in plpgsql bodies too), not one of"
                + " the timed runs. " + String.join("; ", said) + ".");
        box.setVisible(r != null && !said.isEmpty());
    }

    private static void open(BiConsumer<String, String> openPlan, Row row) {
        if (row != null) {
            openPlan.accept(
                    row.statement().plan(),
                    row.variant() + " at " + TimingRequest.percent(row.size().fraction()) + ": "
                            + row.statement().queryLine(60));
        }
    }

    private static TableColumn<Row, String> column(String title, double width, Function<Row, String> text) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }
}
