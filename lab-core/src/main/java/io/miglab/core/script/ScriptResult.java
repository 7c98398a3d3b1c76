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
 * @param errors the script's errors: those that did not stop it (only when {@code ON_ERROR_STOP} was off), then the
 *     one that stopped it, if any
 * @param stoppedBy the error that stopped the script before its end, or null when it ran to the end; a stopped run's
 *     result travels in {@link ScriptException#result()}
 * @param copies each {@code COPY ... FROM stdin} block that loaded, in order: into which table, how many rows, and
 *     how long it took (a dump's per-table load times)
 */
public record ScriptResult(
        int files,
        long statements,
        long rowsCopied,
        long bytesRead,
        Duration elapsed,
        List<String> echoOutput,
        List<ScriptError> errors,
        ScriptError stoppedBy,
        List<Copy> copies) {

    public ScriptResult {
        echoOutput = List.copyOf(echoOutput);
        errors = List.copyOf(errors);
        copies = copies == null ? List.of() : List.copyOf(copies);
    }

    /** A result without per-COPY timings. */
    public ScriptResult(
            int files,
            long statements,
            long rowsCopied,
            long bytesRead,
            Duration elapsed,
            List<String> echoOutput,
            List<ScriptError> errors,
            ScriptError stoppedBy) {
        this(files, statements, rowsCopied, bytesRead, elapsed, echoOutput, errors, stoppedBy, List.of());
    }

    /**
     * One {@code COPY ... FROM stdin} block that loaded.
     *
     * @param table the table as the COPY statement names it ({@code public.actor})
     */
    public record Copy(String table, long rows, Duration elapsed) {}

    /** True when every statement succeeded: the run exits 0 whether its result is shown as text or JSON. */
    public boolean succeeded() {
        return errors.isEmpty();
    }
}
