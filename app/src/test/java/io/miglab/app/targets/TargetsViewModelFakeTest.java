package io.miglab.app.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeLabInstances;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.targets.ConnectionCheck;
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
        assertThat(model.row("prod").orElseThrow().unlockDetails())
                .startsWith("Unlocked by tester until ")
                .endsWith(": build an index");

        model.lock("prod");
        assertThat(model.row("prod").orElseThrow().writes()).isEqualTo("read-only");
    }

    @Test
    void externalTargetsShowReachabilityWhileThePageIsShown() {
        targets.with("replica", TargetRole.GUARDED, "app").with("far", TargetRole.GUARDED, "app");
        targets.answers.put(
                "far",
                new ConnectionCheck(
                        "far",
                        ConnectionCheck.Problem.TIMEOUT,
                        "No answer from 10.255.255.1:5432 within 3 s: the host may be down.",
                        null,
                        null,
                        true));
        model.refresh();
        assertThat(model.row("replica").orElseThrow().state()).isEqualTo("checking\u2026");

        model.pageShown();
        assertThat(model.row("replica").orElseThrow().state()).isEqualTo("reachable, PostgreSQL 16.15");
        assertThat(model.row("replica").orElseThrow().stateKind()).isEqualTo("reachable");
        TargetRow far = model.row("far").orElseThrow();
        assertThat(far.state()).isEqualTo("unreachable: no answer");
        assertThat(far.stateKind()).isEqualTo("unreachable");
        assertThat(far.testFailed()).isTrue();
        assertThat(far.stateDetails()).contains("within 3 s");

        targets.answers.remove("far");
        runner.tick();
        assertThat(model.row("far").orElseThrow().stateKind()).isEqualTo("reachable");
        model.pageHidden();
    }

    @Test
    void aLoginProblemIsATestFailureNotUnreachable() {
        targets.with("prod", TargetRole.GUARDED, "app");
        targets.answers.put(
                "prod",
                new ConnectionCheck(
                        "prod",
                        ConnectionCheck.Problem.AUTHENTICATION,
                        "The server rejected the password for user 'me'.",
                        null,
                        null,
                        true));
        model.refresh();
        model.test("prod");
        assertThat(model.row("prod").orElseThrow().state()).isEqualTo("test failed: login refused");
        assertThat(model.row("prod").orElseThrow().stateKind()).isEqualTo("test-failed");
    }

    @Test
    void aNewLabInstanceIsNamedInADialogAndStartedOnTheChosenVersion() {
        dialogs.inputs.add(" restore ");
        dialogs.inputs.add("PostgreSQL 16.15 (bundled)");
        model.newLabInstance();
        assertThat(labs.find("restore"))
                .hasValueSatisfying(i -> assertThat(i.running()).isTrue());

        dialogs.inputs.add("old");
        dialogs.inputs.add("PostgreSQL 15.19 (downloaded once from Maven Central)");
        model.newLabInstance();
        assertThat(labs.find("old"))
                .hasValueSatisfying(i -> assertThat(i.major()).isEqualTo(15));

        dialogs.inputs.add("undecided");
        model.newLabInstance();
        assertThat(labs.find("undecided")).as("version dialog cancelled").isEmpty();

        model.newLabInstance();
        assertThat(labs.list()).as("cancelled: nothing more").hasSize(3);
    }

    @Test
    void aBadLabNameIsShownAsAnError() {
        model.startLab("Bad Name");
        assertThat(dialogs.errors).singleElement().asString().contains("not a valid lab instance name");
    }
}
