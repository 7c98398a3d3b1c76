package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;

/**
 * A lab experiment attached to a story, written as {@code - Experiment #12: Baseline before indexes (baseline,
 * succeeded)} under the story's {@code #### Evidence}.
 */
public record Evidence(long experimentId, String title, String kind, String status) {
    public Evidence {
        if (experimentId < 1) {
            throw new MigLabException("An experiment id must be 1 or more, not " + experimentId + ".");
        }
        title = EpicText.required(title, "The title of experiment #" + experimentId);
        kind = word(kind, "The kind of experiment #" + experimentId);
        status = word(status, "The status of experiment #" + experimentId);
    }

    /** The line's text after the list marker. */
    public String text() {
        return "Experiment #" + experimentId + ": " + title + " (" + kind + ", " + status + ")";
    }

    // The kind and status close the line in parentheses, so they may not hold what would end them early.
    private static String word(String value, String what) {
        String v = EpicText.required(value, what);
        if (v.matches(".*[(),].*")) {
            throw new MigLabException(what + " must not contain parentheses or commas: " + v);
        }
        return v;
    }
}
