package io.miglab.core.playbook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.miglab.core.MigLabException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads playbooks from YAML. Errors name the source and, where the parser knows it, the line and column, plus the
 * field that is wrong; nothing is guessed.
 *
 * <pre>
 * id: pagila-starter
 * title: Pagila starter lab
 * description: ...
 * steps:
 *   - id: dataset
 *     title: Load Pagila
 *     page: dataset
 *     summary: ...
 *     parameters:        # optional: what the step's service runs with
 *       from: old
 * </pre>
 */
public final class PlaybookLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    private PlaybookLoader() {}

    public static Playbook load(InputStream in, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new MigLabException(
                    "The playbook " + source + " is not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MigLabException("Cannot read the playbook " + source + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MigLabException("The playbook " + source + " must be a YAML mapping with id, title and steps.");
        }
        String id = requireId(root, "id", source, "");
        String title = requireText(root, "title", source, "");
        String description = root.path("description").asText("");
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new MigLabException("The playbook " + source + " needs a non-empty list 'steps'.");
        }
        List<PlaybookStep> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String where = "steps[" + i + "]";
            if (!step.isObject()) {
                throw new MigLabException("In the playbook " + source + ", " + where + " must be a mapping.");
            }
            String stepId = requireId(step, "id", source, where + ".");
            if (!seen.add(stepId)) {
                throw new MigLabException("In the playbook " + source + ", " + where + ".id '" + stepId
                        + "' is used twice; step ids must be unique.");
            }
            result.add(new PlaybookStep(
                    stepId,
                    requireText(step, "title", source, where + "."),
                    step.path("page").asText(stepId),
                    step.path("summary").asText(""),
                    parameters(step.get("parameters"), source, where + ".parameters")));
        }
        return new Playbook(id, title, description, result);
    }

    /** A step's optional {@code parameters}: a mapping of names to scalars (text, numbers, true/false). */
    private static Map<String, String> parameters(JsonNode node, String source, String where) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new MigLabException(
                    "In the playbook " + source + ", '" + where + "' must be a mapping of names to" + " values.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new MigLabException("In the playbook " + source + ", '" + where + "." + e.getKey()
                        + "' must be a text, a number or true/false.");
            }
            values.put(e.getKey(), e.getValue().asText());
        });
        return values;
    }

    private static String requireText(JsonNode node, String field, String source, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new MigLabException("In the playbook " + source + ", '" + prefix + field + "' is missing or empty.");
        }
        return value.asText().strip();
    }

    private static String requireId(JsonNode node, String field, String source, String prefix) {
        String value = requireText(node, field, source, prefix);
        if (!ID.matcher(value).matches()) {
            throw new MigLabException("In the playbook " + source + ", '" + prefix + field + "' is '" + value
                    + "'; ids are lower-case letters, digits and '-'.");
        }
        return value;
    }
}
