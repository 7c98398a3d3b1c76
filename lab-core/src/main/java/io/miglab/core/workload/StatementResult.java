package io.miglab.core.workload;

import java.util.List;

/**
 * One statement's share of a baseline.
 *
 * @param executions measured executions, failed ones included
 * @param errors measured executions that failed
 * @param firstError the first error message, null when none failed
 * @param throughputPerSecond successful executions per second of measured time, all clients together
 * @param latency successful executions only
 * @param distinctErrors each distinct error message with how often it came, first seen first: at most {@value
 *     #DISTINCT_ERRORS} messages, then one "(other errors)" entry for the rest
 */
public record StatementResult(
        String name,
        String sql,
        long executions,
        long errors,
        String firstError,
        double throughputPerSecond,
        LatencySummary latency,
        List<ErrorCount> distinctErrors) {

    /** How many distinct error messages a statement keeps; a statement that fails in many ways says so once. */
    public static final int DISTINCT_ERRORS = 5;

    public StatementResult {
        distinctErrors = distinctErrors == null ? List.of() : List.copyOf(distinctErrors);
    }

    /** An error message and how many executions failed with it. */
    public record ErrorCount(String message, long count) {}

    /** Ran, and never once succeeded: its latency figures mean nothing. */
    public boolean neverSucceeded() {
        return executions > 0 && errors >= executions;
    }
}
