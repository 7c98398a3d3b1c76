package io.miglab.core.workload;

/**
 * One statement's share of a baseline.
 *
 * @param executions measured executions, failed ones included
 * @param firstError the first error message, null when none failed
 * @param throughputPerSecond successful executions per second of measured time, all clients together
 * @param latency successful executions only
 */
public record StatementResult(
        String name,
        String sql,
        long executions,
        long errors,
        String firstError,
        double throughputPerSecond,
        LatencySummary latency) {}
