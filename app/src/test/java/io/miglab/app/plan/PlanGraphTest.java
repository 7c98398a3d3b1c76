package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeExplains;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
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
}
