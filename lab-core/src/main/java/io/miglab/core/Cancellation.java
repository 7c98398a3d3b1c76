package io.miglab.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancel flag shared between whoever starts long work and the work itself. Work polls {@link #checkpoint()}
 * between units; blocking calls (a running SQL statement, a child process) register an action with {@link
 * #onCancel(Runnable)} so that cancelling interrupts them at once instead of at the next checkpoint.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** A token nobody will ever cancel, for callers that do not offer a cancel button. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException ignored) {
                // Best effort: the work itself will still see the flag at its next checkpoint.
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancelledException} when cancellation was requested. */
    public void checkpoint() {
        if (cancelled) {
            throw new CancelledException();
        }
    }

    /**
     * Runs {@code action} when cancellation is requested (at once if it already was). Close the returned handle when
     * the blocking call is over, so a late cancel does not act on something that has moved on.
     */
    public Registration onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> actions.remove(action);
    }

    /** Undoes an {@link #onCancel(Runnable)}. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
