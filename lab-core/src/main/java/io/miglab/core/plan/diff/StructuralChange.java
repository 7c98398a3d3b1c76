package io.miglab.core.plan.diff;

/**
 * A change in the shape of the plan between two captures.
 *
 * @param kind what changed
 * @param beforeId the node in the before plan, or 0
 * @param afterId the node in the after plan, or 0
 * @param description one line for people: "Seq Scan on film became Index Scan using film_title_idx on film"
 */
public record StructuralChange(Kind kind, int beforeId, int afterId, String description) {

    public enum Kind {
        NODE_TYPE_CHANGED,
        JOIN_ORDER_CHANGED,
        INDEX_NOW_USED,
        INDEX_NO_LONGER_USED,
        NODE_ADDED,
        NODE_REMOVED
    }
}
