package io.miglab.core.units;

import io.miglab.core.MigLabException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way MigLab reads and writes sizes. Units are powers of 1024 written as PostgreSQL writes them ({@code kB},
 * {@code MB}, {@code GB}, {@code TB}, as in {@code pg_size_pretty} and {@code postgresql.conf}); {@code KiB} and
 * friends mean the same, case does not matter, and a plain number is bytes.
 */
public final class Sizes {
    public static final long KB = 1024L;
    public static final long MB = 1024L * KB;
    public static final long GB = 1024L * MB;
    public static final long TB = 1024L * GB;

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};
    private static final Pattern SIZE = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?|[+-]?\\.\\d+)\\s*([a-z]*)");
    private static final int LONGEST_INPUT = 64;

    private Sizes() {}

    /** Reads a size from 1 byte to 1 TB. */
    public static long parse(String text, String what) {
        return parse(text, what, 1, TB);
    }

    /**
     * Reads a size from {@code min} to {@code max} bytes, or throws a one-line {@link MigLabException} naming
     * {@code what} and what was given.
     */
    public static long parse(String text, String what, long min, long max) {
        BigDecimal bytes = bytes(text, what);
        if (bytes.signum() < 0 || (bytes.signum() == 0 && min > 0)) {
            throw new MigLabException(what + " must be a positive size, not '" + Durations.shown(text) + "'.");
        }
        if (bytes.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw new MigLabException(
                    what + " must be at least " + format(min) + ", not '" + Durations.shown(text) + "'.");
        }
        if (bytes.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new MigLabException(
                    what + " must be at most " + format(max) + ", not '" + Durations.shown(text) + "'.");
        }
        return bytes.longValueExact();
    }

    private static BigDecimal bytes(String text, String what) {
        if (text != null && text.length() <= LONGEST_INPUT) {
            Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                Long unit =
                        switch (m.group(2)) {
                            case "", "b", "byte", "bytes" -> 1L;
                            case "k", "kb", "kib" -> KB;
                            case "m", "mb", "mib" -> MB;
                            case "g", "gb", "gib" -> GB;
                            case "t", "tb", "tib" -> TB;
                            default -> null;
                        };
                if (unit != null) {
                    return new BigDecimal(m.group(1))
                            .multiply(BigDecimal.valueOf(unit))
                            .setScale(0, RoundingMode.HALF_UP);
                }
            }
        }
        throw new MigLabException(
                what + " takes a size such as 64kB, 16MB or 1GB, not '" + Durations.shown(text) + "'.");
    }

    /**
     * 8192 as {@code 8.0 kB}, 1572864 as {@code 1.5 MB}, 130 MB as {@code 130 MB}: powers of 1024 with
     * PostgreSQL's unit names, one decimal below 100.
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            return "\u2212" + format(bytes == Long.MIN_VALUE ? Long.MAX_VALUE : -bytes);
        }
        if (bytes < KB) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
    }
}
