package io.miglab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The keyboard side of the shell, headless, on a real workspace without starting a lab instance: the Ctrl+K palette
 * reaches every step (10 to 12 too), F1 opens and Esc closes the shortcut sheet, Ctrl+PgDn walks the steps, and the
 * dark theme is shown at once and remembered in the ledger.
 */
@ExtendWith(ApplicationExtension.class)
class ShellKeyboardTest {
    @TempDir
    Path home;

    ShellServices services;
    MainWindow window;
    Scene scene;

    @Start
    void start(Stage stage) {
        Workspace workspace = Workspace.open(new MigLabHome(home), System.getenv());
        BackgroundTasks tasks = new BackgroundTasks();
        services = new ShellServices(workspace, tasks, new FxTaskRunner(tasks), new FxDialogService(stage));
        window = new MainWindow(services);
        scene = new Scene(new StackPane(window.root()), 1100, 720);
        window.installShortcuts(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void thePaletteReachesAStepPastNineByName(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.overlayOpen()).isTrue();
        robot.write("sizing");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.overlayOpen()).isFalse();
        assertThat(window.currentPage()).isEqualTo("step:sizing");
    }

    @Test
    void escapeClosesThePaletteWithoutRunningAnything(FxRobot robot) {
        String before = window.currentPage();
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.write("report");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.overlayOpen()).isFalse();
        assertThat(window.currentPage()).isEqualTo(before);
    }

    @Test
    void f1OpensTheShortcutSheetAndEscClosesIt(FxRobot robot) {
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.overlayOpen()).isTrue();
        assertThat(robot.lookup("Keyboard shortcuts").tryQuery()).isPresent();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.overlayOpen()).isFalse();
    }

    @Test
    void ctrlPageDownWalksPastTheNinthStep(FxRobot robot) {
        robot.interact(() -> window.show("step:migrate"));
        for (int i = 0; i < 3; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN, KeyCode.CONTROL);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.currentPage()).isEqualTo("step:report");
    }

    @Test
    void theDarkThemeIsShownAndRemembered(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.theme()).isEqualTo(Theme.DARK);
        assertThat(scene.getRoot().getStyleClass()).contains("theme-dark");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> Theme.fromPreference(services.workspace().preferences().get(Theme.PREFERENCE)) == Theme.DARK);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> Theme.fromPreference(services.workspace().preferences().get(Theme.PREFERENCE)) == Theme.LIGHT);
        assertThat(scene.getRoot().getStyleClass()).contains("theme-light").doesNotContain("theme-dark");
    }
}
