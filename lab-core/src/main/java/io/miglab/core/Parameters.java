package io.miglab.core;

import io.miglab.core.units.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters of a headless call, as a playbook step gives them: names to text values. Each service's request
 * record reads itself from one ({@code fromParameters}), so the playbook runner, the CLI and the app end up with the
 * same validated request. Every problem is a one-line {@link MigLabException} naming the step and the parameter.
 */
public final class Parameters {
    private final String where;
    private final Map<String, String> values;

    private Parameters(String where, Map<String, String> values) {
        this.where = where;
        this.values = Map.copyOf(values);
    }

    /**
     * @param where what the parameters belong to, for messages ("step baseline")
     * @param values the raw values; null values count as absent
     */
    public static Parameters of(String where, Map<String, String> values) {
        Map<String, String> present = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return new Parameters(where, present);
    }

    /** Refuses names the caller does not know, listing the ones it takes: a typo must not be silently ignored. */
    public Parameters allowOnly(String... names) {
        Set<String> known = Set.of(names);
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new MigLabException(where + " has no parameter '" + name + "'; it takes "
                        + String.join(", ", new TreeSet<>(known)) + ".");
            }
        }
        return this;
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new MigLabException(where + " needs the parameter '" + name + "'.");
        }
        return value.strip();
    }

    /** The value, or null when absent or blank. */
    public String optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        } catch (NumberFormatException ignored) {
            // Reported below, with the range.
        }
        throw new MigLabException(where + ": '" + name + "' must be a whole number from " + min + " to " + max
                + ", not '" + shorten(value) + "'.");
    }

    public boolean flag(String name, boolean fallback) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new MigLabException(
                    where + ": '" + name + "' must be true or false, not '" + shorten(value) + "'.");
        };
    }

    /** A duration such as 30s or 2m; null when absent and {@code fallback} is null. */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        String value = optional(name);
        return value == null ? fallback : Durations.parse(value, where + ": '" + name + "'", min, max);
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }
}
