package io.miglab.app.sizing.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.ViewScreenshots;
import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.app.sizing.JobSamples;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.sizing.SizingRule;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ScrollPane;
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

/** The Pod sizing step in the shell, headless, on three runs of a loader Job; photographed light and dark. */
@ExtendWith(ApplicationExtension.class)
class SizingScreenshotTest {
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
        window.installShortcuts(scene, Theme.LIGHT);
        stage.setScene(scene);
        // The test stage is shared across test classes: an earlier one may have left it at another size.
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }

    @AfterAll
    static void closeServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theRulesSideBySideAndTheUsageWithTheChosenRequestAndLimit(FxRobot robot) throws Exception {
        Path samples = JobSamples.write(home.resolve("migrate-orders.csv"));
        robot.interact(() -> window.show("step:sizing"));
        robot.interact(() -> services.sizing().loadSamples(samples));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.sizing().recommendations().size() == 4);
        robot.interact(() -> services.sizing().chosenRuleProperty().set(SizingRule.JOB));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".sizing-chart").queryAllAs(LineChart.class))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.getData()).hasSize(5)); // three pods, request, limit
        for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
            robot.interact(() -> window.useTheme(theme));
            scroll(robot, 0);
            ViewScreenshots.write(robot, "sizing-1440x900-" + theme.preferenceValue() + ".png");
            scroll(robot, 0.5);
            ViewScreenshots.write(robot, "sizing-1440x900-scrolled-" + theme.preferenceValue() + ".png");
        }
    }

    @Test
    void experimentJobsRankTheVariantsWithTheirSpreadAndRatio(FxRobot robot) {
        robot.interact(() -> window.show("step:sizing"));
        robot.interact(() -> services.jobExperiments().show(io.miglab.app.sizing.JobMatrices.threeVariants()));
        WaitForAsyncUtils.waitForFxEvents();
        LineChart<?, ?> spread = robot.lookup(".job-spread-chart").queryAs(LineChart.class);
        // One row per variant that had a successful run, each run a point.
        assertThat(spread.getData()).hasSize(3);
        assertThat(robot.lookup(".median-point").queryAll()).hasSize(3);
        assertThat(robot.lookup((javafx.scene.control.Labeled l) -> "1.33x [1.27, 1.44]".equals(l.getText()))
                        .tryQuery())
                .isPresent();
        for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
            robot.interact(() -> window.useTheme(theme));
            scroll(robot, 1);
            ViewScreenshots.write(robot, "sizing-jobs-1440x900-" + theme.preferenceValue() + ".png");
        }
    }

    private static void scroll(FxRobot robot, double where) {
        robot.interact(() -> robot.lookup(".page-scroll").queryAllAs(ScrollPane.class).stream()
                .filter(sp -> sp.getScene() != null && sp.getParent() != null)
                .forEach(sp -> {
                    sp.layout();
                    sp.setVvalue(where);
                }));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
