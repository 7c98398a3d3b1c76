package io.miglab.core.workload;

/**
 * Receives live snapshots of a running baseline at each snapshot interval, on the thread that called the runner
 * (never a client thread), so a slow listener cannot disturb the measurement.
 */
@FunctionalInterface
public interface BaselineListener {
    BaselineListener NONE = snapshot -> {};

    void snapshot(LiveSnapshot snapshot);
}
