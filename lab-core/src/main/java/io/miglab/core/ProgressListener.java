package io.miglab.core;

/** Receives progress from synchronous lab-core work; the app adapts it to a JavaFX task. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> {};

    void report(Progress progress);
}
