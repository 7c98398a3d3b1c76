package io.miglab.core.inventory;

import java.time.Duration;

/**
 * What an inventory collects and the thresholds of its findings.
 *
 * @param exactRowCounts run {@code count(*)} on every table: exact, but it reads every table in full, so it is off by
 *     default and meant for lab copies or small databases
 * @param topStatements how many statements to take from pg_stat_statements (by total time)
 * @param longTransaction a transaction open longer than this is listed
 * @param statementTimeout the statement_timeout of every catalog query (and of every count)
 * @param sequenceWarnFraction a sequence this far through its range is a warning; 0.9 of the range is critical
 * @param bloatMinBytes table bloat smaller than this is not reported, whatever its ratio
 * @param bloatRatio the estimated share of wasted pages above which a table is reported as bloated
 */
public record InventoryOptions(
        boolean exactRowCounts,
        int topStatements,
        Duration longTransaction,
        Duration statementTimeout,
        double sequenceWarnFraction,
        long bloatMinBytes,
        double bloatRatio) {

    public InventoryOptions {
        if (topStatements < 0) {
            throw new IllegalArgumentException("topStatements must be 0 or more");
        }
        if (longTransaction == null || longTransaction.isNegative()) {
            throw new IllegalArgumentException("longTransaction must be a positive duration");
        }
        if (statementTimeout == null || statementTimeout.isNegative()) {
            throw new IllegalArgumentException("statementTimeout must be a positive duration");
        }
    }

    public static InventoryOptions defaults() {
        return new InventoryOptions(false, 20, Duration.ofMinutes(5), Duration.ofMinutes(1), 0.75, 8L << 20, 0.5);
    }

    public InventoryOptions withExactRowCounts(boolean exact) {
        return new InventoryOptions(
                exact,
                topStatements,
                longTransaction,
                statementTimeout,
                sequenceWarnFraction,
                bloatMinBytes,
                bloatRatio);
    }

    public InventoryOptions withLongTransaction(Duration threshold) {
        return new InventoryOptions(
                exactRowCounts,
                topStatements,
                threshold,
                statementTimeout,
                sequenceWarnFraction,
                bloatMinBytes,
                bloatRatio);
    }
}
