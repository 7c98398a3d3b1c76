package io.miglab.core.script;

import io.miglab.core.MigLabException;

/** A script stopped: the error says which file, line and statement, and what the server said. */
public final class ScriptException extends MigLabException {
    private final ScriptError error;

    public ScriptException(ScriptError error, Throwable cause) {
        super(error.describe(), cause);
        this.error = error;
    }

    public ScriptError error() {
        return error;
    }
}
