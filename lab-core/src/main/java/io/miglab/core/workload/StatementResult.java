package io.miglab.core.workload;

import java.util.List;

/**
 * One statement's share of a baseline.
 *
 * @param executions measured executions, failed ones included
 * @param errors measured executions that failed
 * @param distinctErrors the kinds of error met, first seen first, with their counts; at most {@value
 *     #MAX_DISTINCT_ERRORS}, so their counts may add up to less than {@code errors}
 * @param throughputPerSecond successful executions per second of measured time, all clients together
 * @param latency successful executions only; null when none succeeded, so no figure pretends there was a latency
 */
public record StatementResult(
        String name,
        String sql,
        long executions,
        long errors,
        List<StatementError> distinctErrors,
        double throughputPerSecond,
        LatencySummary latency) {

    public static final int MAX_DISTINCT_ERRORS = 5;

    public StatementResult {
        distinctErrors = distinctErrors == null ? List.of() : List.copyOf(distinctErrors);
    }

    /** Measured executions that succeeded. */
    public long successes() {
        return executions - errors;
    }

    /** No measured execution succeeded (it failed every time, or never ran in the measured time). */
    public boolean neverSucceeded() {
        return successes() <= 0;
    }

    /** The first error's message, null when none failed (or the result predates error kinds). */
    public String firstError() {
        return distinctErrors.isEmpty() ? null : distinctErrors.get(0).message();
    }

    /** Errors beyond the kinds listed in {@link #distinctErrors()}. */
    public long unlistedErrors() {
        return errors - distinctErrors.stream().mapToLong(StatementError::count).sum();
    }

    /**
     * Why the statement has no latency, in one line, or null when it has one: "50 of 50 executions failed: ERROR:
     * division by zero" or "it never ran in the measured time".
     */
    public String whyNoLatency() {
        if (!neverSucceeded()) {
            return null;
        }
        if (executions == 0) {
            return "it never ran in the measured time";
        }
        String first =
                distinctErrors.isEmpty() ? "" : ": " + distinctErrors.get(0).firstLine();
        return "all " + executions + " execution" + (executions == 1 ? "" : "s") + " failed" + first;
    }
}
