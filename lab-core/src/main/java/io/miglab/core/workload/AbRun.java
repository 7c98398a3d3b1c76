package io.miglab.core.workload;

import java.util.List;

/**
 * A finished (or cancelled) A/B test and the experiment holding it.
 *
 * @param comparison B against A per statement: ratio of medians with its interval and the verdict
 * @param rounds every round as it ran, the uncounted first ones included, in order
 * @param cancelled true when cancelled before all rounds ran; the comparison covers the finished pairs
 */
public record AbRun(
        long experimentId, String aLabel, String bLabel, Comparison comparison, List<Round> rounds, boolean cancelled) {
    public AbRun {
        rounds = List.copyOf(rounds);
    }

    /**
     * One round.
     *
     * @param side 'A' or 'B'
     * @param counted false for each side's uncounted first round
     * @param setupMs how long the side's setup took before the round
     * @param measureMs how long the measured passes took
     * @param executions successful executions of all statements in the round
     */
    public record Round(int index, char side, boolean counted, double setupMs, double measureMs, long executions) {}
}
