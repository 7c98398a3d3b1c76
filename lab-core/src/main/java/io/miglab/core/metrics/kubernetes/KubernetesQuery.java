package io.miglab.core.metrics.kubernetes;

import io.miglab.core.MigLabException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which pods to watch: a kubeconfig context (null: the current one), a namespace (null: the context's), and an
 * equality label selector ({@code app=loader,tier=batch}).
 */
public record KubernetesQuery(String context, String namespace, Map<String, String> selector) {
    /** A DNS-1123 label: what a namespace may be called. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A label key (optional DNS prefix and name) and value, as Kubernetes accepts them. */
    private static final Pattern KEY =
            Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    public KubernetesQuery {
        context = context == null || context.isBlank() ? null : context.strip();
        namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
        if (namespace != null && !NAMESPACE.matcher(namespace).matches()) {
            throw new MigLabException("'" + namespace + "' is not a namespace name (lower-case letters, digits and '-',"
                    + " at most 63).");
        }
        selector = selector == null ? Map.of() : Map.copyOf(selector);
    }

    /** {@code app=loader,tier=batch} as a map; set-based selectors ({@code in}, {@code !=}) are refused in words. */
    public static Map<String, String> parseSelector(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return labels;
        }
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            if (p.contains("!=") || p.contains(" in ") || p.contains(" notin ") || p.startsWith("!")) {
                throw new MigLabException("--selector takes key=value pairs joined by commas; '" + p + "' is a"
                        + " set-based selector, which MigLab does not read yet.");
            }
            String[] kv = p.split("==?", 2);
            if (kv.length != 2
                    || !KEY.matcher(kv[0].strip()).matches()
                    || !VALUE.matcher(kv[1].strip()).matches()) {
                throw new MigLabException("'" + p + "' is not a label selector term such as app=loader.");
            }
            labels.put(kv[0].strip(), kv[1].strip());
        }
        return labels;
    }

    static String selectorText(Map<String, String> selector) {
        return selector.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
