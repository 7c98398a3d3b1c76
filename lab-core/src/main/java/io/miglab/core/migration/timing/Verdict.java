package io.miglab.core.migration.timing;

import io.miglab.core.units.Durations;
import java.time.Duration;

/**
 * Go or no-go against the release window: go only when the upper bound of the prediction interval fits, because a
 * projection whose point fits but whose interval does not is a coin toss nobody should ship on.
 *
 * @param sentence for the report, such as {@code as written: 11 h [9 h, 14 h] over the 2 h window: no-go}
 */
public record Verdict(Outcome outcome, String sentence) {
    /** Fewer distinct sizes than this and the shape of growth cannot be told apart from noise. */
    public static final int MINIMUM_SIZES = 3;

    public enum Outcome {
        GO,
        NO_GO,
        UNKNOWN
    }

    /**
     * Judges {@code projection} of the variant called {@code label} ("as written", "with the temporary index")
     * against {@code window}; UNKNOWN when the fit rests on fewer than {@link #MINIMUM_SIZES} sizes.
     */
    public static Verdict of(String label, Projection projection, int distinctSizes, Duration window) {
        String w = Durations.format(window);
        if (projection == null || distinctSizes < MINIMUM_SIZES) {
            return unknown(label, distinctSizes);
        }
        String p = label + ": " + projection.text();
        if (projection.high().compareTo(window) <= 0) {
            return new Verdict(Outcome.GO, p + " fits the " + w + " window: go");
        }
        if (projection.point().compareTo(window) <= 0) {
            return new Verdict(Outcome.NO_GO, p + ": the upper bound is over the " + w + " window: no-go");
        }
        return new Verdict(Outcome.NO_GO, p + " over the " + w + " window: no-go");
    }

    /** Too few sizes measured to project. */
    public static Verdict unknown(String label, int distinctSizes) {
        return new Verdict(
                Outcome.UNKNOWN,
                label + ": measured at " + distinctSizes + (distinctSizes == 1 ? " size" : " sizes") + ", at least "
                        + MINIMUM_SIZES + " are needed to project: unknown");
    }
}
