package io.miglab.app.plan;

import io.miglab.core.finding.Severity;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.analysis.EstimateDirection;
import io.miglab.core.plan.analysis.NodeMetrics;

/**
 * One plan node as the inspector's tree-table, graph and detail pane show it: PostgreSQL's figures and the derived
 * ones side by side.
 *
 * @param id node id
 * @param parentId the parent's id, 0 for the root
 * @param depth 0 for the root
 * @param label "Index Scan using idx on film f"
 * @param subplan "InitPlan 1 (returns $0)", "SubPlan 2", "CTE c", or null
 * @param exclusiveTime ms, null without ANALYZE timing
 * @param inclusiveTime ms, null without ANALYZE timing
 * @param timeShare exclusive share of the root time, null without timing
 * @param actualRows rows per loop, null without ANALYZE
 * @param planRows estimated rows per loop
 * @param loops actual loops, -1 without ANALYZE
 * @param exclusiveCost cost of this node alone
 * @param totalCost the node's total cost as PostgreSQL prints it
 * @param sharedBlocks exclusive shared blocks hit + read
 * @param estimateFactor how far the row estimate was off, null when not comparable
 * @param direction under- or over-estimate
 * @param worstFinding the most severe finding on this node, or null
 */
public record NodeRow(
        int id,
        int parentId,
        int depth,
        String label,
        String subplan,
        Double exclusiveTime,
        Double inclusiveTime,
        Double timeShare,
        Double actualRows,
        Double planRows,
        long loops,
        double exclusiveCost,
        double totalCost,
        double sharedBlocks,
        Double estimateFactor,
        EstimateDirection direction,
        Severity worstFinding) {

    static NodeRow of(PlanNode node, int parentId, int depth, NodeMetrics m, Severity worst) {
        return new NodeRow(
                node.id(),
                parentId,
                depth,
                node.label(),
                node.isSubplanRoot() ? node.subplanName() : null,
                m.exclusiveTime(),
                m.inclusiveTime(),
                m.timeShare(),
                node.number(PlanFields.ACTUAL_ROWS),
                node.number(PlanFields.PLAN_ROWS),
                m.loops(),
                m.exclusiveCost(),
                node.number(PlanFields.TOTAL_COST, 0),
                m.exclusiveSharedBlocks(),
                m.estimateFactor(),
                m.estimateDirection(),
                worst);
    }
}
