package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.plan.view.PlanInspectorView;
import io.miglab.app.shell.Theme;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.app.widget.DatabasePicker;
import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.plan.Explains;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import io.miglab.datasets.pagila.GenerateOptions;
import io.miglab.datasets.pagila.PagilaLoads;
import java.nio.file.Path;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The EXPLAIN page on the embedded lab instance after Pagila was loaded into database {@code pagila}: the database
 * picker comes up on pagila (the database last used on the target), and the plan is captured there, not in the
 * target's own database (which has no rental table).
 */
@Tag("postgres")
@ExtendWith(ApplicationExtension.class)
class PlanInspectorDatabaseTest {
    @TempDir
    static Path home;

    static Workspace workspace;
    final RecordingDialogs dialogs = new RecordingDialogs();
    PlanInspectorViewModel vm;
    PlanInspectorView view;

    @BeforeAll
    static void labWithPagila() {
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        workspace.labInstances().start("lab", ProgressListener.NONE);
        new PagilaLoads(workspace.ledger(), "lab", workspace.targets().connector("lab"))
                .generate(GenerateOptions.of(1, "pagila"), ProgressListener.NONE, Cancellation.none());
        // What choosing the database on the Load Pagila page leaves behind.
        workspace.targets().rememberDatabase("lab", "pagila");
    }

    @AfterAll
    static void stopLab() {
        if (workspace != null) {
            workspace.labInstances().stopStartedHere();
            workspace.close();
        }
    }

    @Start
    void start(Stage stage) {
        SameThreadTaskRunner runner = new SameThreadTaskRunner();
        DatabaseChoice database = new DatabaseChoice(workspace.targets(), runner, new SimpleStringProperty("lab"));
        database.refresh();
        vm = new PlanInspectorViewModel(workspace.explains(), database, runner, dialogs);
        view = new PlanInspectorView(vm, () -> "lab");
        Scene scene = new Scene(new StackPane(view.root()), 1440, 900);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void explainRunsInTheDatabaseLastUsedOnTheTarget(FxRobot robot) {
        DatabasePicker picker = robot.lookup(".database-picker").queryAs(DatabasePicker.class);
        assertThat(picker.comboBox().getValue()).isEqualTo("pagila");
        assertThat(picker.comboBox().getItems()).contains("postgres", "pagila");

        robot.interact(() -> view.setQuery("SELECT * FROM rental LIMIT 5"));
        robot.interact(() -> robot.lookup("#explain-run").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.inspectedProperty().get().database()).isEqualTo("pagila");
        assertThat(vm.rows()).extracting(NodeRow::label).anyMatch(l -> l.contains("on rental"));
        Explains.Capture recorded = workspace.explains().captures("lab", 1).get(0);
        assertThat(recorded.database()).isEqualTo("pagila");
        assertThat(robot.lookup(".plan-node").queryAll()).hasSize(vm.rows().size());

        robot.interact(() -> picker.comboBox().setValue("postgres"));
        robot.interact(() -> robot.lookup("#explain-run").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.queryErrorProperty().get())
                .as("the target's own database has no rental table")
                .isEqualTo(new PlanInspectorViewModel.QueryError(14, "ERROR: relation \"rental\" does not exist"));
        assertThat(view.editor().errorRange()).containsExactly(14, 20);
        assertThat(view.editor().message().getText())
                .isEqualTo("Line 1, column 15: ERROR: relation \"rental\" does not exist");
        assertThat(workspace.targets().lastDatabase("lab")).contains("postgres");
    }
}
