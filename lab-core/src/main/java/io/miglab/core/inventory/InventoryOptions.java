package io.miglab.core.inventory;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
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
        Ranges.require(topStatements, 0, 1_000, "Top statements");
        Ranges.require(longTransaction, Duration.ZERO, Duration.ofDays(7), "The long-transaction threshold");
        // statement_timeout 0 would mean no timeout at all: every catalog query has one.
        Ranges.require(statementTimeout, Durations.SHORTEST, Durations.LONGEST, "The statement timeout");
        if (!(sequenceWarnFraction > 0 && sequenceWarnFraction < 1)) {
            throw new MigLabException(
                    "The sequence warning fraction must be between 0 and 1, not " + sequenceWarnFraction + ".");
        }
        if (bloatMinBytes < 0) {
            throw new MigLabException(
                    "The smallest bloat reported must be 0 bytes or more, not " + bloatMinBytes + ".");
        }
        if (!(bloatRatio > 0 && bloatRatio < 1)) {
            throw new MigLabException("The bloat ratio must be between 0 and 1, not " + bloatRatio + ".");
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
