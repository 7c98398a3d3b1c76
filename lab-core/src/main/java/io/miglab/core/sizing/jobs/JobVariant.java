package io.miglab.core.sizing.jobs;

import io.miglab.core.MigLabException;
import io.miglab.core.sizing.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One way to run the Job: what changes in the named container. Only what is set here changes; everything else stays
 * as the manifest has it.
 *
 * @param label what the user called it ("3 cores"), shown in the results
 * @param resources requests and limits to set (NaN or -1 fields: keep the manifest's)
 * @param env environment variables to set or override, in order (GOMAXPROCS=3)
 * @param args the container's args instead of the manifest's; empty: keep them
 */
public record JobVariant(String label, Resources resources, Map<String, String> env, List<String> args) {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public JobVariant {
        if (label == null || label.isBlank()) {
            throw new MigLabException("A variant needs a label, such as 'more-cpu:cpu=2'.");
        }
        label = label.strip();
        resources = resources == null ? Resources.NONE : resources;
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        for (String name : env.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new MigLabException(
                        "Variant '" + label + "': '" + name + "' is not an environment variable name.");
            }
        }
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** The label as a DNS-1123 label part: lower case, digits and '-', at most 20 characters. */
    public String slug() {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 20) {
            s = s.substring(0, 20).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "v" + Integer.toHexString(label.hashCode() & 0xfffff) : s;
    }

    /**
     * Reads {@code label:cpu=500m,memory=512Mi,limit-cpu=1,limit-memory=1Gi,env.GOMAXPROCS=3,arg=--batch,arg=500}.
     * A bare label is the manifest as it is (a baseline). Keys: cpu, memory, limit-cpu, limit-memory, env.NAME, arg
     * (repeatable, in order).
     */
    public static JobVariant parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MigLabException("A --variant is empty; write it as label:cpu=500m,env.GOMAXPROCS=3.");
        }
        int colon = text.indexOf(':');
        String label = (colon < 0 ? text : text.substring(0, colon)).strip();
        if (label.isEmpty()) {
            throw new MigLabException("The variant '" + text + "' has no label before ':'.");
        }
        double cpu = Double.NaN;
        double cpuLimit = Double.NaN;
        long memory = -1;
        long memoryLimit = -1;
        Map<String, String> env = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        if (colon >= 0 && rest.isBlank()) {
            throw new MigLabException(
                    "The variant '" + text + "' has nothing after ':'; drop the ':' for the manifest" + " as it is.");
        }
        String where = "Variant '" + label + "'";
        for (String part : rest.isBlank() ? new String[0] : rest.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new MigLabException(where + ": '" + part.strip() + "' is not key=value (cpu, memory, limit-cpu,"
                        + " limit-memory, env.NAME, arg).");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (value.isEmpty() && !key.startsWith("env.") && !key.equals("arg")) {
                throw new MigLabException(where + ": '" + key + "' has no value.");
            }
            switch (key) {
                case "cpu" -> cpu = Quantities.cpu(value, where);
                case "limit-cpu" -> cpuLimit = Quantities.cpu(value, where);
                case "memory" -> memory = Quantities.memory(value, where);
                case "limit-memory" -> memoryLimit = Quantities.memory(value, where);
                case "arg" -> args.add(value);
                default -> {
                    if (key.startsWith("env.") && key.length() > 4) {
                        env.put(key.substring(4), value);
                    } else {
                        throw new MigLabException(where + ": unknown key '" + key + "'; use cpu, memory, limit-cpu,"
                                + " limit-memory, env.NAME or arg.");
                    }
                }
            }
        }
        return new JobVariant(label, new Resources(cpu, cpuLimit, memory, memoryLimit), env, args);
    }

    /** "cpu 500m/1, memory 512Mi/1Gi, GOMAXPROCS=3", or "as the manifest". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!resources.equals(Resources.NONE)) {
            parts.add(resources.toString());
        }
        env.forEach((k, v) -> parts.add(k + "=" + v));
        if (!args.isEmpty()) {
            parts.add("args " + String.join(" ", args));
        }
        return parts.isEmpty() ? "as the manifest" : String.join(", ", parts);
    }
}
