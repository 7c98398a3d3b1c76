package io.miglab.app.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeLabInstances;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.targets.TargetRole;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Targets view model against in-memory targets and lab instances: no server, no ledger. */
class TargetsViewModelFakeTest {
    FakeTargets targets = new FakeTargets().with("lab", TargetRole.LAB, "postgres");
    FakeLabInstances labs = new FakeLabInstances().with("lab", false);
    SameThreadTaskRunner runner = new SameThreadTaskRunner();
    RecordingDialogs dialogs = new RecordingDialogs();
    TargetsViewModel model = new TargetsViewModel(targets, labs, runner, dialogs);

    @Test
    void startingTheDefaultLabMakesItCurrentAndRunning() {
        model.startDefaultLab();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.currentProperty().get()).isEqualTo("lab");
        assertThat(model.row("lab").orElseThrow().state()).isEqualTo("running");
        assertThat(model.currentStateProperty().get().ok()).isTrue();
    }

    @Test
    void aGuardedTargetShowsItsUnlockTimeLeftAndLocksAgain() {
        targets.with("prod", TargetRole.GUARDED, "app");
        model.refresh();
        assertThat(model.row("prod").orElseThrow().writes()).isEqualTo("read-only");

        model.unlock("prod", "build an index", Duration.ofMinutes(30));
        assertThat(model.row("prod").orElseThrow().writes())
                .startsWith("unlocked, ")
                .endsWith("min left");

        model.lock("prod");
        assertThat(model.row("prod").orElseThrow().writes()).isEqualTo("read-only");
    }

    @Test
    void aBadLabNameIsShownAsAnError() {
        model.startLab("Bad Name");
        assertThat(dialogs.errors).singleElement().asString().contains("not a valid lab instance name");
    }
}
