package io.miglab.core.targets.guard;

import java.sql.SQLException;

/**
 * A statement MigLab's guard did not send to a guarded target. It is an {@link SQLException} so that every caller
 * that already reports a failed statement (the script runner, baselines, EXPLAIN) reports this one the same way,
 * with SQLSTATE 42501 (insufficient_privilege), the class PostgreSQL itself uses for "you may not".
 */
public final class GuardRefusedException extends SQLException {
    public static final String SQL_STATE = "42501";

    public GuardRefusedException(String message) {
        super(message, SQL_STATE);
    }
}
