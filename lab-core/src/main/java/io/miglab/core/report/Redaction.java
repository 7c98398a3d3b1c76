package io.miglab.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.miglab.core.targets.ConnectionSpec;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text before it leaves MigLab in a report: credentials in URLs (through
 * {@link ConnectionSpec#redactUrl}), values named like secrets ({@code password=...}, {@code "token": "..."}), bearer
 * tokens and strings shaped like well-known API tokens. Over-redacts on purpose: a report is shared widely.
 */
public final class Redaction {
    public static final String MASK = "***";

    /** A URL with a scheme, up to white space or a quote. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]+");

    /** A key that names a secret. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|pwd|secret|token|api[_-]?key|credential|authorization|private[_-]?key).*");

    /** {@code password=x}, {@code token: x}, {@code "secret": "x"}: the value up to white space, a quote or a comma. */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)(\"?[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|credential)[A-Za-z0-9_.-]*\"?"
                    + "\\s*[:=]\\s*\"?)([^\\s\"',;}&]+)");

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");

    /**
     * Token shapes: GitHub ({@code ghp_}, {@code github_pat_}), GitLab ({@code glpat-}), Slack ({@code xox?-}), AWS
     * access keys, JSON web tokens, Atlassian API tokens ({@code ATATT}).
     */
    private static final Pattern TOKEN = Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
            + "|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}"
            + "|eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}|ATATT[A-Za-z0-9_=-]{20,})");

    private Redaction() {}

    /** The text with every secret it may hold masked; null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(ConnectionSpec.redactUrl(m.group())));
        }
        m.appendTail(out);
        String s = SECRET_ASSIGNMENT.matcher(out).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
        s = BEARER.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + " " + MASK));
        return TOKEN.matcher(s).replaceAll(MASK);
    }

    /** A copy of a JSON tree with secret-named fields masked and every string passed through {@link #text}. */
    public static JsonNode json(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.asText()));
        }
        if (node instanceof ObjectNode o) {
            ObjectNode copy = o.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean secret = SECRET_KEY.matcher(e.getKey()).matches()
                        && !e.getValue().isNull()
                        && (e.getValue().isValueNode());
                copy.set(e.getKey(), secret ? TextNode.valueOf(MASK) : json(e.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = a.arrayNode();
            a.forEach(v -> copy.add(json(v)));
            return copy;
        }
        return node;
    }

    /** Whether a key names a secret ({@code password}, {@code apiToken}). */
    public static boolean secretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }
}
