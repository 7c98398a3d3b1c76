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
 * @param type the node type as the label starts: "Index Scan", "Hash Join (Left)", "HashAggregate"
 * @param object what the node reads, after the type in the label: "using idx on film f", or ""
 * @param indexName the index an index or bitmap scan uses, or null
 * @param indexCondition PostgreSQL's Index Cond, or a bitmap heap scan's Recheck Cond, named as PostgreSQL names it:
 *     "Index Cond: (customer_id = 42)"; null without one
 * @param filter PostgreSQL's Filter or Join Filter, named: "Filter: (return_date IS NULL)"; null without one
 * @param rowsRemovedByFilter rows removed by Filter (or Join Filter) over all loops, null when not reported
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
        String type,
        String object,
        String indexName,
        String indexCondition,
        String filter,
        Double rowsRemovedByFilter,
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
        String label = node.label();
        int cut = cut(label);
        return new NodeRow(
                node.id(),
                parentId,
                depth,
                label,
                label.substring(0, cut),
                label.substring(cut).strip(),
                node.text(PlanFields.INDEX_NAME),
                named(node, "Index Cond", "Recheck Cond"),
                named(node, PlanFields.FILTER, PlanFields.JOIN_FILTER),
                m.rowsRemovedByFilter() != null ? m.rowsRemovedByFilter() : m.rowsRemovedByJoinFilter(),
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

    /** Where the node type ends in a label: before " using " or " on ", whichever comes first. */
    private static int cut(String label) {
        int using = label.indexOf(" using ");
        int on = label.indexOf(" on ");
        int cut = using < 0 ? on : on < 0 ? using : Math.min(using, on);
        return cut < 0 ? label.length() : cut;
    }

    /** The first of {@code fields} the node has, as "Field: value". */
    private static String named(PlanNode node, String... fields) {
        for (String f : fields) {
            String v = node.text(f);
            if (v != null && !v.isBlank()) {
                return f + ": " + v;
            }
        }
        return null;
    }

    /** "Index Cond: (customer_id = 42)", the condition lines a card and the tree show, or "" without any. */
    public String conditionText() {
        StringBuilder sb = new StringBuilder();
        if (indexCondition != null) {
            sb.append(indexCondition);
        }
        if (filter != null) {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            sb.append(filter);
        }
        return sb.toString();
    }

    /** The lines a graph card shows beside its title, rows and bar: what it reads, its conditions, what they removed. */
    public int extraCardLines() {
        int n = 0;
        n += object.isEmpty() && subplan == null ? 0 : 1;
        n += indexCondition == null ? 0 : 1;
        n += filter == null ? 0 : 1;
        n += rowsRemovedByFilter == null || rowsRemovedByFilter <= 0 ? 0 : 1;
        return n;
    }
}
