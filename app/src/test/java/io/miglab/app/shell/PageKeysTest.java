package io.miglab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeBaselines;
import io.miglab.app.FakeGoals;
import io.miglab.app.FakeInventories;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.dataset.DatasetViewModel;
import io.miglab.app.dataset.view.DatasetView;
import io.miglab.app.goals.GoalsViewModel;
import io.miglab.app.goals.view.GoalsView;
import io.miglab.app.inventory.InventoryViewModel;
import io.miglab.app.inventory.view.InventoryView;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.app.workload.BaselineViewModel;
import io.miglab.app.workload.view.BaselineView;
import io.miglab.core.targets.TargetRole;
import io.miglab.datasets.pagila.Datasets;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Ctrl+Enter and Esc as the pages take them (PageActions), headless, on in-memory services: the main action runs
 * once, a refused form runs nothing, and Esc with nothing running does no harm.
 */
@ExtendWith(ApplicationExtension.class)
class PageKeysTest {
    final FakeTargets targets = new FakeTargets().with("lab", TargetRole.LAB, "postgres", "pagila");
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final FakeInventories inventories = new FakeInventories();
    final FakeBaselines baselines = new FakeBaselines();
    final FakeGoals goals = new FakeGoals();
    final java.util.List<String> loads = new java.util.ArrayList<>();

    InventoryView inventory;
    BaselineView baseline;
    DatasetView dataset;
    DatasetViewModel datasetModel;
    GoalsView goalsView;
    GoalsViewModel goalsModel;

    @Start
    void start(Stage stage) {
        choice.refresh();
        inventory = new InventoryView(new InventoryViewModel(inventories, choice, runner, dialogs, current, () -> {}));
        BaselineViewModel b = new BaselineViewModel(baselines, goals, "p", choice, runner, dialogs, current, () -> {});
        b.iterationsProperty().set(2);
        baseline = new BaselineView(
                b,
                new io.miglab.app.workload.AbTestViewModel(
                        new io.miglab.app.FakeAbTests(),
                        choice,
                        runner,
                        dialogs,
                        current,
                        b.workloadProperty(),
                        () -> {}));
        datasetModel = new DatasetViewModel(
                new Datasets() {
                    @Override
                    public io.miglab.datasets.pagila.PagilaLoads.Recorded<io.miglab.datasets.pagila.PagilaImport>
                            importOfficial(
                                    String t,
                                    java.nio.file.Path f,
                                    String d,
                                    boolean r,
                                    io.miglab.core.ProgressListener p,
                                    io.miglab.core.Cancellation c) {
                        loads.add("import");
                        throw new io.miglab.core.MigLabException("not in this test");
                    }

                    @Override
                    public io.miglab.datasets.pagila.PagilaLoads.Recorded<io.miglab.datasets.pagila.PagilaGeneration>
                            generate(
                                    String t,
                                    io.miglab.datasets.pagila.GenerateOptions o,
                                    io.miglab.core.ProgressListener p,
                                    io.miglab.core.Cancellation c) {
                        loads.add("generate " + o.scale());
                        throw new io.miglab.core.MigLabException("not in this test");
                    }
                },
                choice,
                runner,
                dialogs,
                current,
                () -> {});
        dataset = new DatasetView(datasetModel);
        goalsModel = new GoalsViewModel(goals, "p", runner, dialogs, () -> {});
        goalsView = new GoalsView(goalsModel);
        VBox all = new VBox(inventory.root(), baseline.root(), dataset.root(), goalsView.root());
        stage.setScene(new Scene(new ScrollPane(all), 1200, 800));
        stage.show();
    }

    @Test
    void ctrlEnterRunsEachPagesMainActionAndEscIsHarmless(FxRobot robot) {
        robot.interact(() -> {
            inventory.runPrimaryAction();
            inventory.cancelRunningJob();
            baseline.runPrimaryAction();
            baseline.cancelRunningJob();
            dataset.cancelRunningJob();
        });

        assertThat(inventories.requests).hasSize(1);
        assertThat(baselines.requests).hasSize(1);
        assertThat(baselines.requests.get(0).database()).isEqualTo(choice.selected());
    }

    @Test
    void aRefusedScaleRunsNoLoadAndAValidOneGenerates(FxRobot robot) {
        robot.interact(() -> datasetModel.scaleText().set("abc"));
        robot.interact(dataset::runPrimaryAction);
        assertThat(loads).isEmpty();

        robot.interact(() -> datasetModel.scaleText().set("2"));
        robot.interact(dataset::runPrimaryAction);
        assertThat(loads).containsExactly("generate 2");
    }

    @Test
    void ctrlEnterSavesTheGoalsOnlyWhenEveryFieldReads(FxRobot robot) {
        robot.interact(() -> goalsModel.rto().textProperty().set("soon"));
        robot.interact(goalsView::runPrimaryAction);
        assertThat(goals.saved).isEmpty();

        robot.interact(() -> goalsModel.rto().textProperty().set("30min"));
        robot.interact(goalsView::runPrimaryAction);
        assertThat(goals.saved.get("p").rto()).isEqualTo(java.time.Duration.ofMinutes(30));
    }
}
