package io.miglab.core.script;

import java.time.Duration;
import java.util.List;

/**
 * What a script run did.
 *
 * @param files the script files read, includes counted
 * @param statements SQL statements executed successfully (COPY included)
 * @param rowsCopied rows loaded by {@code COPY ... FROM stdin} blocks
 * @param bytesRead bytes of script read, includes counted
 * @param elapsed wall-clock time of the run
 * @param echoOutput the lines {@code \echo} printed, in order
 * @param errors errors that did not stop the script (only when {@code ON_ERROR_STOP} was off)
 */
public record ScriptResult(
        int files,
        long statements,
        long rowsCopied,
        long bytesRead,
        Duration elapsed,
        List<String> echoOutput,
        List<ScriptError> errors) {

    public ScriptResult {
        echoOutput = List.copyOf(echoOutput);
        errors = List.copyOf(errors);
    }
}
