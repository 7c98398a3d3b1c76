package io.miglab.app.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.ViewScreenshots;
import io.miglab.app.shell.Theme;
import io.miglab.app.targets.view.TargetsView;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The add-target form headless, against the machine's PostgreSQL (127.0.0.1:5432, trust): each bad part shows
 * lab-core's message beside it, the URL and the parts fill each other, Save waits for a passed Test, and the typed
 * password lands nowhere on disk.
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
@io.miglab.core.testing.NeedsMachinePostgres
class AddTargetViewTest {
    @TempDir
    Path home;

    Workspace workspace;
    RecordingDialogs dialogs = new RecordingDialogs();
    TargetsViewModel model;
    TargetsView view;

    @Start
    void start(Stage stage) {
        workspace = Workspace.open(new MigLabHome(home), Map.of());
        model = new TargetsViewModel(
                workspace.targets(), workspace.labInstances(), new SameThreadTaskRunner(), dialogs);
        view = new TargetsView(model);
        Scene scene = new Scene(new StackPane(view.root()), 1440, 900);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void badPartsAreExplainedBesideTheFieldAndSaveWaitsForATest(FxRobot robot) throws Exception {
        robot.clickOn("Add target\u2026");
        assertThat(robot.lookup("#add-target-form").query().isVisible()).isTrue();

        set(robot, "db.example.com", "bad host!");
        set(robot, "5432", "99999");
        set(robot, "app", "postgres");
        assertThat(error(robot, "#add-host-error")).contains("'bad host!' is not a host name");
        assertThat(error(robot, "#add-port-error")).isEqualTo("Port 99999 is out of range (1-65535).");
        ViewScreenshots.write(robot, "targets-add-errors.png");

        set(robot, "db.example.com", "127.0.0.1");
        set(robot, "5432", "5432");
        set(robot, System.getProperty("user.name"), "postgres");
        set(robot, "prod-replica", "pg15");
        assertThat(robot.lookup("#add-host-error").query().isVisible()).isFalse();
        assertThat(robot.lookup("#add-port-error").query().isVisible()).isFalse();
        assertThat(field(robot, "jdbc:postgresql://host:5432/database?user=me").getText())
                .as("the parts fill the URL")
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&sslmode=prefer");
        robot.interact(
                () -> robot.lookup("#add-password").queryAs(PasswordField.class).setText("s3cret-typed"));
        assertThat(button(robot, "#add-save").isDisabled()).as("no test yet").isTrue();
        assertThat(button(robot, "#add-save-untested").isDisabled()).isFalse();

        robot.clickOn("#add-test");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#add-test-result").queryAs(Label.class).getText())
                .startsWith("\u2713")
                .contains("Connected to PostgreSQL 15");
        assertThat(button(robot, "#add-save").isDisabled()).isFalse();
        ViewScreenshots.write(robot, "targets-add-tested.png");

        set(robot, "5432", "5433");
        assertThat(button(robot, "#add-save").isDisabled())
                .as("a changed connection needs a new test")
                .isTrue();
        set(robot, "5432", "5432");
        robot.clickOn("#add-test");
        robot.clickOn("#add-save");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        assertThat(workspace.targets().get("pg15").role()).isEqualTo(TargetRole.GUARDED);
        assertThat(workspace.targets().get("pg15").describe()).isEqualTo("postgres@127.0.0.1:5432/postgres");
        assertThat(robot.lookup("#add-target-form").query().isVisible()).isFalse();
        assertThat(model.addForm().passwordProperty().get())
                .as("closing forgets the password")
                .isEmpty();
        assertThat(model.row("pg15").orElseThrow().testFailed()).isFalse();
        workspace.close();
        try (var files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString())
                        .doesNotContain("s3cret-typed");
            }
        }
        workspace = null;
    }

    @Test
    void aUrlFillsThePartsAndItsPasswordIsTakenOut(FxRobot robot) {
        robot.interact(model::openAddForm);
        TextField url = field(robot, "jdbc:postgresql://host:5432/database?user=me");
        robot.interact(() -> url.setText("postgresql://alice:pw@db.internal:6432/shop?sslmode=require"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field(robot, "db.example.com").getText()).isEqualTo("db.internal");
        assertThat(field(robot, "5432").getText()).isEqualTo("6432");
        assertThat(field(robot, "app").getText()).isEqualTo("shop");
        assertThat(model.addForm().sslModeProperty().get()).isEqualTo("require");
        assertThat(url.getText()).doesNotContain("pw");
        assertThat(model.addForm().noticeProperty().get()).contains("taken out of the URL");
    }

    @Test
    void ctrlEnterTestsThenSavesAndEscClosesTheForm(FxRobot robot) {
        robot.interact(() -> {
            model.openAddForm();
            model.addForm().nameProperty().set("keys");
            model.addForm().urlProperty().set("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
            view.runPrimaryAction();
        });
        assertThat(model.addForm().testResultProperty().get().ok()).isTrue();
        assertThat(workspace.targets().find("keys")).as("the first press tests").isEmpty();
        robot.interact(view::runPrimaryAction);
        assertThat(workspace.targets().find("keys")).as("the second saves").isPresent();

        robot.interact(() -> {
            model.openAddForm();
            model.addForm().nameProperty().set("half-typed");
            view.cancelRunningJob();
        });
        assertThat(model.addFormOpenProperty().get()).isFalse();
        assertThat(model.addForm().nameProperty().get()).isEmpty();
    }

    private static void set(FxRobot robot, String prompt, String text) {
        TextField f = field(robot, prompt);
        robot.interact(() -> f.setText(text));
    }

    private static TextField field(FxRobot robot, String prompt) {
        return robot.lookup(n -> n instanceof TextField t && prompt.equals(t.getPromptText()))
                .queryAs(TextField.class);
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    private static String error(FxRobot robot, String id) {
        Label label = robot.lookup(id).queryAs(Label.class);
        assertThat(label.isVisible()).as(id + " shown").isTrue();
        return label.getText();
    }
}
