package io.miglab.core.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A parsed EXPLAIN result: the node tree plus the top-level fields PostgreSQL prints beside it (Planning Time,
 * Execution Time, Triggers, Settings, JIT, Planning buffers), all under PostgreSQL's own names.
 *
 * @param root the top plan node (id 1)
 * @param summary every top-level field except {@code "Plan"} (private copy; the accessor returns another)
 * @param format the format the plan was read from
 */
public record Plan(PlanNode root, ObjectNode summary, PlanFormat format) {

    public Plan {
        summary = summary.deepCopy();
        summary.remove(PlanFields.PLAN);
    }

    @Override
    public ObjectNode summary() {
        return summary.deepCopy();
    }

    /** Every node in pre-order (the order of ids). */
    public List<PlanNode> nodes() {
        List<PlanNode> out = new ArrayList<>();
        collect(root, out);
        return Collections.unmodifiableList(out);
    }

    public Optional<PlanNode> node(int id) {
        return nodes().stream().filter(n -> n.id() == id).findFirst();
    }

    /** The parent of a node, empty for the root. */
    public Optional<PlanNode> parentOf(int id) {
        for (PlanNode n : nodes()) {
            for (PlanNode c : n.children()) {
                if (c.id() == id) {
                    return Optional.of(n);
                }
            }
        }
        return Optional.empty();
    }

    /** Planning time in ms when EXPLAIN reported it (SUMMARY or ANALYZE), else null. */
    public Double planningTime() {
        return summary.path(PlanFields.PLANNING_TIME).isNumber()
                ? summary.get(PlanFields.PLANNING_TIME).asDouble()
                : null;
    }

    /** Execution time in ms when EXPLAIN ANALYZE reported it, else null. */
    public Double executionTime() {
        return summary.path(PlanFields.EXECUTION_TIME).isNumber()
                ? summary.get(PlanFields.EXECUTION_TIME).asDouble()
                : null;
    }

    /**
     * The plan as EXPLAIN (FORMAT JSON) prints it: a one-element array holding {@code {"Plan": ..., ...}}. Reading
     * this back gives an equal plan, and explain.dalibo.com accepts it.
     */
    public ArrayNode toExplainJson() {
        ObjectNode top = JsonNodeFactory.instance.objectNode();
        top.set(PlanFields.PLAN, toJson(root));
        top.setAll(summary.deepCopy());
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.add(top);
        return array;
    }

    private static ObjectNode toJson(PlanNode node) {
        ObjectNode json = node.properties();
        if (!node.children().isEmpty()) {
            ArrayNode plans = json.putArray(PlanFields.PLANS);
            for (PlanNode child : node.children()) {
                plans.add(toJson(child));
            }
        }
        return json;
    }

    private static void collect(PlanNode node, List<PlanNode> out) {
        out.add(node);
        for (PlanNode child : node.children()) {
            collect(child, out);
        }
    }
}
