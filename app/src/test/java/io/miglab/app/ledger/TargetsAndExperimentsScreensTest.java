package io.miglab.app.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.ViewScreenshots;
import io.miglab.app.ledger.view.ExperimentsView;
import io.miglab.app.shell.Theme;
import io.miglab.app.targets.TargetsViewModel;
import io.miglab.app.targets.view.TargetsView;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.plan.ExplainRequest;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
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
 * The Targets and Experiments pages with real content, at 1440x900 and 1100x720: the lab instance, the machine's
 * PostgreSQL as an external target, one that fails its test, the add-target form open; two baselines and an EXPLAIN
 * plan recorded on the lab instance, compared on the page. Writes targets-*.png and experiments-*.png.
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
@io.miglab.core.testing.NeedsMachinePostgres
class TargetsAndExperimentsScreensTest {
    private static final String WORKLOAD = "-- name: by_number\nSELECT count(*) FROM generate_series(1, 20000) g"
            + " WHERE g % 7 = 3;\n-- name: one_row\nSELECT 1;\n";

    @TempDir
    static Path home;

    static Workspace workspace;
    Stage stage;
    RecordingDialogs dialogs = new RecordingDialogs();
    SameThreadTaskRunner runner = new SameThreadTaskRunner();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        stage.setScene(new Scene(new StackPane(), 1440, 900));
        stage.show();
    }

    @AfterAll
    static void close() {
        if (workspace != null) {
            workspace.labInstances().stopStartedHere();
            workspace.close();
        }
    }

    @Test
    void targetsAndExperimentsAtBothSizes(FxRobot robot) throws Exception {
        workspace.labInstances().start("lab", ProgressListener.NONE);
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        workspace
                .targets()
                .add(
                        "machine-pg15",
                        ConnectionSpec.parseUrl("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
                                .spec(),
                        TargetRole.GUARDED);
        workspace
                .targets()
                .add(
                        "old-replica",
                        ConnectionSpec.parseUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=reader")
                                .spec(),
                        TargetRole.GUARDED);
        workspace.targets().unlock("machine-pg15", "try an index on rental(customer_id)", Duration.ofMinutes(45));

        TargetsViewModel targets = new TargetsViewModel(workspace.targets(), workspace.labInstances(), runner, dialogs);
        TargetsView targetsView = new TargetsView(targets);
        robot.interact(() -> {
            show(targetsView.root(), 1440, 900);
            targets.refresh();
            targets.makeCurrent("lab");
            targets.test("old-replica");
            targets.openAddForm();
            targets.addForm().nameProperty().set("staging");
            targets.addForm().urlProperty().set("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        });
        robot.interact(() -> targets.addForm().test());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(targets.row("machine-pg15").orElseThrow().state()).startsWith("reachable, PostgreSQL 15");
        assertThat(targets.row("old-replica").orElseThrow().stateKind()).isEqualTo("unreachable");
        assertThat(targets.row("machine-pg15").orElseThrow().writes()).startsWith("unlocked, ");
        shoot(robot, targetsView.root(), "targets");
        robot.interact(targets::closeAddForm);
        shoot(robot, targetsView.root(), "targets-list");
        robot.interact(targets::stopPolling);

        BaselineOptions options =
                new BaselineOptions(1, 60, null, 1, Duration.ofSeconds(30), Duration.ofSeconds(1), false, 100_000);
        BaselineRequest request = new BaselineRequest(
                "lab",
                "postgres",
                new BaselineRequest.WorkloadSource.Given(Workload.parse("screens.sql", WORKLOAD)),
                options);
        long first = workspace
                .baselines()
                .run(request, ProgressListener.NONE, BaselineListener.NONE, Cancellation.none())
                .experimentId();
        long second = workspace
                .baselines()
                .run(request, ProgressListener.NONE, BaselineListener.NONE, Cancellation.none())
                .experimentId();
        Long explain = workspace
                .explains()
                .capture(
                        ExplainRequest.of(
                                "lab",
                                "postgres",
                                "SELECT count(*) FROM generate_series(1, 20000) g WHERE g % 7 = 3",
                                true,
                                Duration.ofSeconds(30)),
                        Cancellation.none())
                .experimentId();

        ExperimentsViewModel experiments =
                new ExperimentsViewModel(workspace.ledger(), workspace.baselines(), runner, dialogs, id -> {});
        ExperimentsView experimentsView = new ExperimentsView(experiments);
        robot.interact(() -> {
            show(experimentsView.root(), 1440, 900);
            experiments.refresh();
            experiments.select(find(experiments, second));
            experiments.compareWith(first);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(experiments.comparisonProperty().get().statements()).hasSize(2);
        assertThat(experiments.selectedParameters()).isNotEmpty();
        shoot(robot, experimentsView.root(), "experiments-baseline");

        robot.interact(() -> experiments.select(find(experiments, explain)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#open-in-inspector").queryAs(Labeled.class).isVisible())
                .isTrue();
        shoot(robot, experimentsView.root(), "experiments-explain");
    }

    private static Experiment find(ExperimentsViewModel model, long id) {
        return model.experiments().stream()
                .filter(e -> e.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private void show(javafx.scene.Node page, double width, double height) {
        StackPane host = new StackPane(page);
        Scene scene = new Scene(host, width, height);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.sizeToScene();
    }

    /** The page at 1440x900 and at 1100x720, and as much as the shell leaves it in a 1100 px window. */
    private void shoot(FxRobot robot, javafx.scene.Node page, String name) {
        for (int[] size : new int[][] {{1440, 900}, {1100, 720}, {880, 660}}) {
            robot.interact(() -> {
                Parent old = page.getParent();
                if (old instanceof StackPane p) {
                    p.getChildren().remove(page);
                }
                show(page, size[0], size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            ViewScreenshots.write(robot, name + "-" + size[0] + "x" + size[1] + ".png");
        }
    }
}
