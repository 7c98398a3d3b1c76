package io.miglab.app.task;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs work at once on the calling thread: view-model tests call a command and assert on the state right after.
 * Periodic work runs once when submitted and again on {@link #tick()}, until cancelled.
 */
public final class SameThreadTaskRunner implements TaskRunner {
    private final List<Runnable> periodic = new ArrayList<>();
    private final List<String> titles = new ArrayList<>();
    private int cancelAfterUpdates = -1;

    /**
     * Cancels the next live work once it has published {@code updates} items, as a user pressing Cancel while a chart
     * fills in.
     */
    public void cancelAfterUpdates(int updates) {
        cancelAfterUpdates = updates;
    }

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        titles.add(title);
        Cancellation cancellation = new Cancellation();
        BackgroundTask task = new BackgroundTask(title, cancellation);
        return run(task, cancellation, work, onSuccess, onFailure);
    }

    private <T> TaskHandle run(
            BackgroundTask task,
            Cancellation cancellation,
            Work<T> work,
            Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.run(io.miglab.core.ProgressListener.NONE, cancellation);
        } catch (Exception e) {
            task.markDone();
            onFailure.accept(
                    cancellation.isCancelled() && !(e instanceof CancelledException) ? new CancelledException() : e);
            return task;
        }
        task.markDone();
        // As FxTaskRunner: work that returns after a cancel still ends as cancelled.
        if (cancellation.isCancelled()) {
            onFailure.accept(new CancelledException());
        } else {
            onSuccess.accept(result);
        }
        return task;
    }

    @Override
    public <T, U> TaskHandle submitLive(
            String title,
            LiveWork<T, U> work,
            Consumer<List<U>> onUpdates,
            Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        titles.add(title);
        Cancellation cancellation = new Cancellation();
        BackgroundTask task = new BackgroundTask(title, cancellation);
        int cancelAfter = cancelAfterUpdates;
        cancelAfterUpdates = -1;
        int[] published = {0};
        return run(
                task,
                cancellation,
                (progress, cancel) -> work.run(
                        progress,
                        item -> {
                            onUpdates.accept(List.of(item));
                            if (++published[0] == cancelAfter) {
                                cancellation.cancel();
                            }
                        },
                        cancel),
                onSuccess,
                onFailure);
    }

    @Override
    public <T> TaskHandle every(Duration period, Work<T> work, Consumer<T> onResult) {
        Cancellation cancellation = new Cancellation();
        Runnable run = () -> {
            if (cancellation.isCancelled()) {
                return;
            }
            try {
                onResult.accept(work.run(io.miglab.core.ProgressListener.NONE, Cancellation.none()));
            } catch (Exception e) {
                // Polling failures are silent in the app too.
            }
        };
        periodic.add(run);
        run.run();
        return new BackgroundTask("poll", cancellation);
    }

    /** Runs every periodic job once more. */
    public void tick() {
        List.copyOf(periodic).forEach(Runnable::run);
    }

    /** Titles of the work submitted so far, in order. */
    public List<String> submittedTitles() {
        return List.copyOf(titles);
    }
}
