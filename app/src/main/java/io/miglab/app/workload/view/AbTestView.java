package io.miglab.app.workload.view;

import io.miglab.app.widget.FormGrid;
import io.miglab.app.widget.PageJobBar;
import io.miglab.app.widget.Spinners;
import io.miglab.app.workload.AbTestViewModel;
import io.miglab.core.workload.AbRequest;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The A/B test card: each side's name and setup SQL, rounds and passes, Run, then B against A as a chart. The
 * workload is the page's own.
 */
public final class AbTestView {
    private final AbTestViewModel model;
    private final VBox root;
    private final AbChart chart = new AbChart();

    public AbTestView(AbTestViewModel model) {
        this.model = model;
        Label explain = new Label("Before each round the side's setup runs, then the workload above is measured."
                + " Rounds go A B B A A B B A, so both sides meet the same machine noise; each pair gives a ratio,"
                + " and their spread gives the interval. Setups go through the target's guard like any statement.");
        explain.setWrapText(true);
        explain.getStyleClass().add("text-muted");

        HBox sides = new HBox(
                16,
                side(
                        "A",
                        model.aLabelProperty(),
                        model.aSetupProperty(),
                        "DROP INDEX IF EXISTS" + " idx_rental_inventory_date;"),
                side(
                        "B",
                        model.bLabelProperty(),
                        model.bSetupProperty(),
                        "CREATE INDEX IF NOT EXISTS idx_rental_inventory_date\n    ON rental (inventory_id, rental_date DESC);"));
        sides.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));

        Spinner<Integer> rounds = Spinners.bound(AbRequest.MIN_ROUNDS, AbRequest.MAX_ROUNDS, model.roundsProperty());
        rounds.setPrefWidth(90);
        Spinner<Integer> passes = Spinners.bound(1, 100_000, model.iterationsProperty());
        passes.setPrefWidth(100);
        Button run = new Button("Run A/B test");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> model.run());
        run.disableProperty().bind(model.runningProperty());
        Label roundsLabel = new Label("Rounds per side");
        Label passesLabel = new Label("Passes per round");
        for (Region fixed : new Region[] {roundsLabel, passesLabel, run}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox controls = new HBox(10, roundsLabel, rounds, passesLabel, passes, run);
        controls.setAlignment(Pos.CENTER_LEFT);

        Node bar = PageJobBar.row(
                model.runningProperty(),
                model.progressProperty(),
                model.messageProperty(),
                model::cancel,
                "Each side also gets one uncounted first round. Esc cancels; the rounds already run are kept.");

        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        summary.getStyleClass().add("text-muted");
        summary.visibleProperty().bind(Bindings.isNotEmpty(model.summaryProperty()));
        summary.managedProperty().bind(summary.visibleProperty());
        model.resultProperty().addListener((obs, old, r) -> chart.setComparison(r == null ? null : r.comparison()));

        root = new VBox(10, explain, sides, controls, bar, summary, chart);
    }

    public Node root() {
        return root;
    }

    public AbChart chart() {
        return chart;
    }

    private static Node side(
            String letter,
            javafx.beans.property.StringProperty label,
            javafx.beans.property.StringProperty setup,
            String example) {
        TextField name = new TextField();
        name.textProperty().bindBidirectional(label);
        TextArea sql = new TextArea();
        sql.textProperty().bindBidirectional(setup);
        sql.setPromptText(example);
        sql.setPrefRowCount(3);
        sql.setWrapText(true);
        sql.getStyleClass().add("mono");
        GridPane grid = FormGrid.create(8, 6);
        grid.addRow(0, new Label(letter + " is"), name);
        grid.addRow(1, new Label("Setup SQL"), sql);
        GridPane.setHgrow(name, Priority.ALWAYS);
        GridPane.setHgrow(sql, Priority.ALWAYS);
        return grid;
    }
}
