package io.miglab.core.plan.diff;

import java.util.List;

/**
 * How an "after" plan differs from a "before" plan: structural changes, and per matched node the time and row
 * deltas.
 *
 * @param changes structural changes, in the order of the before plan
 * @param matches node pairs, in the order of the before plan
 * @param rootTimeBefore root inclusive time before (ms), or null
 * @param rootTimeAfter root inclusive time after (ms), or null
 * @param totalCostBefore root total cost before
 * @param totalCostAfter root total cost after
 */
public record PlanDiff(
        List<StructuralChange> changes,
        List<NodeMatch> matches,
        Double rootTimeBefore,
        Double rootTimeAfter,
        double totalCostBefore,
        double totalCostAfter) {

    public PlanDiff {
        changes = List.copyOf(changes);
        matches = List.copyOf(matches);
    }

    /** after / before of the root time; below 1 means faster. Null without timing. */
    public Double speedRatio() {
        return rootTimeBefore == null || rootTimeAfter == null || rootTimeBefore <= 0
                ? null
                : rootTimeAfter / rootTimeBefore;
    }

    public boolean has(StructuralChange.Kind kind) {
        return changes.stream().anyMatch(c -> c.kind() == kind);
    }
}
