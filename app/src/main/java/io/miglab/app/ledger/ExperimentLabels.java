package io.miglab.app.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.Measurement;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Sizes;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the Experiments page words an experiment: kinds, parameters and figures with their units. */
public final class ExperimentLabels {
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());
    static final DateTimeFormatter WHEN_SHORT =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    /** Parameters whose numbers are seconds (Jackson writes a Duration as decimal seconds). */
    private static final java.util.regex.Pattern SECONDS =
            java.util.regex.Pattern.compile("(?i).*(timeout|interval|duration)$");

    private static final Map<String, String> KINDS = Map.of(
            "baseline", "Baseline",
            "explain", "EXPLAIN plan",
            "inventory", "Inventory",
            "dataset", "Dataset load",
            "script", "Script run",
            "migration", "Migration",
            "validation", "Validation");

    private ExperimentLabels() {}

    /** One parameter of an experiment, flattened and named in words: {@code options.statementTimeoutMs} is "Statement timeout". */
    public record Parameter(String name, String value) {}

    /** The kind as people say it ("EXPLAIN plan" for {@code explain}); unknown kinds capitalised. */
    public static String kind(String kind) {
        if (kind == null || kind.isEmpty()) {
            return "";
        }
        String known = KINDS.get(kind);
        return known != null
                ? known
                : Character.toUpperCase(kind.charAt(0)) + kind.substring(1).replace('_', ' ');
    }

    /** The kind in a word, for narrow columns: "EXPLAIN" for {@code explain}. */
    public static String shortKind(String kind) {
        return "explain".equals(kind) ? "EXPLAIN" : kind(kind);
    }

    /**
     * The database the experiment ran in: from its parameters, else the one its target fingerprint names; empty when
     * neither says.
     */
    public static String database(Experiment e) {
        JsonNode p = e.parameters();
        if (p != null && p.hasNonNull("database")) {
            return p.get("database").asText();
        }
        return e.target() == null || e.target().dataset() == null
                ? ""
                : e.target().dataset();
    }

    /** Target and database in one: "lab · pagila". */
    public static String where(Experiment e) {
        String target = e.target() == null ? "" : e.target().targetName();
        String database = database(e);
        return database.isEmpty() ? target : target + " \u00b7 " + database;
    }

    public static String startedShort(Experiment e) {
        return e.startedAt() == null ? "" : WHEN_SHORT.format(e.startedAt());
    }

    public static String started(Experiment e) {
        return e.startedAt() == null ? "" : WHEN.format(e.startedAt());
    }

    /** "1.5 s", "2 min 5 s"; "running" while it runs. */
    public static String duration(Experiment e) {
        return e.duration() == null ? "running" : Durations.format(e.duration());
    }

    /** The parameters as rows, nested objects by dotted name, lists joined; none for no parameters. */
    public static List<Parameter> parameters(JsonNode parameters) {
        List<Parameter> rows = new ArrayList<>();
        if (parameters != null && parameters.isObject()) {
            flatten("", parameters, rows);
        }
        return rows;
    }

    private static void flatten(String prefix, JsonNode node, List<Parameter> rows) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String name = words(key);
            JsonNode value = field.getValue();
            if (value.isObject() && value.size() > 0) {
                flatten(prefix + key + ".", value, rows);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                // Objects in a list (a workload's statements) by their name, else as JSON.
                value.forEach(v -> items.add(
                        v.isValueNode()
                                ? v.asText()
                                : v.hasNonNull("name") ? v.get("name").asText() : v.toString()));
                rows.add(new Parameter(name, String.join(", ", items)));
            } else if (value.isNumber() && (key.endsWith("Ms") || key.endsWith("_ms"))) {
                rows.add(new Parameter(
                        name, Durations.format(java.time.Duration.ofNanos(Math.round(value.asDouble() * 1e6)))));
            } else if (value.isNumber() && SECONDS.matcher(key).matches()) {
                rows.add(new Parameter(name, Durations.seconds(value.asDouble())));
            } else {
                rows.add(new Parameter(name, value.isNull() ? "\u2013" : value.asText()));
            }
        }
    }

    /** A parameter's key as words: {@code warmupIterations} as "Warmup iterations", a trailing unit dropped. */
    static String words(String key) {
        String k = key.endsWith("Ms")
                ? key.substring(0, key.length() - 2)
                : key.endsWith("_ms") ? key.substring(0, key.length() - 3) : key;
        String spaced = k.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replace('_', ' ')
                .replace('-', ' ')
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? key : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** A measurement's name as words: {@code execution_time} as "Execution time", {@code latency.p95} as "Latency p95". */
    public static String measurementName(Measurement m) {
        String words = m.name().replace('_', ' ').replace('.', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A figure with its unit: milliseconds and seconds as durations, bytes as sizes, counts as whole numbers. */
    public static String measurementValue(Measurement m) {
        double v = m.value();
        return switch (m.unit()) {
            case "ms" -> Durations.millis(v);
            case "s" -> Durations.seconds(v);
            case "bytes", "B" -> Sizes.format((long) v);
            case "count", "" -> v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : number(v);
            case "cost" -> number(v) + " (planner cost units)";
            case "%", "percent" -> String.format(Locale.ROOT, "%.1f %%", v);
            default -> number(v) + " " + m.unit();
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }
}
