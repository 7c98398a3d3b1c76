package io.miglab.app.migration.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.ViewScreenshots;
import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.migration.ScriptReviewViewModel;
import io.miglab.app.shell.MainWindow;
import io.miglab.app.shell.ShellServices;
import io.miglab.app.shell.Theme;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.migration.lint.LintRule;
import io.miglab.core.migration.lint.Severity;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import io.miglab.datasets.instances.InstanceGenerator;
import io.miglab.datasets.instances.InstanceScripts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
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
 * The Script review page on the story's migration against a guarded target holding its table: the unindexed batch
 * predicate found with the table's size, marked on its line; the page photographed light and dark.
 */
@NeedsMachinePostgres
@ExtendWith(ApplicationExtension.class)
class ScriptReviewScreenTest {
    @TempDir
    Path home;

    ScratchDatabase inventory;
    ShellServices services;
    MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        inventory = ScratchDatabase.create("script_review");
        try (Connection c = inventory.connect()) {
            InstanceGenerator.generate(c, 5_000, 7, p -> {}, new Cancellation());
        }
        Workspace workspace = Workspace.open(new MigLabHome(home), Map.of());
        workspace
                .targets()
                .add(
                        "inventory-prod-copy",
                        new ConnectionSpec(
                                ScratchDatabase.HOST,
                                ScratchDatabase.PORT,
                                inventory.name(),
                                ScratchDatabase.USER,
                                "disable",
                                Map.of()),
                        TargetRole.GUARDED);
        // The same database as a lab target too: timing samples it and makes its copies there.
        workspace
                .targets()
                .add(
                        "inventory-lab",
                        new ConnectionSpec(
                                ScratchDatabase.HOST,
                                ScratchDatabase.PORT,
                                inventory.name(),
                                ScratchDatabase.USER,
                                "disable",
                                Map.of()),
                        TargetRole.LAB);
        BackgroundTasks tasks = new BackgroundTasks();
        services = new ShellServices(workspace, tasks, new FxTaskRunner(tasks), new FxDialogService(stage));
        window = new MainWindow(services);
        Scene scene = new Scene(new StackPane(window.root()), 1440, 900);
        window.installShortcuts(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }

    @AfterEach
    void cleanUp() {
        if (services != null) {
            services.close();
        }
        if (inventory != null) {
            inventory.close();
        }
    }

    @Test
    void timingAtFourSizesJudgesTheScriptAndItsFixAgainstTheWindow(FxRobot robot) throws Exception {
        Path script = home.resolve("timed-" + InstanceScripts.AS_WRITTEN.fileName());
        try (InputStream in = InstanceScripts.AS_WRITTEN.open()) {
            Files.copy(in, script);
        }
        robot.interact(() -> services.targets().makeCurrent("inventory-lab"));
        robot.interact(() -> window.show(MainWindow.SCRIPT));
        ScriptReviewViewModel model = services.scriptReview();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> inventory
                .name()
                .equals(services.database().selected()));
        robot.interact(() -> model.open(script));
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> !model.runningProperty().get()
                        && !model.summaryProperty().get().isEmpty());
        robot.interact(() -> {
            model.sizesProperty().set("10%,20%,40%,80%");
            model.thresholdProperty().set("2h");
            model.tryFixesProperty().set(true);
            model.time();
        });
        WaitForAsyncUtils.waitFor(
                240,
                TimeUnit.SECONDS,
                () -> !model.runningProperty().get() && model.assessments().size() >= 2);
        assertThat(model.assessments()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(model.assessments().get(0).label()).isEqualTo("as written");
        assertThat(model.assessments())
                .allSatisfy(a -> assertThat(a.verdict().sentence()).contains("2 h"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".timing-chart")
                        .queryAs(javafx.scene.chart.LineChart.class)
                        .getData())
                .isNotEmpty();
        robot.interact(() -> robot.lookup(".page-scroll")
                .queryAllAs(javafx.scene.control.ScrollPane.class)
                .forEach(sp -> sp.setVvalue(sp.getVmax())));
        WaitForAsyncUtils.waitForFxEvents();
        for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
            robot.interact(() -> window.useTheme(theme));
            ViewScreenshots.write(robot, "script-review-timing-1440x900-" + theme.preferenceValue() + ".png");
        }

        // The heaviest statements of each variant, from the explained run: the procedure's batch UPDATE first.
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<HeavyStatementsTable.Row> heavy =
                robot.lookup(".heavy-statements").queryAs(javafx.scene.control.TableView.class);
        assertThat(heavy.getItems()).isNotEmpty();
        assertThat(heavy.getItems())
                .extracting(HeavyStatementsTable.Row::variant)
                .contains("as written", "with the temporary index");
        HeavyStatementsTable.Row first = heavy.getItems().get(0);
        assertThat(first.statement().query()).startsWith("UPDATE instance");
        assertThat(first.statement().calls()).isGreaterThan(1);
        // Open plan takes its plan to the plan inspector, on the EXPLAIN step.
        robot.interact(() -> heavy.getSelectionModel().select(0));
        robot.clickOn("Open plan");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.plans().inspectedProperty().get() != null);
        assertThat(services.plans().rows())
                .extracting(io.miglab.app.plan.NodeRow::label)
                .contains("Update on instance");
        assertThat(window.currentPage()).contains("explain");
    }

    @Test
    void theStorysScriptShowsItsUnindexedBatchPredicateWithTheTablesSize(FxRobot robot) throws Exception {
        Path script = home.resolve(InstanceScripts.AS_WRITTEN.fileName());
        try (InputStream in = InstanceScripts.AS_WRITTEN.open()) {
            Files.copy(in, script);
        }
        robot.interact(() -> services.targets().makeCurrent("inventory-prod-copy"));
        robot.interact(() -> window.show(MainWindow.SCRIPT));
        ScriptReviewViewModel model = services.scriptReview();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> inventory
                .name()
                .equals(services.database().selected()));
        robot.interact(() -> model.open(script));
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> !model.runningProperty().get()
                        && !model.summaryProperty().get().isEmpty());
        assertThat(model.summaryProperty().get()).contains("from inventory-prod-copy");
        assertThat(model.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(LintRule.UNINDEXED_BATCH_PREDICATE);
            assertThat(f.table()).isEqualTo("instance");
            assertThat(f.rows()).isEqualTo(5_000);
            assertThat(f.help()).contains("CREATE INDEX CONCURRENTLY");
        });
        int line = model.findings().stream()
                .filter(f -> f.rule() == LintRule.UNINDEXED_BATCH_PREDICATE)
                .findFirst()
                .orElseThrow()
                .line();
        assertThat(model.markedLines()).containsKey(line);
        assertThat(model.markedLines().get(line)).isIn(Severity.WARNING, Severity.INFO, Severity.ERROR);
        // Choosing the finding takes the caret to its line.
        robot.interact(() -> robot.lookup(".script-findings")
                .queryListView()
                .getSelectionModel()
                .select(0));
        WaitForAsyncUtils.waitForFxEvents();
        for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
            robot.interact(() -> window.useTheme(theme));
            ViewScreenshots.write(robot, "script-review-1440x900-" + theme.preferenceValue() + ".png");
        }
    }
}
