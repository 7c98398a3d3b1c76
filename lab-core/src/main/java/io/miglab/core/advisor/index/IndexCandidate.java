package io.miglab.core.advisor.index;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One index the advisor considered, and its verdict.
 *
 * @param index what it would build, with its CREATE INDEX statement
 * @param origin why it is a candidate: which plan parts named its columns ({@code "filter, sort"})
 * @param serves the workload statements whose plans name its columns, in workload order
 * @param costs per served statement, estimated cost before and after; empty when it was not costed (covered by
 *     an existing index, or no way to cost it)
 * @param kept whether it is in the advised set
 * @param reason why it was kept or rejected, with the numbers
 */
public record IndexCandidate(
        IndexSpec index, String origin, List<String> serves, List<StatementCost> costs, boolean kept, String reason) {
    public IndexCandidate {
        serves = List.copyOf(serves);
        costs = List.copyOf(costs);
    }

    /** The best saving in percent over the statements it serves, or 0 when not costed. */
    @JsonProperty("bestSavingPercent")
    public double bestSavingPercent() {
        return costs.stream().mapToDouble(StatementCost::savingPercent).max().orElse(0);
    }

    /** The statement with the best saving, or null when not costed. */
    public StatementCost best() {
        return costs.stream()
                .max(java.util.Comparator.comparingDouble(StatementCost::savingPercent))
                .orElse(null);
    }

    public IndexCandidate withVerdict(boolean keep, String why) {
        return new IndexCandidate(index, origin, serves, costs, keep, why);
    }
}
