package io.miglab.core.units;

import io.miglab.core.MigLabException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way MigLab reads and writes lengths of time. Input: {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 2m}
 * (or {@code 2min}), {@code 1h}, or ISO-8601 ({@code PT30S}); case and surrounding blanks do not matter. Output:
 * {@code 850 ms}, {@code 1.5 s}, {@code 30 s}, {@code 2 min 5 s}, {@code 1 h 30 min}.
 */
public final class Durations {
    /** The shortest duration an option takes unless it says otherwise: a statement_timeout is in whole ms. */
    public static final Duration SHORTEST = Duration.ofMillis(1);
    /** The longest duration an option takes unless it says otherwise: nothing MigLab runs should last a day. */
    public static final Duration LONGEST = Duration.ofHours(24);

    private static final Pattern SIMPLE = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?|[+-]?\\.\\d+)\\s*(ms|s|sec|m|min|h)");
    private static final int LONGEST_INPUT = 64;
    private static final BigDecimal NANOS_PER_MS = BigDecimal.valueOf(1_000_000L);

    private Durations() {}

    /** Reads a duration from {@link #SHORTEST} to {@link #LONGEST}. */
    public static Duration parse(String text, String what) {
        return parse(text, what, SHORTEST, LONGEST);
    }

    /**
     * Reads a duration from {@code min} to {@code max}, or throws a one-line {@link MigLabException} naming
     * {@code what} (an option such as {@code --duration}, or a field) and what was given.
     */
    public static Duration parse(String text, String what, Duration min, Duration max) {
        BigDecimal nanos = nanos(text, what);
        if (nanos.signum() <= 0) {
            throw new MigLabException(what + " must be a positive duration, not '" + shown(text) + "'.");
        }
        if (nanos.compareTo(BigDecimal.valueOf(min.toNanos())) < 0) {
            throw new MigLabException(what + " must be at least " + format(min) + ", not '" + shown(text) + "'.");
        }
        if (nanos.compareTo(BigDecimal.valueOf(max.toNanos())) > 0) {
            throw new MigLabException(what + " must be at most " + format(max) + ", not '" + shown(text) + "'.");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** The value in nanoseconds, exact and unbounded, so a huge value is reported as too long, never overflows. */
    private static BigDecimal nanos(String text, String what) {
        if (text != null && text.length() <= LONGEST_INPUT) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            Matcher m = SIMPLE.matcher(t);
            if (m.matches()) {
                BigDecimal value = new BigDecimal(m.group(1));
                BigDecimal perUnit =
                        switch (m.group(2)) {
                            case "ms" -> NANOS_PER_MS;
                            case "s", "sec" -> NANOS_PER_MS.multiply(BigDecimal.valueOf(1_000));
                            case "m", "min" -> NANOS_PER_MS.multiply(BigDecimal.valueOf(60_000));
                            default -> NANOS_PER_MS.multiply(BigDecimal.valueOf(3_600_000));
                        };
                return value.multiply(perUnit).setScale(0, RoundingMode.HALF_UP);
            }
            if (t.startsWith("p") || t.startsWith("-p") || t.startsWith("+p")) {
                try {
                    Duration iso = Duration.parse(t.toUpperCase(Locale.ROOT));
                    return new BigDecimal(iso.getSeconds())
                            .multiply(BigDecimal.valueOf(1_000_000_000L))
                            .add(BigDecimal.valueOf(iso.getNano()));
                } catch (DateTimeParseException tooLargeOrMalformed) {
                    // Reported below, as any other text that is not a duration.
                }
            }
        }
        throw new MigLabException(
                what + " takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not '" + shown(text) + "'.");
    }

    /**
     * A length of time as people read it: {@code 0.4 ms}, {@code 850 ms}, {@code 1.5 s}, {@code 30 s},
     * {@code 2 min}, {@code 2 min 5 s}, {@code 1 h 30 min}, {@code 2 d 3 h}; a dash for null.
     */
    public static String format(Duration d) {
        if (d == null) {
            return "\u2013";
        }
        if (d.isNegative()) {
            return "\u2212" + format(d.negated());
        }
        long ms = d.toMillis();
        if (ms < 1) {
            return millis(d.toNanos() / 1e6);
        }
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            long tenths = Math.round(ms / 100.0);
            return tenths % 10 == 0 ? tenths / 10 + " s" : String.format(Locale.ROOT, "%.1f s", tenths / 10.0);
        }
        long s = ms / 1_000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3_600) {
            return pair(s / 60, "min", s % 60, "s");
        }
        if (s < 2 * 86_400) {
            // Up to two days in hours: "24 h" reads better than "1 d".
            return pair(s / 3_600, "h", (s % 3_600) / 60, "min");
        }
        return pair(s / 86_400, "d", (s % 86_400) / 3_600, "h");
    }

    /** {@code seconds} of elapsed time, as {@link #format(Duration)} writes it. */
    public static String seconds(double seconds) {
        return format(Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    /** Milliseconds with the precision that matters at their size: {@code 0.123 ms}, {@code 12.35 ms}, {@code 1,234 ms}. */
    public static String millis(double ms) {
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%,.0f ms", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        return String.format(Locale.ROOT, "%.3f ms", ms);
    }

    /** Milliseconds to the microsecond without the unit, for columns whose heading names it ({@code p95 ms}). */
    public static String plainMillis(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    /** How long ago, relative to {@code now}: {@code just now}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 d ago}. */
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

    private static String pair(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + " " + bigUnit : big + " " + bigUnit + " " + small + " " + smallUnit;
    }

    /** What the user gave, short enough for a one-line message. */
    static String shown(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
    }
}
