package io.miglab.core.workload;

import java.util.List;

/**
 * A running baseline as the app charts it: totals so far, and per statement the figures of the last interval only,
 * so a live latency chart shows change instead of a slowly settling average.
 *
 * @param elapsedSeconds measured time so far (warm-up excluded)
 */
public record LiveSnapshot(double elapsedSeconds, long executions, long errors, List<Statement> statements) {

    public LiveSnapshot {
        statements = List.copyOf(statements);
    }

    /**
     * @param intervalCount successful executions in the last interval
     * @param intervalThroughput of the last interval, per second
     * @param intervalP50Ms median latency of the last interval (0 when none)
     */
    public record Statement(
            String name,
            long executions,
            long errors,
            long intervalCount,
            double intervalThroughput,
            double intervalP50Ms,
            double intervalP95Ms,
            double intervalMaxMs) {}
}
