package io.miglab.app.task;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Progress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on daemon threads and hands results back on the FX thread. Progress updates are coalesced: at most one
 * pending UI update per task, so a chatty loader cannot flood the FX event queue.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);

    private final BackgroundTasks tasks;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("miglab-task"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("miglab-poll"));

    public FxTaskRunner(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public <T> TaskRunner.TaskHandle submit(
            String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Cancellation cancellation = new Cancellation();
        BackgroundTask task = new BackgroundTask(title, cancellation);
        Platform.runLater(() -> tasks.add(task));
        AtomicReference<Progress> latest = new AtomicReference<>();
        workers.execute(() -> {
            T result = null;
            Throwable failure = null;
            try {
                result = work.run(
                        progress -> {
                            // Coalesce: only post to the FX thread when no update is pending; it shows the latest.
                            if (latest.getAndSet(progress) == null) {
                                Platform.runLater(() -> {
                                    Progress shown = latest.getAndSet(null);
                                    if (shown != null) {
                                        task.update(shown.fraction(), shown.message());
                                    }
                                });
                            }
                        },
                        cancellation);
                if (cancellation.isCancelled()) {
                    failure = new CancelledException();
                }
            } catch (Throwable e) {
                failure =
                        cancellation.isCancelled() && !(e instanceof CancelledException) ? new CancelledException() : e;
                if (!(failure instanceof CancelledException)) {
                    LOG.warn("{} failed: {}", title, e.toString());
                }
            }
            T finalResult = result;
            Throwable finalFailure = failure;
            Platform.runLater(() -> {
                task.markDone();
                tasks.remove(task);
                if (finalFailure == null) {
                    onSuccess.accept(finalResult);
                } else {
                    onFailure.accept(finalFailure);
                }
            });
        });
        return task;
    }

    @Override
    public <T, U> TaskRunner.TaskHandle submitLive(
            String title,
            LiveWork<T, U> work,
            Consumer<java.util.List<U>> onUpdates,
            Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        // Published items queue up; at most one drain is pending on the FX thread, like progress above.
        java.util.concurrent.ConcurrentLinkedQueue<U> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicBoolean drainPending = new AtomicBoolean();
        Runnable drain = () -> {
            drainPending.set(false);
            java.util.List<U> batch = new java.util.ArrayList<>();
            for (U item; (item = queue.poll()) != null; ) {
                batch.add(item);
            }
            if (!batch.isEmpty()) {
                onUpdates.accept(batch);
            }
        };
        return submit(
                title,
                (progress, cancellation) -> work.run(
                        progress,
                        item -> {
                            queue.add(item);
                            if (drainPending.compareAndSet(false, true)) {
                                Platform.runLater(drain);
                            }
                        },
                        cancellation),
                result -> {
                    drain.run();
                    onSuccess.accept(result);
                },
                failure -> {
                    drain.run();
                    onFailure.accept(failure);
                });
    }

    /**
     * Each check starts {@code period} after the previous one finished, never beside it: against an unreachable
     * host a check can take longer than the period, and checks must not pile up on the pool.
     */
    @Override
    public <T> TaskRunner.TaskHandle every(Duration period, Work<T> work, Consumer<T> onResult) {
        Cancellation cancellation = new Cancellation();
        AtomicBoolean done = new AtomicBoolean();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> workers.execute(() -> {
            if (cancellation.isCancelled()) {
                return;
            }
            try {
                T result = work.run(io.miglab.core.ProgressListener.NONE, cancellation);
                Platform.runLater(() -> {
                    if (!cancellation.isCancelled()) {
                        onResult.accept(result);
                    }
                });
            } catch (Exception e) {
                LOG.debug("Polling failed: {}", e.toString());
            } finally {
                if (!cancellation.isCancelled()) {
                    try {
                        timers.schedule(tick[0], period.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException closing) {
                        // The runner is closing: no next check.
                    }
                }
            }
        });
        timers.execute(tick[0]);
        return new TaskRunner.TaskHandle() {
            @Override
            public void cancel() {
                cancellation.cancel();
                done.set(true);
            }

            @Override
            public boolean isDone() {
                return done.get();
            }

            @Override
            public javafx.beans.value.ObservableStringValue message() {
                return new javafx.beans.property.SimpleStringProperty("");
            }

            @Override
            public javafx.beans.value.ObservableDoubleValue progress() {
                return new javafx.beans.property.SimpleDoubleProperty(-1);
            }
        };
    }

    @Override
    public void close() {
        tasks.cancelAll();
        timers.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
