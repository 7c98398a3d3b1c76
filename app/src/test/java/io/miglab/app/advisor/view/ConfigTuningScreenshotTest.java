package io.miglab.app.advisor.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.ViewScreenshots;
import io.miglab.app.advisor.ConfigTuningViewModel;
import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.advisor.config.SettingDiff;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
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
 * The Config tuning step in the shell, headless, on the real lab instance: the advice for a 4 GB, 2-CPU web server
 * compared with the lab's pg_settings, applied after the ALTER SYSTEM confirmation, proven with a short A/B test,
 * and rolled back; photographed light and dark at 1440x900 (config-tuning-*.png).
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
class ConfigTuningScreenshotTest {
    @TempDir
    static Path home;

    static ShellServices services;
    MainWindow window;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Workspace workspace = Workspace.open(new MigLabHome(home), System.getenv());
        BackgroundTasks tasks = new BackgroundTasks();
        services = new ShellServices(workspace, tasks, new FxTaskRunner(tasks), new FxDialogService(stage));
        window = new MainWindow(services);
        Scene scene = new Scene(new StackPane(window.root()), 1440, 900);
        Theme.apply(scene);
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
        services.targets().startDefaultLab();
    }

    @AfterAll
    static void closeServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void adviceDiffApplyProofAndRollbackLightAndDark(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> services.targets().currentStateProperty().get() != null
                        && services.targets().currentStateProperty().get().ok());
        // A workload that needs no dataset: a sort that spills past 4 MB of work_mem, and a catalog join.
        Path workload = home.resolve("config-proof.sql");
        Files.writeString(
                workload,
                "-- name: sort_200k\nSELECT g FROM generate_series(1, 200000) g ORDER BY g DESC OFFSET 199990;\n\n"
                        + "-- name: catalog_join\nSELECT count(*) FROM pg_class c JOIN pg_attribute a ON"
                        + " a.attrelid = c.oid;\n",
                StandardCharsets.UTF_8);
        robot.interact(() -> services.baseline().loadWorkloadFile(workload));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> services.baseline().workloadProperty().get() != null);

        ConfigTuningViewModel model = services.configTuning();
        robot.interact(() -> window.show("step:config"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> model.versionProperty().get() == 16);
        robot.interact(() -> {
            model.ramProperty().set("4GB");
            model.cpusProperty().set(2);
            model.connectionsProperty().set("20");
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.diff().stream()
                .anyMatch(d -> d.name().equals("work_mem") && d.recommended().equals("37449kB")));
        assertThat(model.diff()).anyMatch(SettingDiff::applicable);
        shoot(robot, "config-tuning-1440x900");

        // Apply: the confirmation shows the ALTER SYSTEM text; photograph it, then press OK.
        robot.interact(() -> Platform.runLater(model::apply));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog(robot) != null);
        Window confirm = dialog(robot);
        assertThat(((javafx.scene.control.TextArea)
                                ((DialogPane) confirm.getScene().getRoot()).getContent())
                        .getText())
                .contains("ALTER SYSTEM SET shared_buffers = '1GB';");
        snapshot(robot, confirm, "config-tuning-confirm-1440x900-light.png");
        press(robot, confirm, ButtonType.OK);
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> model.summaryProperty().get().contains("settings applied"));

        robot.interact(() -> {
            model.roundsProperty().set(4);
            model.iterationsProperty().set(6);
        });
        robot.interact(model::prove);
        WaitForAsyncUtils.waitFor(
                300, TimeUnit.SECONDS, () -> model.summaryProperty().get().contains("interleaved pairs"));
        assertThat(model.abResultProperty().get().comparison().statements()).hasSize(2);
        shoot(robot, "config-tuning-applied-1440x900");

        // Roll back, confirmed the same way.
        robot.interact(() -> Platform.runLater(model::rollback));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog(robot) != null);
        press(robot, dialog(robot), ButtonType.OK);
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> model.summaryProperty().get().contains("rolled back experiment"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.lastApplyProperty().get()).isNull();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.diff().stream()
                .anyMatch(d -> d.name().equals("work_mem") && "4MB".equals(d.current())));
    }

    /** The page at the top and scrolled down, light then dark. */
    private void shoot(FxRobot robot, String name) {
        for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
            robot.interact(() -> window.useTheme(theme));
            String suffix = "-" + theme.preferenceValue() + ".png";
            scroll(robot, 0);
            ViewScreenshots.write(robot, name + suffix);
            scroll(robot, 1);
            ViewScreenshots.write(robot, name + "-scrolled" + suffix);
        }
        robot.interact(() -> window.useTheme(Theme.LIGHT));
        scroll(robot, 0);
    }

    private static Window dialog(FxRobot robot) {
        return robot.listWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane)
                .findFirst()
                .orElse(null);
    }

    private static void press(FxRobot robot, Window dialog, ButtonType type) {
        robot.interact(() -> ((Button) ((DialogPane) dialog.getScene().getRoot()).lookupButton(type)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void snapshot(FxRobot robot, Window window, String name) {
        Path file = Path.of(System.getProperty("miglab.screenshots", "target/screenshots"))
                .resolve(name);
        robot.interact(() -> {
            try {
                Files.createDirectories(file.getParent());
                ImageIO.write(
                        SwingFXUtils.fromFXImage(window.getScene().getRoot().snapshot(null, null), null),
                        "png",
                        file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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
