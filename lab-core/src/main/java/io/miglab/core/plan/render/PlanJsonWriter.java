package io.miglab.core.plan.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.finding.Finding;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.analysis.NodeMetrics;
import io.miglab.core.plan.analysis.PlanAnalysis;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an analysed plan, for {@code miglab explain --json} and for the golden files: the plan as
 * EXPLAIN (FORMAT JSON) prints it (so it can be opened again, here or on explain.dalibo.com), the derived metrics
 * per node id, and the findings in the product's one finding shape ({@link Finding}). Numbers are rounded to 3
 * decimals, so the output is stable run to run.
 */
public final class PlanJsonWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlanJsonWriter() {}

    /** {@code {"plan": [...], "analysis": {...}, "findings": [...]}}. */
    public static ObjectNode document(Plan plan, PlanAnalysis analysis, List<Finding> findings) {
        ObjectNode doc = NODES.objectNode();
        doc.set("plan", plan.toExplainJson());
        doc.setAll(analysisAndFindings(plan, analysis, findings));
        return doc;
    }

    /** Only the derived part: {@code {"analysis": {...}, "findings": [...]}}; the golden files hold this. */
    public static ObjectNode analysisAndFindings(Plan plan, PlanAnalysis analysis, List<Finding> findings) {
        ObjectNode doc = NODES.objectNode();
        ObjectNode a = doc.putObject("analysis");
        put(a, "rootTime", analysis.rootTime());
        put(a, "exclusiveTimeSum", analysis.timed() ? analysis.exclusiveTimeSum() : null);
        put(a, "totalCost", analysis.totalCost());
        put(a, "executionTime", analysis.executionTime());
        put(a, "planningTime", analysis.planningTime());
        a.put("analyzed", analysis.analyzed());
        a.put("timed", analysis.timed());
        ArrayNode nodes = a.putArray("nodes");
        for (PlanNode node : plan.nodes()) {
            NodeMetrics m = analysis.nodes().get(node.id());
            if (m == null) {
                continue;
            }
            ObjectNode n = nodes.addObject();
            n.put("id", node.id());
            n.put("node", node.label());
            put(n, "inclusiveTime", m.inclusiveTime());
            put(n, "exclusiveTime", m.exclusiveTime());
            put(n, "timeShare", m.timeShare());
            put(n, "revisedRows", m.revisedRows());
            put(n, "revisedPlanRows", m.revisedPlanRows());
            put(n, "rowsRemovedByFilter", m.rowsRemovedByFilter());
            put(n, "rowsRemovedByJoinFilter", m.rowsRemovedByJoinFilter());
            put(n, "estimateFactor", m.estimateFactor());
            n.put("estimateDirection", m.estimateDirection().name());
            put(n, "exclusiveCost", m.exclusiveCost());
            put(n, "costShare", m.costShare());
            n.put("loops", m.loops());
            n.put("workers", m.workers());
            if (m.exclusiveCounters().values().stream().anyMatch(v -> v != 0)) {
                ObjectNode c = n.putObject("exclusiveCounters");
                m.exclusiveCounters().entrySet().stream()
                        .filter(e -> e.getValue() != 0)
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(e -> put(c, e.getKey(), e.getValue()));
            }
        }
        ArrayNode f = doc.putArray("findings");
        for (Finding finding : findings) {
            ObjectNode o = Json.mapper().valueToTree(finding);
            put(o, "value", finding.value());
            f.add(o);
        }
        return doc;
    }

    /** Pretty-printed JSON text with a final newline. */
    public static String toText(ObjectNode json) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new MigLabException("Cannot write the plan as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void put(ObjectNode o, String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            o.putNull(name);
        } else {
            o.put(
                    name,
                    BigDecimal.valueOf(value)
                            .setScale(3, RoundingMode.HALF_UP)
                            .stripTrailingZeros()
                            .doubleValue());
        }
    }
}
