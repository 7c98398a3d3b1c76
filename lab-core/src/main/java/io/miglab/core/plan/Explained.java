package io.miglab.core.plan;

import io.miglab.core.finding.Finding;
import io.miglab.core.plan.analysis.PlanAnalysis;
import java.util.List;

/**
 * A plan with everything MigLab derives from it, however it arrived: captured on a target, reopened from an
 * experiment, or read from a file or the clipboard.
 *
 * @param experimentId the explain experiment that holds it, or null for a plan that was only read
 * @param source where it came from, for titles ("experiment 12 on lab", "plan.json", "pasted")
 * @param sql the statement, or "" when the plan came without one
 * @param notes what the user should be told beside the plan (rolled back, options left out, sequences moved)
 * @param writes whether the statement writes
 * @param rolledBack whether it ran inside BEGIN ... ROLLBACK (every capture does; a plan only read did not run)
 * @param database the database it ran in, or null for the target's own (and for a plan only read)
 * @param explainOptions the EXPLAIN options sent, empty for a plan that was only read
 */
public record Explained(
        Long experimentId,
        String source,
        String sql,
        Plan plan,
        PlanAnalysis analysis,
        List<Finding> findings,
        List<String> notes,
        boolean writes,
        boolean rolledBack,
        String database,
        List<String> explainOptions) {

    public Explained {
        sql = sql == null ? "" : sql;
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        explainOptions = List.copyOf(explainOptions);
    }
}
