package io.miglab.core.plan.analysis;

import java.util.Map;

/**
 * Values derived for one plan node, the way PEV2 and explain.depesz.com derive them. Times are in milliseconds and
 * null when the plan has no ANALYZE timing; row figures are null without ANALYZE.
 *
 * @param nodeId the {@link io.miglab.core.plan.PlanNode#id()} these belong to
 * @param inclusiveTime actual total time x loops / (workers launched + 1): the wall-clock time spent in the node
 *     and everything under it (per process, for nodes run by parallel workers)
 * @param exclusiveTime the inclusive time minus what the children and evaluated InitPlans account for, never
 *     below 0; a CTE Scan also gives up its share of the CTE's own time
 * @param timeShare the exclusive time as a fraction of the root's inclusive time
 * @param revisedRows actual rows x loops: every row the node produced over all its executions
 * @param revisedPlanRows plan rows x loops, comparable with {@code revisedRows}
 * @param rowsRemovedByFilter rows removed by Filter x loops
 * @param rowsRemovedByJoinFilter rows removed by Join Filter x loops
 * @param estimateFactor max(actual/plan, plan/actual) per loop, at least 1; null when not comparable
 * @param estimateDirection whether the planner under- or over-estimated
 * @param exclusiveCost total cost minus the children's total cost, never below 0
 * @param costShare the exclusive cost as a fraction of the root's total cost
 * @param loops actual loops (0 when never executed, -1 without ANALYZE)
 * @param workers parallel workers whose time is averaged into this node (0 outside a Gather)
 * @param exclusiveCounters buffers, I/O times and WAL of this node alone, by PostgreSQL's field name; only the
 *     counters the plan reported
 */
public record NodeMetrics(
        int nodeId,
        Double inclusiveTime,
        Double exclusiveTime,
        Double timeShare,
        Double revisedRows,
        Double revisedPlanRows,
        Double rowsRemovedByFilter,
        Double rowsRemovedByJoinFilter,
        Double estimateFactor,
        EstimateDirection estimateDirection,
        double exclusiveCost,
        double costShare,
        long loops,
        int workers,
        Map<String, Double> exclusiveCounters) {

    public NodeMetrics {
        exclusiveCounters = Map.copyOf(exclusiveCounters);
    }

    public boolean neverExecuted() {
        return loops == 0;
    }

    /** Exclusive shared blocks hit plus read: the usual "buffers" bar. */
    public double exclusiveSharedBlocks() {
        return exclusiveCounters.getOrDefault("Shared Hit Blocks", 0.0)
                + exclusiveCounters.getOrDefault("Shared Read Blocks", 0.0);
    }
}
