package io.miglab.core.plan.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanFormat;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.PlanParseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads EXPLAIN (FORMAT JSON) output. It builds the JSON tree itself from Jackson's token stream so it can
 * remember where every object and field started, and name the user's line and column when a field has the wrong
 * type, not only when the JSON syntax is broken.
 */
final class JsonPlanReader {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> NUMERIC = Stream.concat(
                    Stream.of(
                            PlanFields.STARTUP_COST,
                            PlanFields.TOTAL_COST,
                            PlanFields.PLAN_ROWS,
                            PlanFields.PLAN_WIDTH,
                            PlanFields.ACTUAL_STARTUP_TIME,
                            PlanFields.ACTUAL_TOTAL_TIME,
                            PlanFields.ACTUAL_ROWS,
                            PlanFields.ACTUAL_LOOPS,
                            PlanFields.WORKERS_PLANNED,
                            PlanFields.WORKERS_LAUNCHED,
                            PlanFields.ROWS_REMOVED_BY_FILTER,
                            PlanFields.ROWS_REMOVED_BY_JOIN_FILTER,
                            PlanFields.ROWS_REMOVED_BY_INDEX_RECHECK,
                            PlanFields.HEAP_FETCHES,
                            PlanFields.HASH_BATCHES,
                            PlanFields.ORIGINAL_HASH_BATCHES,
                            PlanFields.HASH_BUCKETS,
                            PlanFields.ORIGINAL_HASH_BUCKETS,
                            PlanFields.PEAK_MEMORY_USAGE,
                            PlanFields.SORT_SPACE_USED),
                    PlanFields.INCLUSIVE_COUNTERS.stream())
            .collect(Collectors.toUnmodifiableSet());

    private static final Set<String> TEXTUAL = Set.of(
            PlanFields.PARENT_RELATIONSHIP,
            PlanFields.SUBPLAN_NAME,
            PlanFields.RELATION_NAME,
            PlanFields.ALIAS,
            PlanFields.INDEX_NAME,
            PlanFields.CTE_NAME,
            PlanFields.JOIN_TYPE,
            PlanFields.STRATEGY,
            PlanFields.OPERATION,
            PlanFields.SORT_METHOD,
            PlanFields.SORT_SPACE_TYPE);

    private final List<SourceLine> lines;
    private final Map<JsonNode, JsonLocation> starts = new IdentityHashMap<>();
    private final Map<JsonNode, Map<String, JsonLocation>> fieldStarts = new IdentityHashMap<>();
    private int nextId;

    private JsonPlanReader(List<SourceLine> lines) {
        this.lines = lines;
    }

    static Plan read(List<SourceLine> lines) {
        return new JsonPlanReader(lines).read();
    }

    private Plan read() {
        String text = lines.stream().map(SourceLine::text).collect(Collectors.joining("\n"));
        JsonNode document;
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PlanParseException(0, 0, "the plan is empty; expected EXPLAIN output in JSON or TEXT format");
            }
            document = readValue(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw error(parser.currentTokenLocation(), "expected the end of the plan, found more JSON after it");
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw error(where, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PlanParseException(0, 0, "cannot read the JSON text: " + e.getMessage());
        }
        return toPlan(document);
    }

