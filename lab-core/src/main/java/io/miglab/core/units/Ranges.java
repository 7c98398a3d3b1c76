package io.miglab.core.units;

import io.miglab.core.MigLabException;

/**
 * Range checks for numeric options and request fields, with one wording everywhere: "{@code Clients must be from 1
 * to 1000, not 5000.}" Request records call these in their compact constructors (as HikariCP's
 * {@code HikariConfig.validate()} checks a pool's settings), so an absurd number is a one-line error before any work
 * starts.
 */
public final class Ranges {
    private Ranges() {}

    public static int require(int value, int min, int max, String what) {
        require((long) value, min, max, what);
        return value;
    }

    public static long require(long value, long min, long max, String what) {
        if (value < min || value > max) {
            throw new MigLabException(what + " must be from " + min + " to " + max + ", not " + value + ".");
        }
        return value;
    }

    /** A duration option or field: present, from {@code min} to {@code max}. */
    public static java.time.Duration require(
            java.time.Duration value, java.time.Duration min, java.time.Duration max, String what) {
        if (value == null) {
            throw new MigLabException(what + " is required.");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new MigLabException(what + " must be from " + Durations.format(min) + " to " + Durations.format(max)
                    + ", not " + Durations.format(value) + ".");
        }
        return value;
    }
}
