package io.miglab.core.workload;

import java.util.Locale;

/** What a comparison concludes about one statement, B against A. */
public enum Verdict {
    /** B is faster: the whole confidence interval of the median ratio is below 1 / (1 + noise threshold). */
    FASTER,
    /** B is slower, by the same rule mirrored. */
    SLOWER,
    /** The interval reaches into the noise band around 1: no change larger than the noise is certain. */
    NO_SIGNIFICANT_CHANGE,
    /** Too few successful executions on one side to say anything. */
    INSUFFICIENT_DATA;

    /** {@code faster}, {@code slower}, {@code no significant change}, {@code insufficient data}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
