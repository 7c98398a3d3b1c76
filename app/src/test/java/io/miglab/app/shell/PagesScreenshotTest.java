package io.miglab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.ViewScreenshots;
import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.goals.MigrationGoals.Objective;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
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
 * The Goals, Load Pagila, Inventory and Baseline pages in the shell, headless, on the real lab instance: goals
 * saved, Pagila generated, a snapshot taken and a baseline run, each page photographed at 1440x900 and 1100x720
 * (goals-*.png, load-pagila-*.png, inventory-*.png, baseline-*.png).
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
class PagesScreenshotTest {
    private static final List<int[]> SIZES = List.of(new int[] {1440, 900}, new int[] {1100, 720});

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
    void pagesAfterRealWorkAtBothSizes(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> services.targets().currentStateProperty().get() != null
                        && services.targets().currentStateProperty().get().ok());

        robot.interact(() -> window.show("step:goals"));
        robot.interact(() -> {
            var goals = services.goals();
            goals.objectiveProperty().set(Objective.UPGRADE);
            goals.rto().textProperty().set("15min");
            goals.rpo().textProperty().set("0");
            goals.downtime().textProperty().set("5min");
            goals.targetEngineProperty().set("PostgreSQL");
            goals.targetVersionProperty().set("17");
            goals.rollbackPlanProperty().set("Keep the 16 primary read-only for 48 h and switch the DNS name back.");
            goals.p95Target().textProperty().set("2ms");
            goals.migrationWindow().textProperty().set("2h");
        });
        robot.interact(() -> services.goals().save());
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> services.goals().statusProperty().get().startsWith("Saved"));

        robot.interact(() -> window.show("step:dataset"));
        robot.interact(() -> services.dataset().scaleText().set("abc"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("Generate").queryButton().isDisabled()).isTrue();
        ViewScreenshots.write(robot, "load-pagila-refused-1440x900.png");
        robot.interact(() -> services.dataset().scaleText().set("1"));
        robot.interact(() -> robot.lookup("Generate").queryButton().fire());
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> !services.dataset().runningProperty().get()
                        && !services.dataset().summaryProperty().get().isEmpty());
        assertThat(services.dataset().summaryProperty().get()).contains("pagila_s1");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "pagila_s1"
                .equals(services.database().selected()));
        robot.interact(() -> {
            services.dataset()
                    .folderProperty()
                    .set(io.miglab.core.testing.MachineServices.pagilaRelease().toString());
            services.dataset().importDatabaseProperty().set("pagila");
        });
        robot.interact(() -> robot.lookup("Import").queryButton().fire());
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> !services.dataset().runningProperty().get()
                        && services.dataset().summaryProperty().get().startsWith("Imported"));
        assertThat(services.dataset().tables())
                .as("the Time column is filled for an import")
                .anySatisfy(t -> {
                    assertThat(t.table()).isEqualTo("rental");
                    assertThat(t.elapsed()).isPositive();
                });
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> "pagila".equals(services.database().selected()));

        robot.interact(() -> window.show("step:inventory"));
        robot.interact(() -> robot.lookup("Take snapshot").queryButton().fire());
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> services.inventory().experimentIdProperty().get() > 0
                        && !services.inventory().runningProperty().get());

        robot.interact(() -> window.show("step:baseline"));
        robot.interact(() -> {
            services.baseline().byDurationProperty().set(true);
            services.baseline().durationSecondsProperty().set(6);
            services.baseline().clientsProperty().set(2);
        });
        robot.interact(() -> robot.lookup("Run baseline").queryButton().fire());
        WaitForAsyncUtils.waitFor(
                90,
                TimeUnit.SECONDS,
                () -> !services.baseline().runningProperty().get()
                        && services.baseline().experimentIdProperty().get() > 0);
        assertThat(services.baseline().chartSecondsProperty().get()).isEqualTo(6.0);
        assertThat(services.baseline().p95TargetProperty().get()).isEqualTo(2.0);

        for (int[] size : SIZES) {
            String suffix = "-" + size[0] + "x" + size[1] + ".png";
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            page(robot, "step:goals", "goals" + suffix);
            page(robot, "step:dataset", "load-pagila" + suffix);
            page(robot, "step:inventory", "inventory" + suffix);
            robot.interact(() -> robot.lookup(".inventory-tabs")
                    .queryAs(TabPane.class)
                    .getSelectionModel()
                    .select(2));
            scroll(robot, 1);
            ViewScreenshots.write(robot, "inventory-settings" + suffix);
            robot.interact(() -> robot.lookup(".inventory-tabs")
                    .queryAs(TabPane.class)
                    .getSelectionModel()
                    .select(0));
            page(robot, "step:baseline", "baseline" + suffix);
            robot.interact(() -> services.baseline().logScaleProperty().set(true));
            ViewScreenshots.write(robot, "baseline-log" + suffix);
            robot.interact(() -> services.baseline().logScaleProperty().set(false));
            scroll(robot, 1);
            ViewScreenshots.write(robot, "baseline-results" + suffix);
        }
        Button run = robot.lookup("Run baseline").queryButton();
        assertThat(run.isDisabled()).isFalse();

        // A workload with a statement that always fails: the chart lists it in red with its error.
        Path failing = home.resolve("failing.sql");
        Files.writeString(
                failing,
                "-- name: film_count\nSELECT count(*) FROM film;\n\n-- name: divide\nSELECT 1 / 0;\n",
                java.nio.charset.StandardCharsets.UTF_8);
        robot.interact(() -> {
            stage.setWidth(1440);
            stage.setHeight(900);
            services.baseline().loadWorkloadFile(failing);
            services.baseline().durationSecondsProperty().set(3);
        });
        robot.interact(run::fire);
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> !services.baseline().runningProperty().get()
                        && !services.baseline().failedStatements().isEmpty());
        assertThat(services.baseline().failedStatements())
                .singleElement()
                .asString()
                .startsWith("divide: ")
                .contains("division by zero");
        scroll(robot, 0.45);
        ViewScreenshots.write(robot, "baseline-failed-1440x900.png");

        // The Report step: the latest of each kind ticked, built into the export panel.
        robot.interact(() -> window.show("step:report"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !services.reportStep().choices().isEmpty());
        assertThat(services.reportStep().choices())
                .filteredOn(c -> c.chosenProperty().get())
                .extracting(c -> c.experiment().kind())
                .contains("inventory", "baseline")
                .doesNotHaveDuplicates();
        robot.interact(() -> services.reportStep().build());
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> services.reportStep().export().preparedProperty().get() != null);
        assertThat(services.reportStep().export().previewProperty().get()).contains("h1. ", "||");
        WaitForAsyncUtils.waitForFxEvents();
        ViewScreenshots.write(robot, "report-1440x900.png");
        scroll(robot, 1);
        ViewScreenshots.write(robot, "report-1440x900-scrolled.png");

        // Export for Jira on one experiment: its own window over the main one.
        robot.interact(() -> window.show(MainWindow.EXPERIMENTS));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !services.experiments()
                .experiments()
                .isEmpty());
        robot.interact(() -> services.experiments()
                .select(services.experiments().experiments().stream()
                        .filter(e -> e.kind().equals("baseline"))
                        .findFirst()
                        .orElseThrow()));
        int before = javafx.stage.Window.getWindows().size();
        robot.interact(() -> services.experiments().exportForJira());
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> javafx.stage.Window.getWindows().size() > before
                        && robot.lookup((javafx.scene.control.TextArea t) ->
                                        t.getStyleClass().contains("report-preview")
                                                && t.getScene().getWindow() != stage
                                                && !t.getText().isEmpty())
                                .tryQuery()
                                .isPresent());
        javafx.stage.Window export = javafx.stage.Window.getWindows()
                .get(javafx.stage.Window.getWindows().size() - 1);
        ViewScreenshots.write(robot, export, "export-for-jira-960x760.png");
        robot.interact(() -> ((javafx.stage.Stage) export).close());
    }

    private void page(FxRobot robot, String key, String name) throws Exception {
        robot.interact(() -> window.show(key));
        scroll(robot, 0);
        ViewScreenshots.write(robot, name);
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
