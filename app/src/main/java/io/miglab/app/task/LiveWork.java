package io.miglab.app.task;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import java.util.function.Consumer;

/**
 * Background work that also publishes intermediate results while it runs (the live snapshots of a baseline), for
 * charts that fill in as the work goes. {@code publish} may be called from any thread; the task runner delivers what
 * was published, in order, on the UI thread.
 */
@FunctionalInterface
public interface LiveWork<T, U> {
    T run(ProgressListener progress, Consumer<U> publish, Cancellation cancellation) throws Exception;
}
