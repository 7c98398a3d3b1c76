package io.miglab.core.migration.bench;

import io.miglab.core.MigLabException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What to benchmark and how.
 *
 * @param folder the migration folder
 * @param target the lab target (or an unlocked guarded one) to run on
 * @param database the start database copied for each run; null for the target's own
 * @param parallel run batches of independent files at once instead of one file after another
 * @param repeats full runs of the set, each on a fresh copy (interleaved: the whole set, then again)
 * @param against an earlier {@code migrations-bench} experiment to gate against, or null
 * @param maxRegression the slow-down allowed before the gate fails, as a fraction (0.2 for 20 %)
 * @param keepCopies keep the scratch databases instead of dropping them
 * @param useCache restore an unchanged set from its template database instead of replaying it
 * @param statementTimeout {@code statement_timeout} for every statement of the files, or null for none (a migration
 *     may rightly run for hours; a CI gate wants a bound)
 */
public record BenchRequest(
        Path folder,
        String target,
        String database,
        boolean parallel,
        int repeats,
        Long against,
        double maxRegression,
        boolean keepCopies,
        boolean useCache,
        Duration statementTimeout) {

    public static final int DEFAULT_GATE_REPEATS = 3;
    public static final double DEFAULT_MAX_REGRESSION = 0.20;

    public BenchRequest {
        if (folder == null) {
            throw new MigLabException("A migrations bench needs the folder of migration files.");
        }
        if (target == null || target.isBlank()) {
            throw new MigLabException("A migrations bench needs a target (--target NAME).");
        }
        if (repeats < 1 || repeats > 100) {
            throw new MigLabException("--repeats must be between 1 and 100, not " + repeats + ".");
        }
        if (!(maxRegression >= 0) || maxRegression > 100) {
            throw new MigLabException("--max-regression must be a percentage of 0 or more, such as 20%.");
        }
        if (statementTimeout != null && (statementTimeout.isNegative() || statementTimeout.isZero())) {
            throw new MigLabException("--timeout must be longer than 0.");
        }
    }

    /** A request without a statement timeout. */
    public BenchRequest(
            Path folder,
            String target,
            String database,
            boolean parallel,
            int repeats,
            Long against,
            double maxRegression,
            boolean keepCopies,
            boolean useCache) {
        this(folder, target, database, parallel, repeats, against, maxRegression, keepCopies, useCache, null);
    }

    /** The repeats to use when none were given: one, or {@value #DEFAULT_GATE_REPEATS} for the gate. */
    public static int defaultRepeats(Long against) {
        return against == null ? 1 : DEFAULT_GATE_REPEATS;
    }

    /** {@code 20%}, {@code 20} or {@code 0.2} (a fraction when at most 1 without a percent sign) as a fraction. */
    public static double parseRegression(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_MAX_REGRESSION;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        boolean percent = t.endsWith("%");
        try {
            double v =
                    Double.parseDouble(percent ? t.substring(0, t.length() - 1).strip() : t);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return percent || v > 1 ? v / 100 : v;
        } catch (NumberFormatException e) {
            throw new MigLabException("--max-regression takes a percentage such as 20%, not '" + text + "'.");
        }
    }

    /** The cache serves a plain sequential bench; the gate and parallel runs need fresh measurements. */
    boolean cacheable() {
        return useCache && !parallel && repeats == 1 && against == null;
    }
}
