package io.miglab.core.script;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.TargetRegistry;

/**
 * psql-compatible scripts as one feature for every caller. A script that stops at an error still gives its result
 * ({@link ScriptResult#stoppedBy()}), so every caller reports a stopped script the same way.
 */
public final class Scripts {
    private final TargetRegistry targets;

    public Scripts(TargetRegistry targets) {
        this.targets = targets;
    }

    public ScriptResult run(ScriptRequest request, ProgressListener progress, Cancellation cancellation) {
        try {
            return new ScriptRunner(targets.connector(request.target()))
                    .run(request.files(), request.options(), progress, cancellation);
        } catch (ScriptException stopped) {
            return stopped.result().orElseThrow(() -> stopped);
        }
    }
}
