package io.miglab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.dialog.FxDialogService;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * The whole shell, headless (Monocle), on a real workspace: the default lab instance starts, the target bar turns
 * connected, the pages open. Writes screenshots of each screen to docs/screenshots.
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
class ShellSmokeTest {
    @TempDir
    static Path home;

    static ShellServices services;
    MainWindow window;

    @Start
    void start(Stage stage) {
        Workspace workspace = Workspace.open(new MigLabHome(home), System.getenv());
        seedExperiments(workspace);
        BackgroundTasks tasks = new BackgroundTasks();
        services = new ShellServices(workspace, tasks, new FxTaskRunner(tasks), new FxDialogService(stage));
        window = new MainWindow(services);
        Scene scene = new Scene(new StackPane(window.root()), 1360, 860);
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
    void shellStartsTheLabInstanceAndShowsEveryPage(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> services.targets().currentStateProperty().get() != null
                        && services.targets().currentStateProperty().get().ok());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(services.targets().currentProperty().get()).isEqualTo("lab");
        Label state = robot.lookup(".connection-state").queryAs(Label.class);
        assertThat(state.getText()).startsWith("Connected").contains("PostgreSQL 16");
        assertThat(robot.lookup(".step-title").queryAllAs(Label.class))
                .extracting(Label::getText)
                .contains("Goals and constraints", "Load Pagila", "EXPLAIN plans");
        screenshot(robot, "shell-playbook-step.png");

        robot.interact(() -> window.show("step:targets"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.currentPage()).isEqualTo("step:targets");

        robot.interact(() -> window.show(MainWindow.TARGETS));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !services.targets().rows().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> targets = robot.lookup(".table-view").queryAs(TableView.class);
        assertThat(targets.getItems()).hasSize(1);
        robot.interact(() -> targets.getSelectionModel().select(0));
        robot.interact(() -> services.targets().test("lab"));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> services.targets().lastTestProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "targets.png");

        robot.interact(() -> window.show("step:dataset"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Generate");
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> !services.dataset().summaryProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(services.dataset().summaryProperty().get()).contains("pagila_s1");
        assertThat(services.dataset().tables())
                .anySatisfy(t -> assertThat(t.table()).isEqualTo("rental"));
        screenshot(robot, "load-pagila.png");

        robot.interact(() -> window.show(MainWindow.EXPERIMENTS));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.experiments().experiments().size() == 4);
        robot.interact(() -> services.experiments()
                .select(services.experiments().experiments().get(0)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !services.experiments()
                .selectedArtifacts()
                .isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.currentPage()).isEqualTo(MainWindow.EXPERIMENTS);
        screenshot(robot, "experiments.png");

        inventoryOfTheGeneratedPagila(robot);
        baselineOfTheGeneratedPagila(robot);

        services.close();
        assertThat(services.workspace().labInstances().describe("lab").running())
                .as("closing the app stops the lab instance it started")
                .isFalse();
    }

    /** The Inventory step on pagila_s1: a snapshot through the button, findings and tables filled. */
    private void inventoryOfTheGeneratedPagila(FxRobot robot) throws Exception {
        robot.interact(() -> window.show("step:inventory"));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> services.database().databases().contains("pagila_s1"));
        robot.interact(() -> services.database().choose("pagila_s1"));
        robot.clickOn("Take snapshot");
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> services.inventory().experimentIdProperty().get() > 0
                        && !services.inventory().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(services.inventory().tables())
                .anySatisfy(t -> assertThat(t.name()).isEqualTo("rental"));
        assertThat(services.inventory().summaryProperty().get()).startsWith("pagila_s1 on lab");
        screenshot(robot, "inventory.png");
        robot.interact(() -> {
            robot.lookup(".inventory-tabs")
                    .queryAs(javafx.scene.control.TabPane.class)
                    .getSelectionModel()
                    .select(1);
            scrollToBottom(robot);
        });
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "inventory-indexes.png");
    }

    /**
     * The Baseline step on pagila_s1 with the bundled workload: the live chart fills while it runs, the results
     * table when it ends; a second run and a comparison of the two.
     */
    private void baselineOfTheGeneratedPagila(FxRobot robot) throws Exception {
        robot.interact(() -> window.show("step:baseline"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "pagila_s1"
                .equals(services.database().selected()));
        robot.interact(() -> {
            services.baseline().byDurationProperty().set(true);
            services.baseline().durationSecondsProperty().set(4);
            services.baseline().clientsProperty().set(2);
        });
        java.util.concurrent.atomic.AtomicInteger liveWhileRunning = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(
                () -> services.baseline().livePoints().addListener((javafx.collections.ListChangeListener<Object>)
                        c -> {
                            if (services.baseline().runningProperty().get()) {
                                liveWhileRunning.incrementAndGet();
                            }
                        }));
        javafx.scene.control.Button run = robot.lookup("Run baseline").queryButton();
        robot.interact(run::fire);
        WaitForAsyncUtils.waitFor(
                90,
                TimeUnit.SECONDS,
                () -> !services.baseline().runningProperty().get()
                        && services.baseline().experimentIdProperty().get() > 0);
        assertThat(liveWhileRunning.get())
                .as("live points arrive while the baseline runs")
                .isGreaterThanOrEqualTo(2);
        long first = services.baseline().experimentIdProperty().get();
        robot.interact(run::fire);
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> !services.baseline().runningProperty().get()
                        && services.baseline().experimentIdProperty().get() > first);
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> services.baseline().compareAProperty().get() != null
                        && services.baseline().compareAProperty().get().experimentId() == first);
        robot.interact(() -> services.baseline().compare());
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> !services.baseline().comparison().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(services.baseline().results()).hasSizeGreaterThan(6);
        assertThat(services.baseline().results())
                .allSatisfy(r -> assertThat(r.errors()).isZero());
        screenshot(robot, "baseline.png");
        robot.interact(() -> scrollToBottom(robot));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "baseline-compare.png");
    }

    /** Scrolls the page shown to its end, for a screenshot of what is below the fold. */
    private static void scrollToBottom(FxRobot robot) {
        robot.lookup(".page-scroll").queryAllAs(javafx.scene.control.ScrollPane.class).stream()
                .filter(sp -> sp.getScene() != null && sp.isVisible() && sp.getParent() != null)
                .forEach(sp -> sp.setVvalue(1));
    }

    /** Experiments to look at in the screenshots, recorded through the same ledger API features use. */
    private static void seedExperiments(Workspace workspace) {
        record(workspace, "inventory", "Inventory of pagila", true, "tables", 21, "");
        record(workspace, "baseline", "Pagila baseline: 8 statements, 4 clients", true, "latency.p95", 3.42, "ms");
        record(workspace, "explain", "Rentals per customer, before index", false, "execution.time", 812.5, "ms");
    }

    private static void record(
            Workspace ws, String kind, String title, boolean ok, String measure, double value, String unit) {
        try (ExperimentRun run =
                ws.ledger().begin(kind, title, new TargetFingerprint("lab", "16.15", "3f9c2a1b", "pagila@1"), null)) {
            run.measure(measure, value, unit);
            run.attach(kind + ".json", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            run.tag("screenshot-sample");
            if (ok) {
                run.succeed();
            } else {
                run.fail(new io.miglab.core.MigLabException("canceling statement due to statement timeout"));
            }
        }
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
