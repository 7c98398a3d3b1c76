package io.miglab.core.ledger;

/**
 * One experiment's relation to another, as seen from {@code from}: {@code from} {@code relation} {@code to}, for
 * example "experiment 14 proves experiment 12".
 */
public record ExperimentLink(long from, String relation, long to) {
    /** An A/B run or measurement that gives the evidence for a change. */
    public static final String PROVES = "proves";
    /** A change (an index, a setting) made to speed up what the other experiment measured. */
    public static final String IMPROVES = "improves";
    /** A change that takes back the other experiment's change. */
    public static final String UNDOES = "undoes";
    /** A measurement of what a change costs elsewhere (write overhead). */
    public static final String COSTS = "costs";

    public ExperimentLink {
        if (relation == null || relation.isBlank()) {
            throw new IllegalArgumentException("A link needs a relation");
        }
    }
}
