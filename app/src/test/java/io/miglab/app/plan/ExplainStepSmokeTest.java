package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
        String folder = System.getProperty("miglab.screenshots");
        Path dir = folder == null ? home.resolve("screenshots") : Path.of(folder);
        Files.createDirectories(dir);
        Node root = robot.window(0).getScene().getRoot();
        robot.interact(() -> {
            try {
                ImageIO.write(
                        SwingFXUtils.fromFXImage(root.snapshot(null, null), null),
                        "png",
                        dir.resolve("shell-explain-step.png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(dir.resolve("shell-explain-step.png")).exists();
    }
}
