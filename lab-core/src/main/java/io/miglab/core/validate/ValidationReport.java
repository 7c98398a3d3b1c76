package io.miglab.core.validate;

import java.util.List;

/**
 * A validation: parity per table and the checks, each with pass or fail.
 *
 * @param parityPassed every table's rows agree
 * @param passed every check passed
 */
public record ValidationReport(
        String source,
        String sourceDatabase,
        String sourceVersion,
        String target,
        String targetDatabase,
        String targetVersion,
        String filter,
        List<TableParity> tables,
        List<Check> checks,
        boolean parityPassed,
        boolean passed,
        double seconds) {
    public ValidationReport {
        tables = List.copyOf(tables);
        checks = List.copyOf(checks);
    }
}
