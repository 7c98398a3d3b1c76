package io.miglab.core.advisor.index;

import io.miglab.core.MigLabException;
import java.util.List;

/**
 * Which indexes to build, where: the input of {@link IndexAdvisor#apply}.
 *
 * @param improves the experiment the build improves (the advice or a baseline), or null
 */
public record IndexApplyRequest(String target, String database, List<IndexSpec> indexes, Long improves) {
    public IndexApplyRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to build the indexes on.");
        }
        if (indexes == null || indexes.isEmpty()) {
            throw new MigLabException("There is no index to build: the advisor kept none.");
        }
        indexes = List.copyOf(indexes);
        database = database == null || database.isBlank() ? null : database.strip();
    }

    /** The advice's kept set, improving the advice's experiment. */
    public static IndexApplyRequest of(IndexAdvice advice) {
        return new IndexApplyRequest(advice.target(), advice.database(), advice.keptIndexes(), advice.experimentId());
    }
}
