package io.miglab.core.plan.diff;

import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.analysis.NodeMetrics;
import io.miglab.core.plan.analysis.PlanAnalysis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two plans of the same query (before and after an index, a setting, a rewrite). Nodes are matched by
 * what they work on rather than by position, since a new index moves nodes around:
 *
 * <ol>
 *   <li>each node gets a signature: the set of relation aliases scanned in its subtree;
 *   <li>nodes match within the same signature, first those of the same type, then those of the same kind (scan,
 *       join, aggregate), in plan order: a Seq Scan that became an Index Scan, a Hash Join that became a Nested Loop
 *       still pair up;
 *   <li>nodes touching no relation (Result, function scans) match by type in plan order.
 * </ol>
 *
 * Structural changes: a matched node whose type changed, indexes used only before or only after, the join order
 * (the nesting of joined aliases, outer side first), and nodes with no counterpart.
 */
public final class PlanDiffer {

    private PlanDiffer() {}

    public static PlanDiff diff(Plan before, PlanAnalysis beforeAnalysis, Plan after, PlanAnalysis afterAnalysis) {
        Map<Integer, Set<String>> sigBefore = signatures(before.root());
        Map<Integer, Set<String>> sigAfter = signatures(after.root());
        List<PlanNode> nb = before.nodes();
        List<PlanNode> na = after.nodes();
        Map<Integer, Integer> pairs = new LinkedHashMap<>();
        Set<Integer> usedAfter = new HashSet<>();

        // Pass 1: same signature, same type, plan order. Pass 2: same signature, any type.
        for (boolean sameType : new boolean[] {true, false}) {
            for (PlanNode b : nb) {
                if (pairs.containsKey(b.id())) {
                    continue;
                }
                for (PlanNode a : na) {
                    if (usedAfter.contains(a.id())
                            || !sigBefore.get(b.id()).equals(sigAfter.get(a.id()))
                            || (sameType && !b.nodeType().equals(a.nodeType()))
                            || (!sameType && !category(b).equals(category(a)))) {
                        continue;
                    }
                    pairs.put(b.id(), a.id());
                    usedAfter.add(a.id());
                    break;
                }
            }
        }

        Map<Integer, PlanNode> byIdBefore = index(nb);
        Map<Integer, PlanNode> byIdAfter = index(na);
        List<StructuralChange> changes = new ArrayList<>();
        List<NodeMatch> matches = new ArrayList<>();
        for (PlanNode b : nb) {
            Integer aid = pairs.get(b.id());
            if (aid == null) {
                changes.add(new StructuralChange(
                        StructuralChange.Kind.NODE_REMOVED, b.id(), 0, "No longer in the plan: " + b.label()));
                continue;
            }
            PlanNode a = byIdAfter.get(aid);
            if (!b.nodeType().equals(a.nodeType())) {
                changes.add(new StructuralChange(
                        StructuralChange.Kind.NODE_TYPE_CHANGED, b.id(), a.id(), b.label() + " became " + a.label()));
            }
            NodeMetrics mb = beforeAnalysis.nodes().get(b.id());
            NodeMetrics ma = afterAnalysis.nodes().get(a.id());
            matches.add(new NodeMatch(
                    b.id(),
                    a.id(),
                    b.label(),
                    a.label(),
                    mb == null ? null : mb.exclusiveTime(),
                    ma == null ? null : ma.exclusiveTime(),
                    mb == null ? null : mb.inclusiveTime(),
                    ma == null ? null : ma.inclusiveTime(),
                    mb == null ? null : mb.revisedRows(),
                    ma == null ? null : ma.revisedRows()));
        }
        for (PlanNode a : na) {
            if (!usedAfter.contains(a.id())) {
                changes.add(new StructuralChange(
                        StructuralChange.Kind.NODE_ADDED, 0, a.id(), "New in the plan: " + a.label()));
            }
        }
        indexes(nb, na, byIdBefore, changes);
        String orderBefore = joinOrder(before.root());
        String orderAfter = joinOrder(after.root());
        if (!Objects.equals(orderBefore, orderAfter)) {
            changes.add(new StructuralChange(
                    StructuralChange.Kind.JOIN_ORDER_CHANGED,
                    before.root().id(),
                    after.root().id(),
                    "Join order changed from " + orderBefore + " to " + orderAfter));
        }
        return new PlanDiff(
                changes,
                matches,
                beforeAnalysis.rootTime(),
                afterAnalysis.rootTime(),
                beforeAnalysis.totalCost(),
                afterAnalysis.totalCost());
    }