    private JsonNode readValue(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                starts.put(object, p.currentTokenLocation());
                Map<String, JsonLocation> fields = new HashMap<>();
                fieldStarts.put(object, fields);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields.put(name, p.currentTokenLocation());
                    object.set(name, readValue(p));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                starts.put(array, p.currentTokenLocation());
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(p));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw error(p.currentTokenLocation(), "expected a JSON value, found " + token);
        }
    }

    private Plan toPlan(JsonNode document) {
        JsonNode top = document;
        if (top.isArray()) {
            if (top.isEmpty()) {
                throw error(
                        starts.get(top), "expected an array holding one {\"Plan\": ...} object, found an empty array");
            }
            top = top.get(0);
        }
        if (!top.isObject()) {
            throw error(
                    starts.get(document),
                    "expected a JSON object with a \"Plan\" field (EXPLAIN (FORMAT JSON) output)");
        }
        ObjectNode summary;
        JsonNode planJson;
        if (top.has(PlanFields.PLAN)) {
            planJson = top.get(PlanFields.PLAN);
            if (!planJson.isObject()) {
                throw fieldError(top, PlanFields.PLAN, "expected \"Plan\" to be an object holding the top plan node");
            }
            summary = ((ObjectNode) top).deepCopy();
            summary.remove(PlanFields.PLAN);
            checkNumber(top, PlanFields.PLANNING_TIME);
            checkNumber(top, PlanFields.EXECUTION_TIME);
        } else if (top.has(PlanFields.NODE_TYPE)) {
            planJson = top;
            summary = NODES.objectNode();
        } else {
            throw error(
                    starts.get(top), "expected a \"Plan\" field (or a plan node with \"Node Type\") in this object");
        }
        nextId = 1;
        return new Plan(toNode((ObjectNode) planJson), summary, PlanFormat.JSON);
    }

    private PlanNode toNode(ObjectNode json) {
        int id = nextId++;
        JsonNode type = json.get(PlanFields.NODE_TYPE);
        if (type == null) {
            throw error(starts.get(json), "expected a \"Node Type\" field in this plan node");
        }
        if (!type.isTextual()) {
            throw fieldError(json, PlanFields.NODE_TYPE, "expected \"Node Type\" to be a string");
        }
        for (var field : json.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (NUMERIC.contains(name) && !value.isNumber() && !value.isNull()) {
                throw fieldError(json, name, "expected \"" + name + "\" to be a number, found " + describe(value));
            }
            if (TEXTUAL.contains(name) && !value.isTextual() && !value.isNull()) {
                throw fieldError(json, name, "expected \"" + name + "\" to be a string, found " + describe(value));
            }
        }
        List<PlanNode> children = new ArrayList<>();
        JsonNode plans = json.get(PlanFields.PLANS);
        if (plans != null && !plans.isNull()) {
            if (!plans.isArray()) {
                throw fieldError(json, PlanFields.PLANS, "expected \"Plans\" to be an array of plan nodes");
            }
            for (JsonNode child : plans) {
                if (!child.isObject()) {
                    throw error(
                            starts.getOrDefault(child, fieldStarts.get(json).get(PlanFields.PLANS)),
                            "expected each entry of \"Plans\" to be a plan node object, found " + describe(child));
                }
                children.add(toNode((ObjectNode) child));
            }
        }
        ObjectNode properties = json.deepCopy();
        properties.remove(PlanFields.PLANS);
        return new PlanNode(id, properties, children);
    }

    private void checkNumber(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value != null && !value.isNumber() && !value.isNull()) {
            throw fieldError(object, name, "expected \"" + name + "\" to be a number, found " + describe(value));
        }
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            String t = value.asText();
            return "the string \"" + (t.length() > 30 ? t.substring(0, 30) + "..." : t) + "\"";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }

    private PlanParseException fieldError(JsonNode object, String field, String problem) {
        Map<String, JsonLocation> fields = fieldStarts.get(object);
        JsonLocation where = fields == null ? null : fields.get(field);
        return error(where != null ? where : starts.get(object), problem);
    }

    private PlanParseException error(JsonLocation where, String problem) {
        if (where == null || where.getLineNr() <= 0) {
            return new PlanParseException(0, 0, problem);
        }
        int index = where.getLineNr() - 1;
        if (index >= lines.size()) {
            SourceLine last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            return new PlanParseException(last == null ? 0 : last.number(), 0, problem);
        }
        SourceLine line = lines.get(index);
        int column = where.getColumnNr() > 0 ? where.getColumnNr() + line.columnOffset() : 0;
        return new PlanParseException(line.number(), column, problem);
    }
}
