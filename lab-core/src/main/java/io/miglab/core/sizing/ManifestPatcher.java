package io.miglab.core.sizing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.miglab.core.MigLabException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Changes one container's resources in the user's own manifest and nothing else: the text is edited where the YAML
 * parser says the container's {@code resources} sit, so comments, order, quoting and the other documents stay as they
 * were. The result is parsed again and compared with the original, resources aside, before it is returned.
 */
public final class ManifestPatcher {
    /** Where each kind keeps its pod's containers. */
    private static final Map<String, List<String>> CONTAINERS = Map.of(
            "Pod", List.of("spec", "containers"),
            "Job", List.of("spec", "template", "spec", "containers"),
            "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec", "containers"),
            "Deployment", List.of("spec", "template", "spec", "containers"),
            "StatefulSet", List.of("spec", "template", "spec", "containers"),
            "DaemonSet", List.of("spec", "template", "spec", "containers"),
            "ReplicaSet", List.of("spec", "template", "spec", "containers"));

    private ManifestPatcher() {}

    /**
     * @param workloads the patched objects as {@code Kind/name}
     * @param kinds their kinds, for the apply command
     * @param before each patched container's resources as the manifest had them
     */
    public record Patch(String text, List<String> workloads, List<String> kinds, List<Resources> before) {}

    /** A workload's container found in the manifest, with its current resources. */
    public record Found(String workload, String kind, String namespace, Resources resources) {}

    /** The containers of that name in the manifest and their resources today. */
    public static List<Found> find(String yaml, String container, String where) {
        List<Found> found = new ArrayList<>();
        for (Located l : locate(yaml, container, where)) {
            found.add(new Found(l.workload(), l.kind(), l.namespace(), l.current()));
        }
        return found;
    }

    public static Patch patch(String yaml, String container, Resources resources, String where) {
        List<Located> targets = locate(yaml, container, where);
        String newline = yaml.contains("\r\n") ? "\r\n" : "\n";
        CodePoints cp = new CodePoints(yaml);
        StringBuilder text = new StringBuilder(yaml);
        // From the end of the text backwards, so earlier offsets stay right.
        List<Located> ordered = new ArrayList<>(targets);
        ordered.sort(Comparator.comparingInt(Located::editStart).reversed());
        for (Located l : ordered) {
            String block = render(resources, l.indent(), newline);
            if (l.editEnd() < 0) {
                // No resources yet: a new last key of the container, after its last line (and that line's comment).
                text.insert(endOfContentLine(yaml, cp.chars(l.editStart())), newline + block);
            } else {
                int start = cp.chars(l.editStart());
                int end = endOfContentLine(yaml, cp.chars(l.editEnd()));
                text.replace(start, end, block.substring(l.indent()));
            }
        }
        String patched = text.toString();
        verify(yaml, patched, container, resources, where);
        return new Patch(
                patched,
                targets.stream().map(Located::workload).toList(),
                targets.stream().map(Located::kind).toList(),
                targets.stream().map(Located::current).toList());
    }

    /** {@code kubectl apply -f FILE}, or for a Job (whose pod template cannot change) {@code kubectl replace --force}. */
    public static String applyCommand(Patch patch, String file) {
        boolean job = patch.kinds().contains("Job") || patch.kinds().contains("Pod");
        return job
                ? "kubectl replace --force -f " + file + "   # a Job's pod template is immutable: this deletes and"
                        + " recreates it"
                : "kubectl apply -f " + file;
    }

    private record Located(
            String workload,
            String kind,
            String namespace,
            Resources current,
            int editStart,
            int editEnd,
            int indent) {}

    private static List<Located> locate(String yaml, String container, String where) {
        if (container == null || container.isBlank()) {
            throw new MigLabException("Name the container to patch (--container).");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        Yaml parser = new Yaml(options);
        List<Located> found = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        try {
            for (Node doc : parser.composeAll(new StringReader(yaml))) {
                if (!(doc instanceof MappingNode root)) {
                    continue;
                }
                String kind = scalar(root, "kind");
                if (kind == null) {
                    continue;
                }
                kinds.add(kind);
                List<String> path = CONTAINERS.get(kind);
                if (path == null) {
                    continue;
                }
                Node at = root;
                for (String key : path) {
                    at = at instanceof MappingNode m ? value(m, key) : null;
                }
                if (!(at instanceof SequenceNode list)) {
                    continue;
                }
                Node metadata = value(root, "metadata");
                String name = metadata instanceof MappingNode m ? scalar(m, "name") : null;
                String namespace = metadata instanceof MappingNode m ? scalar(m, "namespace") : null;
                for (Node item : list.getValue()) {
                    if (!(item instanceof MappingNode c)) {
                        continue;
                    }
                    String containerName = scalar(c, "name");
                    seen.add(containerName);
                    if (!container.equals(containerName)) {
                        continue;
                    }
                    if (c.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
                        throw new MigLabException(where + ":" + line(c.getStartMark()) + ": container '" + container
                                + "' is written in flow style ({...}); write it as a block to patch it.");
                    }
                    NodeTuple resources = tuple(c, "resources");
                    int indent = c.getValue().get(0).getKeyNode().getStartMark().getColumn();
                    String workload = kind + "/" + (name == null ? "?" : name);
                    if (resources == null) {
                        Node last = c.getValue().get(c.getValue().size() - 1).getValueNode();
                        found.add(new Located(
                                workload,
                                kind,
                                namespace,
                                Resources.NONE,
                                last.getEndMark().getIndex(),
                                -1,
                                indent));
                    } else {
                        found.add(new Located(
                                workload,
                                kind,
                                namespace,
                                current(resources.getValueNode(), where),
                                resources.getKeyNode().getStartMark().getIndex(),
                                resources.getValueNode().getEndMark().getIndex(),
                                resources.getKeyNode().getStartMark().getColumn()));
                    }
                }
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new MigLabException(where + (m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                    + ": not valid YAML: " + e.getProblem() + ".");
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new MigLabException(where + ": not valid YAML: " + e.getMessage());
        }
        if (found.isEmpty()) {
            if (kinds.stream().noneMatch(CONTAINERS::containsKey)) {
                throw new MigLabException(where + " holds no Pod, Job, CronJob, Deployment, StatefulSet, DaemonSet or"
                        + " ReplicaSet" + (kinds.isEmpty() ? "" : " (it has " + String.join(", ", kinds) + ")") + ".");
            }
            throw new MigLabException(where + " has no container '" + container + "'"
                    + (seen.isEmpty() ? "." : "; its containers: " + String.join(", ", seen) + "."));
        }
        return found;
    }

    private static Resources current(Node resources, String where) {
        if (!(resources instanceof MappingNode m)) {
            return Resources.NONE;
        }
        Node requests = value(m, "requests");
        Node limits = value(m, "limits");
        return new Resources(
                cpu(requests instanceof MappingNode r ? scalar(r, "cpu") : null, where),
                cpu(limits instanceof MappingNode l ? scalar(l, "cpu") : null, where),
                memory(requests instanceof MappingNode r ? scalar(r, "memory") : null, where),
                memory(limits instanceof MappingNode l ? scalar(l, "memory") : null, where));
    }

    /** A Kubernetes CPU quantity in millicores: {@code 250m}, {@code 0.5}, {@code 2}. */
    static double cpu(String q, String where) {
        if (q == null) {
            return Double.NaN;
        }
        try {
            return q.endsWith("m") ? Double.parseDouble(q.substring(0, q.length() - 1)) : Double.parseDouble(q) * 1000;
        } catch (NumberFormatException e) {
            throw new MigLabException(where + ": '" + q + "' is not a CPU quantity (250m, 0.5, 2).");
        }
    }

    /** A Kubernetes memory quantity in bytes: {@code 512Mi}, {@code 1G}, {@code 1e9}, {@code 2Gi}. */
    static long memory(String q, String where) {
        if (q == null) {
            return -1;
        }
        String[][] units = {
            {"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}
        };
        try {
            for (String[] u : units) {
                if (q.endsWith(u[0])) {
                    return (long)
                            (Double.parseDouble(q.substring(0, q.length() - u[0].length())) * Long.parseLong(u[1]));
                }
            }
            return (long) Double.parseDouble(q);
        } catch (NumberFormatException e) {
            throw new MigLabException(where + ": '" + q + "' is not a memory quantity (512Mi, 1Gi, 1G).");
        }
    }

    static String render(Resources r, int indent, String newline) {
        String pad = " ".repeat(indent);
        StringBuilder b = new StringBuilder(pad).append("resources:");
        List<String[]> requests = new ArrayList<>();
        List<String[]> limits = new ArrayList<>();
        add(requests, "cpu", Resources.cpuQuantity(r.cpuRequest()));
        add(requests, "memory", Resources.memoryQuantity(r.memoryRequest()));
        add(limits, "cpu", Resources.cpuQuantity(r.cpuLimit()));
        add(limits, "memory", Resources.memoryQuantity(r.memoryLimit()));
        if (requests.isEmpty() && limits.isEmpty()) {
            return b.append(" {}").toString();
        }
        section(b, "requests", requests, pad, newline);
        section(b, "limits", limits, pad, newline);
        return b.toString();
    }

    private static void add(List<String[]> to, String key, String value) {
        if (value != null) {
            to.add(new String[] {key, value});
        }
    }

    private static void section(StringBuilder b, String name, List<String[]> entries, String pad, String newline) {
        if (entries.isEmpty()) {
            return;
        }
        b.append(newline).append(pad).append("  ").append(name).append(':');
        for (String[] e : entries) {
            b.append(newline)
                    .append(pad)
                    .append("    ")
                    .append(e[0])
                    .append(": ")
                    .append(e[1]);
        }
    }

    /** The end of the line holding the last non-blank character before {@code index}: after any comment on it. */
    private static int endOfContentLine(String text, int index) {
        int i = Math.min(index, text.length()) - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        int end = text.indexOf('\n', Math.max(0, i));
        if (end < 0) {
            return text.length();
        }
        return end > 0 && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    /** The patch changed only the resources it meant to: everything else parses to the same tree. */
    private static void verify(String before, String after, String container, Resources resources, String where) {
        List<JsonNode> a = documents(before, where);
        List<JsonNode> b = documents(after, where);
        boolean same = a.size() == b.size();
        for (int i = 0; same && i < a.size(); i++) {
            same = strip(a.get(i), container).equals(strip(b.get(i), container));
        }
        List<Found> now = find(after, container, where);
        same = same && now.stream().allMatch(f -> f.resources().equals(resources.rounded()));
        if (!same) {
            throw new MigLabException(where + ": MigLab could not patch the resources of '" + container
                    + "' without changing something else; edit them by hand.");
        }
    }

    private static List<JsonNode> documents(String text, String where) {
        try (MappingIterator<JsonNode> it =
                new YAMLMapper().readerFor(JsonNode.class).readValues(text)) {
            return it.readAll();
        } catch (IOException e) {
            throw new MigLabException(where + ": the patched manifest does not parse: " + e.getMessage(), e);
        }
    }

    /** A copy without the named container's resources. */
    private static JsonNode strip(JsonNode doc, String container) {
        JsonNode copy = doc.deepCopy();
        String kind = copy.path("kind").asText();
        List<String> path = CONTAINERS.get(kind);
        if (path == null) {
            return copy;
        }
        JsonNode at = copy;
        for (String key : path) {
            at = at.path(key);
        }
        for (JsonNode c : at) {
            if (c instanceof ObjectNode o && container.equals(o.path("name").asText())) {
                o.remove("resources");
            }
        }
        return copy;
    }

    private static NodeTuple tuple(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t;
            }
        }
        return null;
    }

    private static Node value(MappingNode m, String key) {
        NodeTuple t = tuple(m, key);
        return t == null ? null : t.getValueNode();
    }

    private static String scalar(MappingNode m, String key) {
        return value(m, key) instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Mark m) {
        return m.getLine() + 1;
    }

    /** SnakeYAML counts code points; Java strings count chars (an emoji is two). */
    private static final class CodePoints {
        private final String text;

        CodePoints(String text) {
            this.text = text;
        }

        int chars(int codePoints) {
            return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        }
    }
}
