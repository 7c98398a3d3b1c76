package io.miglab.app.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        model = new TargetsViewModel(workspace.targets(), workspace.labInstances(), runner, dialogs);
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
        assertThat(model.lastTestDetailsProperty().get())
                .contains("The server lets role 'postgres' write: it is a superuser")
                .contains("The read-only guard is MigLab's, not the server's");
        assertThat(model.row("service").orElseThrow().writes()).isEqualTo("read-only");
        assertThat(model.row("service").orElseThrow().state()).startsWith("reachable, PostgreSQL 1");

        model.unlock("service", "try an index", Duration.ofMinutes(10));
        assertThat(model.row("service").orElseThrow().writes()).isEqualTo("unlocked, 10 min left");

        model.lock("service");
        assertThat(model.row("service").orElseThrow().writes()).isEqualTo("read-only");

        dialogs.answer = false;
        model.remove("service");
        assertThat(model.row("service")).as("declined confirmation keeps it").isPresent();
        dialogs.answer = true;
        model.remove("service");
        assertThat(model.row("service")).isEmpty();
    }

    @Test
    void theTimeLeftOfAnUnlockCountsDownWhileThePageIsShown() {
        MovingClock clock = new MovingClock(Instant.now());
        model = new TargetsViewModel(workspace.targets(), workspace.labInstances(), runner, dialogs, clock);
        workspace.targets().add("prod", spec(5432), TargetRole.GUARDED);
        clock.set(workspace
                .targets()
                .unlock("prod", "migrate", Duration.ofMinutes(60))
                .unlockedAt());
        model.pageShown();
        assertThat(model.row("prod").orElseThrow().writes()).isEqualTo("unlocked, 60 min left");

        clock.advance(Duration.ofMinutes(8));
        runner.tick();
        assertThat(model.row("prod").orElseThrow().writes()).isEqualTo("unlocked, 52 min left");
        assertThat(model.row("prod").orElseThrow().unlocked()).isTrue();

        // Locked from elsewhere (the CLI): the page follows at its next re-read.
        workspace.targets().lock("prod");
        runner.tick();
        assertThat(model.row("prod").orElseThrow().writes()).isEqualTo("read-only");

        workspace.targets().unlock("prod", "again", Duration.ofMinutes(30));
        model.pageHidden();
        runner.tick();
        assertThat(model.row("prod").orElseThrow().writes())
                .as("hidden: no more re-reads")
                .isEqualTo("read-only");
        model.pageShown();
        assertThat(model.row("prod").orElseThrow().writes()).startsWith("unlocked, ");
    }

    @Test
    void aTargetWhoseLastTestFailedIsShownFailedUntilATestSucceeds() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        workspace.targets().add("down", spec(closedPort), TargetRole.GUARDED);
        model.refresh();
        assertThat(model.row("down").orElseThrow().testFailed()).isFalse();

        model.test("down");

        TargetRow down = model.row("down").orElseThrow();
        assertThat(down.testFailed()).isTrue();
        assertThat(down.state()).isEqualTo("unreachable: connection refused");
        assertThat(down.stateKind()).isEqualTo("unreachable");
        assertThat(model.lastTestDetailsProperty().get()).isEmpty();
        model.refresh();
        assertThat(model.row("down").orElseThrow().state())
                .as("a re-read keeps the failure")
                .isEqualTo("unreachable: connection refused");

        dialogs.answer = true;
        model.remove("down");
        workspace.targets().add("down", spec(closedPort), TargetRole.GUARDED);
        model.refresh();
        assertThat(model.row("down").orElseThrow().testFailed())
                .as("a new target of the same name has no test yet")
                .isFalse();
    }

    private static ConnectionSpec spec(int port) {
        return ConnectionSpec.parseUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres")
                .spec();
    }

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
