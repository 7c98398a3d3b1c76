package io.miglab.app.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.MigLabHome;
import io.miglab.core.Workspace;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.TargetRole;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Targets view model with a real workspace and lab instance, run on the test thread. */
@Tag("postgres")
class TargetsViewModelTest {
    @TempDir
    Path home;

    Workspace workspace;
    SameThreadTaskRunner runner = new SameThreadTaskRunner();
    RecordingDialogs dialogs = new RecordingDialogs();
    TargetsViewModel model;

    @BeforeEach
    void open() {
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        model = new TargetsViewModel(workspace, runner, dialogs);
    }

    @AfterEach
    void close() {
        workspace.labInstances().stopStartedHere();
        workspace.close();
    }

    @Test
    void firstStartCreatesTheDefaultLabAndMakesItCurrentAndConnected() {
        model.startDefaultLab();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.currentProperty().get()).isEqualTo("lab");
        assertThat(model.rows()).extracting(TargetRow::name).containsExactly("lab");
        assertThat(model.rows().get(0).state()).isEqualTo("running");
        ConnectionCheck state = model.currentStateProperty().get();
        assertThat(state.ok()).as(state.message()).isTrue();
        assertThat(model.startupMessageProperty().get()).isEmpty();
    }

    @Test
    void stoppingTheCurrentLabShowsItStoppedAndStartingItReconnects() {
        model.startDefaultLab();

        model.stopLab("lab");
        assertThat(model.row("lab").orElseThrow().state()).isEqualTo("stopped");
        assertThat(model.currentStateProperty().get().problem())
                .isEqualTo(ConnectionCheck.Problem.LAB_INSTANCE_STOPPED);

        model.startLab("lab");
        assertThat(model.currentStateProperty().get().ok()).isTrue();
    }

    @Test
    void aNewLabInstanceBecomesASecondTargetAndBadNamesAreExplained() {
        model.startDefaultLab();
        model.startLab("second");
        assertThat(model.rows()).extracting(TargetRow::name).containsExactly("lab", "second");
        assertThat(model.row("second").orElseThrow().state()).isEqualTo("running");

        model.startLab("Bad Name");
        assertThat(dialogs.errors).singleElement().asString().contains("not a valid lab instance name");
    }

    @Test
    void badInputIsShownAsAnErrorAndNothingIsStored() {
        model.add("broken", "http://example.com", TargetRole.GUARDED);

        assertThat(dialogs.errors).singleElement().asString().contains("not a PostgreSQL URL");
        assertThat(workspace.targets().find("broken")).isEmpty();
    }

    @Test
    void addedGuardedTargetIsTestedUnlockedAndLockedAgain() {
        io.miglab.core.testing.MachineServices.assumePostgres();
        model.add("service", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=x", TargetRole.GUARDED);

        assertThat(dialogs.notices).anyMatch(n -> n.contains("password in the URL was not stored"));
        assertThat(model.lastTestProperty().get().ok()).isTrue();
        assertThat(model.row("service").orElseThrow().writes()).isEqualTo("read-only");

        model.unlock("service", "try an index", Duration.ofMinutes(10));
        assertThat(model.row("service").orElseThrow().writes()).startsWith("unlocked until");

        model.lock("service");
        assertThat(model.row("service").orElseThrow().writes()).isEqualTo("read-only");

        dialogs.answer = false;
        model.remove("service");
        assertThat(model.row("service")).as("declined confirmation keeps it").isPresent();
        dialogs.answer = true;
        model.remove("service");
        assertThat(model.row("service")).isEmpty();
    }
}
