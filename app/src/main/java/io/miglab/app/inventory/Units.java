package io.miglab.app.inventory;

import io.miglab.core.inventory.Identifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Numbers as the inventory shows them: sizes in binary units, counts with separators, times as "3 h ago". */
public final class Units {
    private static final String[] SIZES = {"B", "kB", "MB", "GB", "TB", "PB"};

    private Units() {}

    /** 8192 -> "8.0 kB" (powers of 1024, as PostgreSQL's pg_size_pretty). */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < SIZES.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, SIZES[unit]);
    }

    /**
     * A name as psql shows it: plain when it is a lower-case identifier, double-quoted when it holds capitals,
     * spaces, quotes or other letters, so what is shown can be typed back into SQL. (Reserved words are not
     * detected: they are shown plain.)
     */
    public static String name(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : Identifiers.quote(identifier);
    }

    public static String name(String schema, String identifier) {
        return name(schema) + "." + name(identifier);
    }

    public static String count(Long value) {
        return value == null ? "\u2013" : String.format(Locale.ROOT, "%,d", value);
    }

    /** How long ago, relative to {@code now}; a dash when never. */
    public static String ago(Instant when, Instant now) {
        if (when == null) {
            return "never";
        }
        Duration d = Duration.between(when, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " d ago";
    }
}
