package io.miglab.core.plan.capture;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.PgVersion;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user asked EXPLAIN to do for one capture. FORMAT JSON is always used: MigLab stores and analyses JSON.
 * {@link #commandFor(PgVersion)} drops what the server cannot do and says so, instead of failing.
 *
 * @param analyze run the statement and report actual rows and times (a writing statement is rolled back)
 * @param buffers report buffer usage
 * @param verbose report output columns and schema-qualified names
 * @param settings report non-default planner settings (PostgreSQL 12+)
 * @param wal report WAL usage (PostgreSQL 13+, with ANALYZE)
 * @param timing time each node (with ANALYZE); off lowers the overhead on many-row plans
 * @param summary report planning (and execution) time
 * @param statementTimeout statement_timeout for the capture; every capture has one
 */
public record ExplainOptions(
        boolean analyze,
        boolean buffers,
        boolean verbose,
        boolean settings,
        boolean wal,
        boolean timing,
        boolean summary,
        Duration statementTimeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public ExplainOptions {
        if (statementTimeout == null || statementTimeout.isZero() || statementTimeout.isNegative()) {
            throw new MigLabException(
                    "EXPLAIN needs a positive statement timeout, got " + statementTimeout + ".",
                    "Give a timeout such as 30s; MigLab never runs a capture without one.",
                    null);
        }
        Ranges.require(statementTimeout, Durations.SHORTEST, Durations.LONGEST, "The EXPLAIN statement timeout");
    }

    /** Plain EXPLAIN: the estimated plan, nothing executed. */
    public static ExplainOptions estimate() {
        return new ExplainOptions(false, false, false, true, false, true, true, DEFAULT_TIMEOUT);
    }

    /** EXPLAIN ANALYZE with BUFFERS, SETTINGS and WAL: what MigLab captures by default. */
    public static ExplainOptions analyzeAll() {
        return new ExplainOptions(true, true, false, true, true, true, true, DEFAULT_TIMEOUT);
    }

    public ExplainOptions withAnalyze(boolean on) {
        return new ExplainOptions(on, buffers, verbose, settings, wal, timing, summary, statementTimeout);
    }

    public ExplainOptions withBuffers(boolean on) {
        return new ExplainOptions(analyze, on, verbose, settings, wal, timing, summary, statementTimeout);
    }

    public ExplainOptions withVerbose(boolean on) {
        return new ExplainOptions(analyze, buffers, on, settings, wal, timing, summary, statementTimeout);
    }

    public ExplainOptions withWal(boolean on) {
        return new ExplainOptions(analyze, buffers, verbose, settings, on, timing, summary, statementTimeout);
    }

    public ExplainOptions withTimeout(Duration timeout) {
        return new ExplainOptions(analyze, buffers, verbose, settings, wal, timing, summary, timeout);
    }

    /**
     * The EXPLAIN prefix for this server: SETTINGS needs 12, WAL needs 13 and ANALYZE, BUFFERS without ANALYZE needs
     * 13, TIMING off needs ANALYZE. Each option dropped is named in {@link ExplainPrefix#notes()}.
     */
    public ExplainPrefix commandFor(PgVersion version) {
        List<String> parts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (analyze) {
            parts.add("ANALYZE");
        }
        if (buffers) {
            if (analyze || version.atLeast(13)) {
                parts.add("BUFFERS");
            } else {
                notes.add("BUFFERS without ANALYZE needs PostgreSQL 13; left out.");
            }
        }
        if (verbose) {
            parts.add("VERBOSE");
        }
        if (settings) {
            if (version.atLeast(12)) {
                parts.add("SETTINGS");
            } else {
                notes.add("SETTINGS needs PostgreSQL 12; left out.");
            }
        }
        if (wal) {
            if (!analyze) {
                notes.add("WAL needs ANALYZE; left out.");
            } else if (!version.atLeast(13)) {
                notes.add("WAL needs PostgreSQL 13; left out.");
            } else {
                parts.add("WAL");
            }
        }
        if (!timing) {
            if (analyze) {
                parts.add("TIMING OFF");
            } else {
                notes.add("TIMING applies to ANALYZE only; left out.");
            }
        }
        parts.add(summary ? "SUMMARY ON" : "SUMMARY OFF");
        parts.add("FORMAT JSON");
        return new ExplainPrefix("EXPLAIN (" + String.join(", ", parts) + ") ", List.copyOf(parts), notes);
    }
}
