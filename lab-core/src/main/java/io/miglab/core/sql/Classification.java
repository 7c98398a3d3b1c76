package io.miglab.core.sql;

/**
 * What one statement would do, and why MigLab thinks so.
 *
 * @param effect the strongest effect found
 * @param command the statement's command in capitals ("SELECT", "EXPLAIN ANALYZE DELETE", "ALTER SYSTEM")
 * @param reason plain words for a person: "DELETE changes data", "pg_terminate_backend ends another session"
 */
public record Classification(StatementEffect effect, String command, String reason) {

    public boolean reads() {
        return effect == StatementEffect.READ;
    }

    /** A statement that changes data, schema or sequences (what EXPLAIN ANALYZE must roll back). */
    public boolean writes() {
        return effect == StatementEffect.WRITE;
    }
}
