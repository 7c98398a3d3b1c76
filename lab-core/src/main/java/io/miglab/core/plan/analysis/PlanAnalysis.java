package io.miglab.core.plan.analysis;

import java.util.Collection;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The derived metrics of one plan, kept apart from the plan itself and keyed by node id.
 *
 * @param nodes metrics per node id
 * @param rootTime the root node's inclusive time in ms, or null without ANALYZE timing
 * @param totalCost the root node's total cost
 * @param executionTime "Execution Time" from the plan, or null
 * @param planningTime "Planning Time" from the plan, or null
 * @param analyzed whether the plan carries actual rows (EXPLAIN ANALYZE)
 * @param timed whether it carries actual times (ANALYZE with TIMING on)
 */
public record PlanAnalysis(
        Map<Integer, NodeMetrics> nodes,
        Double rootTime,
        double totalCost,
        Double executionTime,
        Double planningTime,
        boolean analyzed,
        boolean timed) {

    public PlanAnalysis {
        nodes = java.util.Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    public NodeMetrics metrics(int nodeId) {
        NodeMetrics m = nodes.get(nodeId);
        if (m == null) {
            throw new NoSuchElementException("No node " + nodeId + " in this plan.");
        }
        return m;
    }

    public Collection<NodeMetrics> all() {
        return nodes.values();
    }

    /** The sum of every node's exclusive time: equals {@link #rootTime()} up to rounding (the plan invariant). */
    public double exclusiveTimeSum() {
        return nodes.values().stream()
                .map(NodeMetrics::exclusiveTime)
                .filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .sum();
    }
}
