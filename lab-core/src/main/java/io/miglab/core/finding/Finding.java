package io.miglab.core.finding;

import java.util.Comparator;

/**
 * Something a person should look at, with the numbers that raised it: one model for the inventory, plans, and the
 * advisors, validation, sizing and reports that follow. Immutable; its JSON form (with {@link io.miglab.core.Json})
 * has exactly these fields, the subject nested.
 *
 * @param code a stable machine name, lower case with dashes ({@code slow-node}, {@code unused-index}): for filters,
 *     tests and links to documentation
 * @param severity how urgent it is
 * @param subject what it is about
 * @param title one line saying what was found, with its figure ({@code Seq Scan on orders takes 93.1 % of the time
 *     (26.530 ms of its own)})
 * @param evidence what was measured and what it means, in PostgreSQL's terms
 * @param threshold the thresholds applied, as the user reads them ({@code share of total time 10 / 50 / 90 %}); null
 *     when the finding is a plain fact (an invalid index)
 * @param advice what to try; null when there is nothing to suggest
 * @param value the measured value the thresholds were compared with (a share, a factor, a count); null when there is
 *     none
 */
public record Finding(
        String code,
        Severity severity,
        Subject subject,
        String title,
        String evidence,
        String threshold,
        String advice,
        Double value) {

    /**
     * The one order of finding lists: most severe first, then by subject (kind, then key, node ids as numbers), then by
     * code and title, so a list is the same from run to run.
     */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity, Severity.MOST_SEVERE_FIRST)
            .thenComparing(Finding::subject, Subject.ORDER)
            .thenComparing(Finding::code)
            .thenComparing(Finding::title);

    public Finding {
        if (code == null || !code.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A finding code is lower case with dashes, not " + code);
        }
        if (severity == null || subject == null) {
            throw new IllegalArgumentException("Finding " + code + " needs a severity and a subject");
        }
        if (title == null || title.isBlank() || title.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Finding " + code + " needs a one-line title");
        }
        if (evidence == null || evidence.isBlank()) {
            throw new IllegalArgumentException("Finding " + code + " needs its evidence");
        }
        threshold = blankToNull(threshold);
        advice = blankToNull(advice);
        if (value != null && !Double.isFinite(value)) {
            value = null;
        }
    }

    /** The plan node id this finding points at, or 0 when it is not about a plan node. */
    public int planNodeId() {
        return subject.planNodeId().orElse(0);
    }

    /** {@code [WARNING] title}: the line a log, a terminal or a notification shows. */
    public String headline() {
        return "[" + severity + "] " + title;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
