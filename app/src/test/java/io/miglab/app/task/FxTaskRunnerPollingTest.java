package io.miglab.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Polling against something slow (an unreachable host) never runs two checks at once. */
class FxTaskRunnerPollingTest {

    @Test
    void aSlowCheckIsNeverOverlappedByTheNextOne() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch fiveChecks = new CountDownLatch(5);
        try (FxTaskRunner runner = new FxTaskRunner(new BackgroundTasks())) {
            // Each check takes 30 times the period, as a connect timeout against a blackhole address would.
            TaskRunner.TaskHandle polling = runner.every(
                    Duration.ofMillis(5),
                    (progress, cancellation) -> {
                        int now = running.incrementAndGet();
                        mostAtOnce.accumulateAndGet(now, Math::max);
                        try {
                            Thread.sleep(150); // the slow check itself, not a wait for the test
                        } finally {
                            running.decrementAndGet();
                            fiveChecks.countDown();
                        }
                        return now;
                    },
                    result -> {});
            assertThat(fiveChecks.await(20, TimeUnit.SECONDS)).isTrue();
            polling.cancel();
        }
        assertThat(mostAtOnce.get()).as("checks running at the same time").isEqualTo(1);
    }
}
