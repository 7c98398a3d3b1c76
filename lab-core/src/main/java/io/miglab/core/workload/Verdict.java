package io.miglab.core.workload;

import java.util.Locale;

/** What a comparison concludes about one statement, B against A. */
public enum Verdict {
    /** B is faster: the whole confidence interval of the median ratio is below 1 and the change beats the noise. */
    FASTER,
    /** B is slower, by the same rule mirrored. */
    SLOWER,
    /** The interval includes 1, or the change is within the noise threshold. */
    NO_SIGNIFICANT_CHANGE,
    /** Too few successful executions on one side to say anything. */
    INSUFFICIENT_DATA;

    /** {@code faster}, {@code slower}, {@code no significant change}, {@code insufficient data}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
