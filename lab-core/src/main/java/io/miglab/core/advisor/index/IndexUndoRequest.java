package io.miglab.core.advisor.index;

import io.miglab.core.MigLabException;
import java.util.List;

/**
 * Which indexes to drop: the input of {@link IndexAdvisor#undo}.
 *
 * @param undoes the build experiment taken back, or null
 */
public record IndexUndoRequest(String target, String database, List<IndexSpec> indexes, Long undoes) {
    public IndexUndoRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to drop the indexes on.");
        }
        if (indexes == null || indexes.isEmpty()) {
            throw new MigLabException("There is no index to drop.");
        }
        indexes = List.copyOf(indexes);
        database = database == null || database.isBlank() ? null : database.strip();
    }

    public static IndexUndoRequest of(IndexBuild build) {
        return new IndexUndoRequest(build.target(), build.database(), build.specs(), build.experimentId());
    }
}
