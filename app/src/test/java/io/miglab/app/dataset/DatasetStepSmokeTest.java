package io.miglab.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.shell.FxDialogService;
import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.MigLabHome;
import io.miglab.core.Workspace;
import io.miglab.core.target.ConnectionSpec;
import io.miglab.core.target.TargetRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The "Load Pagila" step in the real shell, headless, on the machine's PostgreSQL: generate from the page, wait for
 * the rows per table, and write a screenshot to docs/screenshots.
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
class DatasetStepSmokeTest {
    private static final String DATABASE =
            "smoke_gen_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @TempDir
    static Path home;

    static ShellServices services;
    MainWindow window;

    @Start
    void start(Stage stage) {
        Workspace workspace = Workspace.open(new MigLabHome(home), System.getenv());
        workspace
                .targets()
                .add(
                        "local",
                        ConnectionSpec.parseUrl("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
                                .spec(),
                        TargetRole.LAB);
        BackgroundTasks tasks = new BackgroundTasks();
        services = new ShellServices(workspace, tasks, new FxTaskRunner(tasks), new FxDialogService(stage));
        window = new MainWindow(services);
        Scene scene = new Scene(new StackPane(window.root()), 1360, 900);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        services.targets().refresh();
        services.targets().makeCurrent("local");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (services != null) {
            services.close();
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + "_loading WITH (FORCE)");
        }
    }

    @Test
    void generatingFromTheStepShowsRowsPerTable(FxRobot robot) throws Exception {
        robot.interact(() -> window.show("step:dataset"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> services.dataset().setFolder("/work/shared/datasets/pagila"));
        robot.interact(() -> services.dataset().setGeneratedDatabase(DATABASE));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup((TextField f) -> DATABASE.equals(f.getText())).tryQuery())
                .isPresent();

        robot.interact(() -> robot.lookup((Button b) -> "Generate".equals(b.getText()))
                .queryButton()
                .fire());
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> !services.dataset().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(services.dataset().statusProperty().get()).startsWith("Generated " + DATABASE);
        assertThat(services.dataset().results()).hasSizeGreaterThan(10);
        screenshot(robot, "dataset-step.png");
    }

    private static void screenshot(FxRobot robot, String name) throws Exception {
        String folder = System.getProperty("miglab.screenshots");
        Path dir = folder == null ? home.resolve("screenshots") : Path.of(folder);
        Files.createDirectories(dir);
        Node root = robot.window(0).getScene().getRoot();
        robot.interact(() -> {
            try {
                ImageIO.write(
                        SwingFXUtils.fromFXImage(root.snapshot(null, null), null),
                        "png",
                        dir.resolve(name).toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(dir.resolve(name)).exists();
    }
}
