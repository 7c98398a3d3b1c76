package io.miglab.core;

/** Thrown by long work that noticed its {@link Cancellation} was requested. */
public final class CancelledException extends MigLabException {
    public CancelledException() {
        super("Cancelled.");
    }
}
