package io.miglab.core.migration.timing;

import io.miglab.core.MigLabException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code miglab script time} times, where, and what it judges against.
 *
 * @param script the migration script
 * @param target a lab target (writable): the copies are made there
 * @param database the database sampled, or null for the target's own; nobody else may be connected to it
 * @param fractions the sizes as fractions of the database, each in (0, 1], ascending, distinct
 * @param productionTable the table {@code productionRows} counts, or null to take the largest table the script writes
 * @param productionRows the production row count to project to, or null for the table's rows in {@code database}
 * @param threshold the migration window, or null: then no verdict
 * @param tryFixes also time each mechanical fix the lint suggests
 * @param repeats runs per size and variant, each on a fresh copy
 * @param plans also run each variant once more per size with auto_explain, for the plans of its heaviest statements
 *     (that run is not timed for the fit)
 */
public record TimingRequest(
        Path script,
        String target,
        String database,
        List<Double> fractions,
        String productionTable,
        Long productionRows,
        Duration threshold,
        boolean tryFixes,
        int repeats,
        boolean plans) {
    /** More runs than this per size are a benchmark's job. */
    public static final int MAX_REPEATS = 20;

    /** A request without plans. */
    public TimingRequest(
            Path script,
            String target,
            String database,
            List<Double> fractions,
            String productionTable,
            Long productionRows,
            Duration threshold,
            boolean tryFixes,
            int repeats) {
        this(script, target, database, fractions, productionTable, productionRows, threshold, tryFixes, repeats, false);
    }

    public TimingRequest {
        if (script == null) {
            throw new MigLabException("Which script? Give the file to time.");
        }
        if (target == null || target.isBlank()) {
            throw new MigLabException("script time needs --target: a lab target to make the copies on.");
        }
        if (fractions == null || fractions.isEmpty()) {
            throw new MigLabException("--sizes needs at least one size, such as 1%,3%,10%,30%.");
        }
        fractions = fractions.stream().sorted().distinct().toList();
        if (threshold != null && fractions.size() < Verdict.MINIMUM_SIZES) {
            throw new MigLabException("A verdict needs at least " + Verdict.MINIMUM_SIZES + " sizes; --sizes gives "
                    + fractions.size() + ".");
        }
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new MigLabException("--repeats must be from 1 to " + MAX_REPEATS + ", not " + repeats + ".");
        }
        if (productionRows != null && productionRows < 1) {
            throw new MigLabException("--production-rows must be a positive row count, not " + productionRows + ".");
        }
        if (threshold != null && (threshold.isZero() || threshold.isNegative())) {
            throw new MigLabException("--threshold must be a positive duration.");
        }
    }

    /**
     * {@code 1%,3%,10%,30%} (a bare number is a percentage too) as fractions; a size of 0 % or over 100 % names
     * itself.
     */
    public static List<Double> parseSizes(String text) {
        if (text == null || text.isBlank()) {
            throw new MigLabException("--sizes needs sizes such as 1%,3%,10%,30%.");
        }
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            String number = p.endsWith("%") ? p.substring(0, p.length() - 1).strip() : p;
            double percent;
            try {
                percent = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new MigLabException("--sizes takes percentages such as 1%,3%,10%,30%, not '" + p + "'.");
            }
            if (!(percent > 0 && percent <= 100)) {
                throw new MigLabException("--sizes: each size must be above 0% and at most 100%, not '" + p + "'.");
            }
            double f = percent / 100;
            if (out.contains(f)) {
                throw new MigLabException("--sizes gives " + p + " twice.");
            }
            out.add(f);
        }
        return List.copyOf(out);
    }

    /** {@code instance=16000000}: the table and its production row count. */
    public static TableRows parseProductionRows(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new MigLabException(
                    "--production-rows takes TABLE=ROWS, such as instance=16000000, not '" + text + "'.");
        }
        String table = text.substring(0, eq).strip();
        String rows = text.substring(eq + 1).strip().replace("_", "");
        long n;
        try {
            n = Long.parseLong(rows);
        } catch (NumberFormatException e) {
            throw new MigLabException("--production-rows: '" + rows + "' is not a row count.");
        }
        if (n < 1) {
            throw new MigLabException("--production-rows must be a positive row count, not " + n + ".");
        }
        return new TableRows(table, n);
    }

    /** A table and a row count. */
    public record TableRows(String table, long rows) {}

    /** {@code 1 %}, {@code 0.5 %}. */
    public static String percent(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f%%", p) : String.format(Locale.ROOT, "%s%%", p);
    }
}
