package io.miglab.core.migration.lint;

import io.miglab.core.MigLabException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The checks a reviewer does by hand on a data-migration script. Rules marked size-aware take their severity from the
 * table's size on the target: error when it is large, warning when no target tells, info when it is small.
 */
public enum LintRule {
    UNBATCHED_UPDATE("unbatched-update", true, "UPDATE or DELETE over a whole large table in one statement"),
    UNINDEXED_BATCH_PREDICATE(
            "unindexed-batch-predicate", false, "batches pick their next rows by a predicate no index serves"),
    INDEX_ON_UPDATED_COLUMN("index-on-updated-column", true, "an index covers a column every updated row changes"),
    ROW_BY_ROW("row-by-row", true, "a loop that changes one row per statement"),
    REMOTE_CALL("remote-call", false, "calls another database or service from inside the migration"),
    ALTER_COLUMN_TYPE("alter-column-type", true, "ALTER COLUMN TYPE rewrites the table under an exclusive lock"),
    SET_NOT_NULL("set-not-null", true, "SET NOT NULL scans the table under an exclusive lock"),
    ADD_COLUMN_VOLATILE_DEFAULT(
            "add-column-volatile-default", true, "ADD COLUMN with a volatile default rewrites the table"),
    CONSTRAINT_NOT_VALID(
            "constraint-not-valid", true, "a FOREIGN KEY or CHECK added without NOT VALID scans under lock"),
    CREATE_INDEX_CONCURRENTLY(
            "create-index-concurrently", true, "an index built without CONCURRENTLY blocks writes while it builds"),
    MISSING_LOCK_TIMEOUT("missing-lock-timeout", false, "DDL without a lock_timeout can queue every query behind it"),
    MISSING_STATEMENT_TIMEOUT(
            "missing-statement-timeout", false, "DDL without a statement_timeout can hold its lock for hours");

    private final String id;
    private final boolean sizeAware;
    private final String summary;

    LintRule(String id, boolean sizeAware, String summary) {
        this.id = id;
        this.sizeAware = sizeAware;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    /** Whether its severity follows the table's size (see the class comment). */
    public boolean sizeAware() {
        return sizeAware;
    }

    public String summary() {
        return summary;
    }

    /** The rule with this id, or an error listing the ids there are; {@code where} says where the id came from. */
    public static LintRule byId(String id, String where) {
        for (LintRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        throw new MigLabException(where + ": no lint rule is called \"" + id + "\"; the rules are "
                + Arrays.stream(values()).map(LintRule::id).collect(Collectors.joining(", ")) + ".");
    }
}
