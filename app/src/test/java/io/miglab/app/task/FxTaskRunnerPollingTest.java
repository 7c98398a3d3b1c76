package io.miglab.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Polling against something slow (an unreachable host) never runs two checks at once. */
class FxTaskRunnerPollingTest {

    @Test
    void aSlowCheckIsNeverOverlappedByTheNextOne() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Semaphore started = new Semaphore(0);
        CountDownLatch release = new CountDownLatch(1);
        try (FxTaskRunner runner = new FxTaskRunner(new BackgroundTasks())) {
            // The first check hangs, as a connect against a blackhole address does, until the test lets it go.
            TaskRunner.TaskHandle polling = runner.every(
                    Duration.ofMillis(5),
                    (progress, cancellation) -> {
                        int now = running.incrementAndGet();
                        mostAtOnce.accumulateAndGet(now, Math::max);
                        started.release();
                        try {
                            release.await(20, TimeUnit.SECONDS);
                        } finally {
                            running.decrementAndGet();
                        }
                        return now;
                    },
                    result -> {});
            assertThat(started.tryAcquire(20, TimeUnit.SECONDS))
                    .as("the first check starts")
                    .isTrue();
            // Forty periods pass while it hangs: with checks piling up, a second one would start in that time.
            assertThat(started.tryAcquire(200, TimeUnit.MILLISECONDS))
                    .as("a second check while the first still runs")
                    .isFalse();
            release.countDown();
            assertThat(started.tryAcquire(3, 20, TimeUnit.SECONDS))
                    .as("checks go on once the slow one finished")
                    .isTrue();
            polling.cancel();
        }
        assertThat(mostAtOnce.get()).as("checks running at the same time").isEqualTo(1);
    }
}
