package io.miglab.app.task;

import io.miglab.core.MigLabException;
import java.sql.SQLException;

/** Turns a failure into the words a dialog shows: the user-facing message, never a stack trace. */
public final class Errors {
    private Errors() {}

    public static String userMessage(Throwable e) {
        if (e instanceof MigLabException m) {
            return m.userMessage();
        }
        if (e instanceof SQLException sql) {
            return "PostgreSQL said: " + sql.getMessage();
        }
        return "Unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
