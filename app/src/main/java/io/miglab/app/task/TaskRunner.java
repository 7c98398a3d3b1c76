package io.miglab.app.task;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How view models get work off the FX thread. The app's implementation runs work on a pool and delivers results on
 * the FX thread; tests use {@link SameThreadTaskRunner} so view models can be tested without a display.
 */
public interface TaskRunner {

    /**
     * Runs {@code work} in the background, shown in the status bar with {@code title}, progress and a cancel button.
     * Exactly one of the callbacks runs, on the UI thread; cancellation arrives at {@code onFailure} as a {@link
     * io.miglab.core.CancelledException}.
     */
    <T> TaskHandle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Like {@link #submit(String, Work, Consumer, Consumer)}, for work that publishes intermediate results: they
     * reach {@code onUpdates} on the UI thread in the order published, batched when the UI falls behind, and always
     * before the final callback.
     */
    <T, U> TaskHandle submitLive(
            String title,
            LiveWork<T, U> work,
            Consumer<java.util.List<U>> onUpdates,
            Consumer<T> onSuccess,
            Consumer<Throwable> onFailure);

    /** Runs quick {@code work} every {@code period} (first run at once), without a status-bar entry. */
    <T> TaskHandle every(Duration period, Work<T> work, Consumer<T> onResult);

    /** A started piece of background work. */
    interface TaskHandle {
        void cancel();

        boolean isDone();

        /** The work's latest progress message, updated on the UI thread. */
        javafx.beans.value.ObservableStringValue message();

        /** The fraction done in [0, 1], or -1 while unknown; updated on the UI thread. */
        javafx.beans.value.ObservableDoubleValue progress();
    }
}
