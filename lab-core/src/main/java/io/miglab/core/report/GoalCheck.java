package io.miglab.core.report;

import java.util.function.UnaryOperator;

/**
 * One threshold of the Goals step held against what was measured: {@code p95 of by_k <= 5 ms, observed 3.2 ms}.
 *
 * @param goal what the threshold is ({@code p95 latency}, {@code migration window})
 * @param subject what it was checked on (a statement, a run)
 * @param threshold the most the observed value may be, in {@code unit}
 */
public record GoalCheck(String goal, String subject, double threshold, double observed, String unit) {
    public boolean passed() {
        return observed <= threshold;
    }

    GoalCheck mapText(UnaryOperator<String> f) {
        return new GoalCheck(f.apply(goal), f.apply(subject), threshold, observed, unit);
    }
}
