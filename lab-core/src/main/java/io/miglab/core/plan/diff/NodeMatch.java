package io.miglab.core.plan.diff;

/**
 * A node of the "before" plan paired with its counterpart in the "after" plan, and how its figures moved. Deltas
 * are after minus before; null when either side lacks the figure (no ANALYZE).
 *
 * @param beforeId node id in the before plan
 * @param afterId node id in the after plan
 * @param beforeLabel the before node's description
 * @param afterLabel the after node's description
 * @param exclusiveTimeBefore exclusive ms before
 * @param exclusiveTimeAfter exclusive ms after
 * @param inclusiveTimeBefore inclusive ms before
 * @param inclusiveTimeAfter inclusive ms after
 * @param rowsBefore revised rows (rows x loops) before
 * @param rowsAfter revised rows after
 */
public record NodeMatch(
        int beforeId,
        int afterId,
        String beforeLabel,
        String afterLabel,
        Double exclusiveTimeBefore,
        Double exclusiveTimeAfter,
        Double inclusiveTimeBefore,
        Double inclusiveTimeAfter,
        Double rowsBefore,
        Double rowsAfter) {

    public Double inclusiveTimeDelta() {
        return delta(inclusiveTimeBefore, inclusiveTimeAfter);
    }

    public Double exclusiveTimeDelta() {
        return delta(exclusiveTimeBefore, exclusiveTimeAfter);
    }

    public Double rowsDelta() {
        return delta(rowsBefore, rowsAfter);
    }

    private static Double delta(Double before, Double after) {
        return before == null || after == null ? null : after - before;
    }
}
