package io.miglab.app.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeLabInstances;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.BackgroundTasks;
import io.miglab.app.task.FxTaskRunner;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.Targets;
import io.miglab.core.targets.WriteUnlock;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Reachability checks of a host that never answers (10.255.255.1, a black hole) on the app's real task runner,
 * which starts a new tick every period whatever the previous one does: with a 50 ms period and a 1 s timeout the
 * ticks outrun the checks twenty-fold, yet no two checks ever run at once.
 */
class ReachabilityPileUpTest {
    @TempDir
    Path home;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aCheckStartsOnlyAfterThePreviousOneFinished() throws Exception {
        try (Workspace workspace = Workspace.open(new MigLabHome(home), Map.of());
                FxTaskRunner runner = new FxTaskRunner(new BackgroundTasks())) {
            workspace
                    .targets()
                    .add(
                            "blackhole",
                            ConnectionSpec.parseUrl("jdbc:postgresql://10.255.255.1:5432/app?user=me&sslmode=disable")
                                    .spec(),
                            TargetRole.GUARDED);
            CountingTargets targets = new CountingTargets(workspace.targets());
            TargetsViewModel model =
                    new TargetsViewModel(targets, new FakeLabInstances(), runner, new RecordingDialogs());
            model.reachabilityEvery(Duration.ofMillis(50), Duration.ofSeconds(1));

            Platform.runLater(() -> {
                model.refresh();
                model.pageShown();
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> targets.finished.get() >= 3);
            WaitForAsyncUtils.waitForFxEvents();
            Platform.runLater(model::stopPolling);
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(targets.mostAtOnce.get()).as("checks running at once").isEqualTo(1);
            TargetRow row = model.row("blackhole").orElseThrow();
            assertThat(row.state()).as(row.stateDetails()).startsWith("unreachable: ");
        }
    }

    /** The registry's targets, counting the probes that run at the same time. */
    static final class CountingTargets implements Targets {
        private final Targets real;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();

        CountingTargets(Targets real) {
            this.real = real;
        }

        @Override
        public ConnectionCheck probe(String name, Duration connectTimeout) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return real.probe(name, connectTimeout);
            } finally {
                running.decrementAndGet();
                finished.incrementAndGet();
            }
        }

        @Override
        public List<Target> list() {
            return real.list();
        }

        @Override
        public Optional<Target> find(String name) {
            return real.find(name);
        }

        @Override
        public Target get(String name) {
            return real.get(name);
        }

        @Override
        public Target add(String name, ConnectionSpec spec, TargetRole role) {
            return real.add(name, spec, role);
        }

        @Override
        public void remove(String name) {
            real.remove(name);
        }

        @Override
        public ConnectionCheck test(String name, Duration connectTimeout) {
            return real.test(name, connectTimeout);
        }

        @Override
        public ConnectionCheck tryConnection(
                String name, ConnectionSpec spec, TargetRole role, String password, Duration connectTimeout) {
            return real.tryConnection(name, spec, role, password, connectTimeout);
        }

        @Override
        public WriteUnlock unlock(String name, String reason, Duration duration) {
            return real.unlock(name, reason, duration);
        }

        @Override
        public void lock(String name) {
            real.lock(name);
        }

        @Override
        public Optional<WriteUnlock> activeUnlock(String name) {
            return real.activeUnlock(name);
        }

        @Override
        public List<String> databases(String name) {
            return real.databases(name);
        }

        @Override
        public Optional<String> lastDatabase(String name) {
            return real.lastDatabase(name);
        }

        @Override
        public void rememberDatabase(String name, String database) {
            real.rememberDatabase(name, database);
        }
    }
}
