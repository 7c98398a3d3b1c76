package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.ViewScreenshots;
import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The "EXPLAIN plans" step of the shell hosts the inspector; a saved plan opens in it. No server needed. */
@ExtendWith(ApplicationExtension.class)
class ExplainStepSmokeTest {
    @TempDir
    static Path home;

    static ShellServices services;
    MainWindow window;

    @Start
    void start(Stage stage) {
        Workspace workspace = Workspace.open(new MigLabHome(home), Map.of());
        BackgroundTasks tasks = new BackgroundTasks();
        services = new ShellServices(workspace, tasks, new FxTaskRunner(tasks), new FxDialogService(stage));
        window = new MainWindow(services);
        Scene scene = new Scene(new StackPane(window.root()), 1440, 900);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterAll
    static void close() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theExplainStepShowsASavedPlan(FxRobot robot) throws Exception {
        robot.interact(() -> window.show("step:explain"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.currentPage()).isEqualTo("step:explain");
        assertThat(robot.lookup(".plan-inspector").tryQuery()).isPresent();
        String plan = PlanInspectorViewModelTest.resource("initplan-filter.plan.json");
        robot.interact(() -> services.plans().openText(plan, "initplan-filter.plan.json"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.plans().rows().size() == 7);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".plan-node").queryAll()).hasSize(7);
        assertThat(ViewScreenshots.write(robot, "shell-explain-step.png")).isNotEmptyFile();
    }

    /** A join whose names are longer than a card: the node type must stay readable, the rest may be cut. */
    static final String BEFORE = String.join(
            "\n",
            "Sort  (cost=1200.50..1201.00 rows=200 width=64) (actual time=45.100..45.200 rows=180 loops=1)",
            "  Sort Key: r.rental_date DESC",
            "  Sort Method: quicksort  Memory: 40kB",
            "  ->  Hash Join  (cost=500.00..1190.00 rows=200 width=64) (actual time=10.000..44.900 rows=180 loops=1)",
            "        Hash Cond: (r.inventory_id = i.inventory_id)",
            "        ->  Seq Scan on rental_history_partitioned_by_month_2026_11 r  (cost=0.00..650.00 rows=200"
                    + " width=40) (actual time=0.020..30.000 rows=180 loops=1)",
            "              Filter: (customer_id = 42)",
            "              Rows Removed by Filter: 16000",
            "        ->  Hash  (cost=300.00..300.00 rows=4581 width=28) (actual time=9.000..9.000 rows=4581 loops=1)",
            "              Buckets: 8192  Batches: 1  Memory Usage: 300kB",
            "              ->  Nested Loop  (cost=0.28..300.00 rows=4581 width=28) (actual time=0.030..7.000"
                    + " rows=4581 loops=1)",
            "                    ->  Seq Scan on inventory i  (cost=0.00..70.81 rows=4581 width=6) (actual"
                    + " time=0.010..1.000 rows=4581 loops=1)",
            "                    ->  Index Scan using film_pkey_with_a_deliberately_long_index_name on film f"
                    + "  (cost=0.28..0.30 rows=1 width=22) (actual time=0.001..0.001 rows=1 loops=4581)",
            "                          Index Cond: (film_id = i.film_id)",
            "Planning Time: 0.500 ms",
            "Execution Time: 45.300 ms",
            "");

    static final String AFTER = BEFORE.replace(
                    "Seq Scan on rental_history_partitioned_by_month_2026_11 r  (cost=0.00..650.00 rows=200",
                    "Index Scan using idx_rental_history_customer_id on rental_history_partitioned_by_month_2026_11"
                            + " r  (cost=0.29..60.00 rows=200")
            .replace("actual time=0.020..30.000 rows=180", "actual time=0.020..0.400 rows=180")
            .replace(
                    "              Filter: (customer_id = 42)\n              Rows Removed by Filter: 16000\n",
                    "              Index Cond: (customer_id = 42)\n")
            .replace("actual time=10.000..44.900", "actual time=9.100..10.900")
            .replace("actual time=45.100..45.200", "actual time=11.100..11.200")
            .replace("Execution Time: 45.300 ms", "Execution Time: 11.300 ms");

    @Test
    void theExplainPageFitsAt1440x900And1100x720(FxRobot robot) throws Exception {
        robot.interact(() -> window.show("step:explain"));
        robot.interact(() -> services.plans().openText(AFTER, "after.plan.txt"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.plans().rows().size() == 7);
        robot.interact(() -> services.plans().compareWithText(BEFORE, "before.plan.txt"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.plans().diffProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TabPane tabs =
                robot.lookup(".plan-inspector .tab-pane").queryAs(javafx.scene.control.TabPane.class);
        Stage stage = (Stage) robot.window(0);
        for (int[] size : new int[][] {{1440, 900}, {1100, 720}}) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            for (int tab = 0; tab < tabs.getTabs().size(); tab++) {
                int index = tab;
                robot.interact(() -> tabs.getSelectionModel().select(index));
                String name = tabs.getTabs()
                        .get(index)
                        .getText()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace(' ', '-');
                ViewScreenshots.write(robot, "explain-" + name + "-" + size[0] + ".png");
            }
        }
        assertThat(robot.lookup(".plan-node").queryAll()).hasSize(7);
    }
}
