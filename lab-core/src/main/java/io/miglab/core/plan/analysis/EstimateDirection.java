package io.miglab.core.plan.analysis;

/** Which way the planner's row estimate missed. */
public enum EstimateDirection {
    /** The planner expected fewer rows than came: the usual cause of a nested loop that runs for ever. */
    UNDER,
    /** The planner expected more rows than came. */
    OVER,
    /** Exact, or no estimate to compare (not executed, no ANALYZE). */
    NONE
}
