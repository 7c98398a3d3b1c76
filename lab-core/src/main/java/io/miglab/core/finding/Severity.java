package io.miglab.core.finding;

import java.util.Comparator;
import java.util.Locale;

/**
 * How urgent a finding is. The declaration order is the one order of the product, most severe first: lists, tables
 * and reports show {@link #CRITICAL} before {@link #WARNING} before {@link #INFO}, and {@code compareTo} follows it
 * (a more severe level compares as smaller). Compare levels with {@link #atLeast} rather than with {@code compareTo},
 * which reads backwards.
 */
public enum Severity {
    /** Costs now or breaks soon: an invalid index, a sequence about to run out, a node taking most of a slow query. */
    CRITICAL,
    /** Worth fixing before a migration: duplicate indexes, heavy bloat, a sort spilling to disk. */
    WARNING,
    /** Worth a look: an unused index, a constraint not yet validated, a node with a modest share of the time. */
    INFO;

    /** Most severe first: the order of every finding list. */
    public static final Comparator<Severity> MOST_SEVERE_FIRST = Comparator.naturalOrder();

    /** Whether this level is {@code other} or more severe: {@code WARNING.atLeast(INFO)} is true. */
    public boolean atLeast(Severity other) {
        return compareTo(other) <= 0;
    }

    /** The more severe of two levels; a null one counts as no level at all. */
    public static Severity mostSevere(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.atLeast(b) ? a : b;
    }

    /** The less severe of two levels: a finding that must pass two thresholds gets the lower of the two levels. */
    public static Severity leastSevere(Severity a, Severity b) {
        if (a == null || b == null) {
            return null;
        }
        return a.atLeast(b) ? b : a;
    }

    /** "critical", "warning", "info": for CSS classes, chips and lower-case text. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
