package io.miglab.core.units;

import java.util.Locale;

/** Counts as MigLab shows them: thousands separated, a dash for unknown. */
public final class Counts {
    private Counts() {}

    /** 1234567 as {@code 1,234,567}. */
    public static String format(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** As {@link #format(long)}, a dash when not known. */
    public static String format(Long value) {
        return value == null ? "\u2013" : format(value.longValue());
    }
}
