package io.miglab.core.script;

import io.miglab.core.MigLabException;
import java.util.Optional;

/**
 * A script stopped: the error says which file, line and statement, and what the server said. When the runner threw
 * it, {@link #result()} holds what ran up to there, so a caller can report a stopped run as it reports a finished one.
 */
public final class ScriptException extends MigLabException {
    private final ScriptError error;
    private final transient ScriptResult result;

    public ScriptException(ScriptError error, Throwable cause) {
        this(error, cause, null);
    }

    private ScriptException(ScriptError error, Throwable cause, ScriptResult result) {
        super(error.describe(), cause);
        this.error = error;
        this.result = result;
    }

    public ScriptError error() {
        return error;
    }

    /** What the run did before it stopped, its errors ending with {@link #error()}; empty when not known. */
    public Optional<ScriptResult> result() {
        return Optional.ofNullable(result);
    }

    /** The same exception carrying the partial result of the run it stopped. */
    ScriptException withResult(ScriptResult stopped) {
        ScriptException copy = new ScriptException(error, getCause(), stopped);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
