package io.miglab.core.script;

/**
 * How to run a script.
 *
 * @param database the database to start in, or null for the connection factory's own; {@code \connect} moves on from
 *     there
 * @param singleTransaction run everything in one transaction (psql's {@code --single-transaction}): all or nothing,
 *     and the first error always stops the script. {@code \connect} is refused in this mode.
 * @param stopOnError stop at the first error (psql's {@code ON_ERROR_STOP}); the script can change it with {@code
 *     \set ON_ERROR_STOP off}. Errors that do not stop the script are collected in the result.
 */
public record ScriptOptions(String database, boolean singleTransaction, boolean stopOnError) {

    /** The factory's database, one transaction per statement, stop at the first error. */
    public static ScriptOptions defaults() {
        return new ScriptOptions(null, false, true);
    }

    public ScriptOptions withDatabase(String database) {
        return new ScriptOptions(database, singleTransaction, stopOnError);
    }

    public ScriptOptions withSingleTransaction(boolean singleTransaction) {
        return new ScriptOptions(database, singleTransaction, stopOnError);
    }

    public ScriptOptions withStopOnError(boolean stopOnError) {
        return new ScriptOptions(database, singleTransaction, stopOnError);
    }
}
