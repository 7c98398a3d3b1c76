package io.miglab.core.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps an experiment's parameters small: a text over {@value #CAP_BYTES} bytes (a generated statement, a pasted
 * script) goes to an artifact of the experiment, and the parameters keep its first {@value #PREFIX_CHARS}
 * characters, the artifact's name ({@code FIELDArtifact}) and the text's size ({@code FIELDBytes}). Parameters are
 * read for every listed experiment; artifacts only when one is opened.
 */
final class LongParameters {
    static final int CAP_BYTES = 16 * 1024;
    static final int PREFIX_CHARS = 200;
    static final String MEDIA_TYPE = "text/plain; charset=utf-8";

    /** The parameters as stored, and the texts moved out of them, by artifact name. */
    record Split(JsonNode parameters, Map<String, byte[]> artifacts) {}

    private LongParameters() {}

    static Split split(JsonNode parameters) {
        Map<String, byte[]> moved = new LinkedHashMap<>();
        JsonNode copy = parameters.deepCopy();
        walk(copy, "parameters", moved);
        return new Split(copy, moved);
    }

    private static void walk(JsonNode node, String path, Map<String, byte[]> moved) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (String name : names) {
                JsonNode value = object.get(name);
                String at = path + "/" + name;
                byte[] bytes = oversized(value);
                if (bytes != null) {
                    moved.put(at, bytes);
                    object.put(name, prefix(value.textValue()));
                    object.put(name + "Artifact", at);
                    object.put(name + "Bytes", bytes.length);
                } else {
                    walk(value, at, moved);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String at = path + "/" + i;
                byte[] bytes = oversized(array.get(i));
                if (bytes != null) {
                    moved.put(at, bytes);
                    array.set(
                            i,
                            TextNode.valueOf(prefix(array.get(i).textValue()) + " [whole text: artifact " + at + "]"));
                } else {
                    walk(array.get(i), at, moved);
                }
            }
        }
    }

    private static byte[] oversized(JsonNode value) {
        if (value == null || !value.isTextual() || value.textValue().length() * 3L <= CAP_BYTES) {
            return null; // at most 3 bytes a char below U+FFFF: short enough without encoding it
        }
        byte[] bytes = value.textValue().getBytes(StandardCharsets.UTF_8);
        return bytes.length > CAP_BYTES ? bytes : null;
    }

    private static String prefix(String text) {
        int end = Math.min(text.length(), PREFIX_CHARS);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
