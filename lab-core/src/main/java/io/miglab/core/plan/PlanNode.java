package io.miglab.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One node of an EXPLAIN plan, keeping PostgreSQL's own field names ({@code "Node Type"}, {@code "Actual Total
 * Time"}, ...) exactly as the server wrote them in FORMAT JSON, unknown fields included, so nothing a future server
 * adds is lost. Derived values (exclusive time, estimate factors) never live here: they are in the analysis, keyed
 * by {@link #id()}.
 *
 * @param id the node's position in a pre-order walk, starting at 1 for the root; stable for one parsed plan
 * @param properties every field of the node except {@code "Plans"} (kept as a private copy; the accessor returns
 *     another copy)
 * @param children the child nodes in the order PostgreSQL printed them ({@code "Plans"})
 */
public record PlanNode(int id, ObjectNode properties, List<PlanNode> children) {

    public PlanNode {
        properties = properties.deepCopy();
        properties.remove(PlanFields.PLANS);
        children = List.copyOf(children);
    }

    /** A copy of the raw fields: callers may change it without touching this node. */
    @Override
    public ObjectNode properties() {
        return properties.deepCopy();
    }

    /** The raw field, or empty when absent; do not modify the returned value. */
    public Optional<JsonNode> field(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    public boolean has(String name) {
        return properties.hasNonNull(name);
    }

    /** A text field, or null when absent or not text. */
    public String text(String name) {
        JsonNode v = properties.get(name);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** A numeric field, or null when absent or not a number. */
    public Double number(String name) {
        JsonNode v = properties.get(name);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    /** A numeric field, or {@code fallback} when absent. */
    public double number(String name, double fallback) {
        Double v = number(name);
        return v == null ? fallback : v;
    }

    public String nodeType() {
        String type = text(PlanFields.NODE_TYPE);
        return type == null ? "?" : type;
    }

    /** How this node feeds its parent: Outer, Inner, Member, Subquery, InitPlan or SubPlan (null at the root). */
    public String parentRelationship() {
        return text(PlanFields.PARENT_RELATIONSHIP);
    }

    /** "InitPlan 1 (returns $0)", "SubPlan 2" or "CTE name" for subplan roots, else null. */
    public String subplanName() {
        return text(PlanFields.SUBPLAN_NAME);
    }

    /** Whether this node is the root of an InitPlan or SubPlan (a CTE is an InitPlan). */
    public boolean isSubplanRoot() {
        String rel = parentRelationship();
        return "InitPlan".equals(rel) || "SubPlan".equals(rel);
    }

    /** Whether this node is the root of a CTE: an InitPlan whose name starts with "CTE ". */
    public boolean isCteRoot() {
        String name = subplanName();
        return "InitPlan".equals(parentRelationship()) && name != null && name.startsWith("CTE ");
    }

    /** A one-line human description: "Index Scan using idx on film f", "Hash Join", "CTE Scan on c". */
    public String label() {
        StringBuilder sb = new StringBuilder();
        if (Boolean.TRUE.equals(bool(PlanFields.PARALLEL_AWARE))) {
            sb.append("Parallel ");
        }
        String type = nodeType();
        String join = text(PlanFields.JOIN_TYPE);
        String strategy = text(PlanFields.STRATEGY);
        if ("Aggregate".equals(type) && strategy != null) {
            sb.append(
                    switch (strategy) {
                        case "Hashed" -> "HashAggregate";
                        case "Sorted" -> "GroupAggregate";
                        case "Mixed" -> "MixedAggregate";
                        default -> "Aggregate";
                    });
        } else if ("ModifyTable".equals(type) && text(PlanFields.OPERATION) != null) {
            sb.append(text(PlanFields.OPERATION));
        } else {
            sb.append(type);
        }
        if (join != null && !"Inner".equals(join)) {
            sb.append(" (").append(join).append(')');
        }
        String index = text(PlanFields.INDEX_NAME);
        if (index != null) {
            sb.append(" using ").append(index);
        }
        String relation = text(PlanFields.RELATION_NAME);
        String cte = text(PlanFields.CTE_NAME);
        String function = text(PlanFields.FUNCTION_NAME);
        String target = relation != null ? relation : cte != null ? cte : function;
        String alias = text(PlanFields.ALIAS);
        if (target != null) {
            sb.append(" on ").append(target);
            if (alias != null && !alias.equals(target)) {
                sb.append(' ').append(alias);
            }
        } else if (alias != null && type.endsWith("Scan")) {
            sb.append(" on ").append(alias);
        }
        return sb.toString();
    }

    private Boolean bool(String name) {
        JsonNode v = properties.get(name);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }
}
