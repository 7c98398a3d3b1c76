package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What the measuring commands share: Ctrl-C as a cancel. */
final class CliSupport {
    private CliSupport() {}

    /**
     * Runs {@code work} with Ctrl-C mapped to a cancel: the work stops, records what it has as cancelled, and the
     * JVM exits only after that (or after 15 s).
     */
    static <T> T cancellableByCtrlC(Cancellation cancellation, Supplier<T> work) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    cancellation.cancel();
                    try {
                        done.await(15, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "miglab-cancel-on-interrupt");
        boolean hooked = false;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting; run without the hook.
        }
        try {
            return work.get();
        } finally {
            done.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: it has been waiting for us and now returns.
                }
            }
        }
    }
}
