package io.miglab.core.plan.capture;

import io.miglab.core.plan.IndexCatalog;
import io.miglab.core.plan.Plan;
import io.miglab.core.targets.PgVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One EXPLAIN capture and everything needed to trust it later.
 *
 * @param sql the statement explained
 * @param command the EXPLAIN prefix sent, with the options dropped for this server
 * @param serverVersion the server's version
 * @param planJson the plan exactly as the server returned it (FORMAT JSON)
 * @param plan the parsed plan
 * @param writes whether the statement writes (by {@link io.miglab.core.sql.StatementClassifier})
 * @param rolledBack whether it ran inside BEGIN ... ROLLBACK, leaving no trace (always with ANALYZE)
 * @param settings the server settings that shape plans, as the session saw them
 * @param elapsed wall-clock time of the EXPLAIN round trip
 * @param sequencesAdvanced sequences whose value moved during an ANALYZE ("public.s (10 -> 11)"): ROLLBACK does
 *     not undo nextval or setval
 * @param indexes the catalog definitions of the indexes the plan uses, read in the same transaction
 */
public record CapturedPlan(
        String sql,
        ExplainPrefix command,
        PgVersion serverVersion,
        String planJson,
        Plan plan,
        boolean writes,
        boolean rolledBack,
        Map<String, String> settings,
        Duration elapsed,
        List<String> sequencesAdvanced,
        IndexCatalog indexes) {

    public CapturedPlan {
        settings = Map.copyOf(settings);
        sequencesAdvanced = List.copyOf(sequencesAdvanced);
        indexes = indexes == null ? IndexCatalog.EMPTY : indexes;
    }

    /** What the user should be told beside the plan: the rollback, options left out. */
    public List<String> notes() {
        List<String> notes = new java.util.ArrayList<>(command.notes());
        if (!sequencesAdvanced.isEmpty()) {
            notes.add(
                    0,
                    "The statement ran inside BEGIN ... ROLLBACK and its data changes were undone, but ROLLBACK does"
                            + " not undo sequences: " + String.join(", ", sequencesAdvanced) + ".");
        } else if (rolledBack && writes && command.options().contains("ANALYZE")) {
            // Only with ANALYZE did the statement run; a plain EXPLAIN of a write changes nothing to undo.
            notes.add(0, "Because this statement writes, it ran inside BEGIN ... ROLLBACK, so nothing was changed.");
        }
        return List.copyOf(notes);
    }
}
