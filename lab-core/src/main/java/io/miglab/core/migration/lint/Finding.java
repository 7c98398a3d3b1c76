package io.miglab.core.migration.lint;

/**
 * One thing the lint found.
 *
 * @param rule the rule that found it
 * @param severity how bad it is here (size-aware rules depend on the table)
 * @param message what is wrong, in one sentence
 * @param help how to fix it
 * @param file the script as the user named it
 * @param line 1-based line in the file (inside a plpgsql body too)
 * @param column 1-based column in that line
 * @param table the table it touches, as the script names it, or null
 * @param rows the table's estimated rows on the target (pg_class.reltuples), or null without a target
 * @param bytes the table's total size on the target (pg_total_relation_size), or null without a target
 * @param fixBefore SQL to run before the script for a mechanical fix (the temporary index), or null when the fix
 *     is not mechanical; {@code miglab script time --try-fixes} runs the script between it and {@code fixAfter}
 * @param fixAfter SQL to run after the script to undo what {@code fixBefore} added, or null
 */
public record Finding(
        LintRule rule,
        Severity severity,
        String message,
        String help,
        String file,
        int line,
        int column,
        String table,
        Long rows,
        Long bytes,
        String fixBefore,
        String fixAfter) {
    /** A finding without a mechanical fix. */
    public Finding(
            LintRule rule,
            Severity severity,
            String message,
            String help,
            String file,
            int line,
            int column,
            String table,
            Long rows,
            Long bytes) {
        this(rule, severity, message, help, file, line, column, table, rows, bytes, null, null);
    }

    /** Whether the script can be rewritten mechanically: {@link #fixBefore()} first, {@link #fixAfter()} last. */
    public boolean hasMechanicalFix() {
        return fixBefore != null && fixAfter != null;
    }
}
