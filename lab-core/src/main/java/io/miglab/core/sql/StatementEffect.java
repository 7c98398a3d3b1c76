package io.miglab.core.sql;

/**
 * What running a statement would do to the server, as far as its text tells. The order goes from harmless to
 * harmful; a guarded target that nobody unlocked takes {@link #READ} and {@link #SESSION_SETTING} only.
 */
public enum StatementEffect {
    /** Reads data or the catalog: SELECT, VALUES, TABLE, SHOW, EXPLAIN, COPY ... TO STDOUT. */
    READ,
    /** Changes a harmless setting of this session only (statement_timeout, work_mem, search_path, ...). */
    SESSION_SETTING,
    /** Changes a session setting MigLab's guard depends on, or one it does not know to be harmless; SET ROLE. */
    SESSION_CHANGE,
    /** Begins, ends or reshapes a transaction: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, SET TRANSACTION. */
    TRANSACTION_CONTROL,
    /** Changes data, the schema, privileges or sequences, or locks rows. */
    WRITE,
    /**
     * Acts on the server beyond this session's data: ALTER SYSTEM, VACUUM, ANALYZE, REINDEX, CLUSTER, CHECKPOINT,
     * LOCK, NOTIFY, COPY to or from server files and programs. A read-only transaction stops only some of these.
     */
    SERVER,
    /** Calls a function with side effects a read-only transaction does not stop (pg_terminate_backend, dblink). */
    SIDE_EFFECT,
    /** Code MigLab cannot see into (DO, CALL, EXECUTE, psql meta-commands) or does not recognise. */
    UNKNOWN;

    /** Whether a guarded target without an unlock may run it. */
    public boolean allowedWhileLocked() {
        return this == READ || this == SESSION_SETTING;
    }
}