    private static void indexes(
            List<PlanNode> nb, List<PlanNode> na, Map<Integer, PlanNode> byIdBefore, List<StructuralChange> out) {
        Map<String, PlanNode> before = new LinkedHashMap<>();
        Map<String, PlanNode> after = new LinkedHashMap<>();
        nb.stream()
                .filter(n -> n.text(PlanFields.INDEX_NAME) != null)
                .forEach(n -> before.putIfAbsent(n.text(PlanFields.INDEX_NAME), n));
        na.stream()
                .filter(n -> n.text(PlanFields.INDEX_NAME) != null)
                .forEach(n -> after.putIfAbsent(n.text(PlanFields.INDEX_NAME), n));
        for (var e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                out.add(new StructuralChange(
                        StructuralChange.Kind.INDEX_NOW_USED,
                        0,
                        e.getValue().id(),
                        "Index " + e.getKey() + " is now used (" + e.getValue().label() + ")"));
            }
        }
        for (var e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                out.add(new StructuralChange(
                        StructuralChange.Kind.INDEX_NO_LONGER_USED,
                        e.getValue().id(),
                        0,
                        "Index " + e.getKey() + " is no longer used (was "
                                + e.getValue().label() + ")"));
            }
        }
    }

    private static Map<Integer, PlanNode> index(List<PlanNode> nodes) {
        Map<Integer, PlanNode> map = new HashMap<>();
        nodes.forEach(n -> map.put(n.id(), n));
        return map;
    }

    /** Nodes of another type only pair within one kind: a scan with a scan, a join with a join. */
    private static String category(PlanNode n) {
        String type = n.nodeType();
        if (isScan(n)) {
            return "scan";
        }
        if (type.equals("Nested Loop") || type.endsWith("Join")) {
            return "join";
        }
        if (type.equals("Aggregate") || type.equals("Group") || type.equals("WindowAgg")) {
            return "aggregate";
        }
        return type;
    }

    private static boolean isScan(PlanNode n) {
        return n.nodeType().endsWith("Scan");
    }

    /** The aliases scanned under each node (the node included). */
    private static Map<Integer, Set<String>> signatures(PlanNode root) {
        Map<Integer, Set<String>> out = new HashMap<>();
        collect(root, out);
        return out;
    }

    private static Set<String> collect(PlanNode node, Map<Integer, Set<String>> out) {
        Set<String> set = new TreeSet<>();
        String alias = alias(node);
        if (alias != null) {
            set.add(alias);
        }
        for (PlanNode child : node.children()) {
            set.addAll(collect(child, out));
        }
        out.put(node.id(), set);
        return set;
    }

    private static String alias(PlanNode node) {
        if (!isScan(node) || node.nodeType().equals("Bitmap Index Scan")) {
            return null;
        }
        String alias = node.text(PlanFields.ALIAS);
        if (alias == null) {
            alias = node.text(PlanFields.RELATION_NAME);
        }
        return alias;
    }

    /**
     * The joins as nested aliases, outer side first: "((c ⋈ o) ⋈ f)". Subplans are left out; nodes that only pass
     * rows through are transparent.
     */
    static String joinOrder(PlanNode node) {
        List<String> parts = new ArrayList<>();
        for (PlanNode child : node.children()) {
            if (child.isSubplanRoot()) {
                continue;
            }
            String s = joinOrder(child);
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        String alias = alias(node);
        if (alias != null) {
            parts.add(0, alias);
        }
        boolean join = node.nodeType().equals("Nested Loop") || node.nodeType().endsWith("Join");
        if (join && parts.size() > 1) {
            return "(" + String.join(" ⋈ ", parts) + ")";
        }
        return String.join(", ", parts);
    }
}
