package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeExplains;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.ViewScreenshots;
import io.miglab.app.plan.view.PlanInspectorView;
import io.miglab.app.shell.Theme;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.targets.TargetRole;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The graphical plan headless, on plans in memory: what the node cards say. No server needed. */
@ExtendWith(ApplicationExtension.class)
class PlanGraphTest {
    /** The same plan before and after an ANALYZE: one shape, other numbers. */
    static final String BEFORE = "Seq Scan on rental  (cost=0.00..350.00 rows=100 width=4)"
            + " (actual time=0.010..12.500 rows=27 loops=1)\n"
            + "  Filter: (customer_id = 42)\n"
            + "  Rows Removed by Filter: 16017\n"
            + "Planning Time: 0.100 ms\nExecution Time: 12.600 ms\n";

    static final String AFTER = BEFORE.replace("12.500", "3.250").replace("rows=27", "rows=26");

    final FakeExplains explains = new FakeExplains();
    final RecordingDialogs dialogs = new RecordingDialogs();
    PlanInspectorViewModel vm;
    PlanInspectorView view;

    @Start
    void start(Stage stage) {
        SameThreadTaskRunner runner = new SameThreadTaskRunner();
        DatabaseChoice database = new DatabaseChoice(
                new FakeTargets().with("lab", TargetRole.LAB, "postgres"), runner, new SimpleStringProperty("lab"));
        database.refresh();
        vm = new PlanInspectorViewModel(explains, database, runner, dialogs);
        view = new PlanInspectorView(vm, () -> "lab");
        Scene scene = new Scene(new StackPane(view.root()), 1100, 720);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    private String cardValue(FxRobot robot) {
        return robot.lookup(".plan-node .plan-node-value").queryAs(Label.class).getText();
    }

    @Test
    void aSecondPlanOfTheSameShapeRedrawsTheGraphWithItsOwnNumbers(FxRobot robot) {
        robot.interact(() -> vm.openText(BEFORE, "before"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cardValue(robot)).isEqualTo("12.500 ms");

        robot.interact(() -> vm.openText(AFTER, "after"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.rows()).singleElement().satisfies(r -> assertThat(r.exclusiveTime())
                .isEqualTo(3.25));
        assertThat(cardValue(robot)).as("the card shows the second plan's time").isEqualTo("3.250 ms");
    }

    /** psql's output as a user copies it: header, a line of dashes, the plan, the row count. */
    static final String PASTED = "                                   QUERY PLAN\n"
            + "--------------------------------------------------------------------------------\n"
            + " Index Scan using idx_fk_customer_id_and_a_rather_long_name on rental r"
            + "  (cost=0.29..80.10 rows=27 width=36) (actual time=0.020..0.150 rows=5 loops=1)\n"
            + "   Index Cond: (customer_id = 42)\n"
            + "   Filter: (return_date IS NULL)\n"
            + "   Rows Removed by Filter: 22\n"
            + " Planning Time: 0.200 ms\n"
            + " Execution Time: 0.300 ms\n"
            + "(5 rows)\n";

    @Test
    void aPastedTextPlanStaysAsPastedAndItsCardAndTreeShowIndexAndConditions(FxRobot robot) {
        robot.interact(() -> vm.openText(PASTED, "pasted plan"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        assertThat(robot.lookup(".plan-raw")
                        .queryAs(javafx.scene.control.TextArea.class)
                        .getText())
                .isEqualTo(PASTED);
        assertThat(robot.lookup(".plan-node .plan-node-title")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo("#1 Index Scan");
        assertThat(robot.lookup(".plan-node .plan-node-object")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo("using idx_fk_customer_id_and_a_rather_long_name on rental r");
        assertThat(robot.lookup(".plan-node .plan-node-condition").queryAllAs(Label.class))
                .extracting(Label::getText)
                .containsExactly("Index Cond: (customer_id = 42)", "Filter: (return_date IS NULL)");
        assertThat(robot.lookup(".plan-node .plan-node-removed")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo("22 rows removed by filter");
        assertThat(robot.lookup(".plan-node .plan-node-subtitle")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo("rows 5 / 27 planned");
        NodeRow row = vm.rows().get(0);
        assertThat(row.indexName()).isEqualTo("idx_fk_customer_id_and_a_rather_long_name");
        assertThat(row.rowsRemovedByFilter()).isEqualTo(22.0);
        @SuppressWarnings("unchecked")
        javafx.scene.control.TreeTableView<NodeRow> tree =
                robot.lookup(".tree-table-view").queryAs(javafx.scene.control.TreeTableView.class);
        assertThat(tree.getColumns()).extracting(c -> c.getText()).contains("Removed by filter", "Index", "Condition");
        assertThat(tree.getColumns().stream()
                        .filter(c -> c.getText().equals("Condition"))
                        .findFirst()
                        .orElseThrow()
                        .getCellData(0))
                .isEqualTo("Index Cond: (customer_id = 42)  Filter: (return_date IS NULL)");
        ViewScreenshots.write(robot, "explain-pasted-text-plan-1100.png");
    }

    @Test
    void ctrlEnterExplainsAndARefusedStatementIsMarkedInRedWhereTheServerSaid(FxRobot robot) {
        String sql = "SELECT title,\n       nope FROM film -- why not\nWHERE film_id = 42";
        int nope = sql.indexOf("nope");
        explains.answers.add(new io.miglab.core.plan.ExplainRefusedException(
                "The server refused the EXPLAIN: ERROR: column \"nope\" does not exist (line 2, column 8)",
                null,
                nope,
                "ERROR: column \"nope\" does not exist",
                null));
        robot.interact(() -> view.setQuery(sql));
        robot.clickOn(view.editor().area());
        robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.ENTER);
        robot.release(javafx.scene.input.KeyCode.ENTER).release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(explains.requests).singleElement().satisfies(r -> assertThat(r.sql())
                .isEqualTo(sql));
        assertThat(view.editor().getText())
                .as("Ctrl+Enter does not break the line")
                .isEqualTo(sql);
        assertThat(view.editor().errorRange()).containsExactly(nope, nope + 4);
        assertThat(view.editor().area().getStyleOfChar(nope + 1)).contains("sql-error");
        assertThat(view.editor().area().getStyleOfChar(1)).contains("sql-keyword");
        assertThat(view.editor().area().getStyleOfChar(sql.indexOf("why"))).contains("sql-comment");
        assertThat(view.editor().area().getStyleOfChar(sql.indexOf("42"))).contains("sql-number");
        assertThat(view.editor().message().isVisible()).isTrue();
        assertThat(view.editor().message().getText())
                .isEqualTo("Line 2, column 8: ERROR: column \"nope\" does not exist");
        ViewScreenshots.write(robot, "explain-query-error-1100.png");

        robot.interact(() -> view.editor().area().replaceText(nope, nope + 4, "rating"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.editor().errorRange()).as("an edit clears the mark").isNull();
        assertThat(view.editor().message().isVisible()).isFalse();

        explains.answers.add(BEFORE);
        robot.interact(view::runPrimaryAction);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(explains.requests).hasSize(2);
        assertThat(vm.rows()).hasSize(1);
    }
}
