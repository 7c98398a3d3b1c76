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
 * @param rewrite the other kind of mechanical fix: the statement itself replaced (the batched form of an unbatched
 *     UPDATE), or null
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
        String fixAfter,
        Rewrite rewrite) {

    /**
     * A statement of the script replaced in place.
     *
     * @param start the statement's first character in the script (line ends as {@code \n})
     * @param end after its last token, exclusive; the script's own {@code ;} after it stays and ends the replacement
     * @param replacement what runs instead
     * @param summary what it does in a few words, for a timed variant's label: {@code batched by id, about 10,000
     *     rows per transaction}
     */
    public record Rewrite(int start, int end, String replacement, String summary) {
        public Rewrite {
            if (start < 0 || end < start || replacement == null || summary == null) {
                throw new IllegalArgumentException("A rewrite needs 0 <= start <= end, a replacement and a summary");
            }
        }
    }

    /** A finding with SQL to run before and after the script, or none. */
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
            Long bytes,
            String fixBefore,
            String fixAfter) {
        this(rule, severity, message, help, file, line, column, table, rows, bytes, fixBefore, fixAfter, null);
    }

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
        this(rule, severity, message, help, file, line, column, table, rows, bytes, null, null, null);
    }

    /**
     * Whether the script can be fixed mechanically: {@link #fixBefore()} first and {@link #fixAfter()} last, or a
     * statement {@link #rewrite() rewritten}. {@link #fixed(String)} gives the fixed script.
     */
    public boolean hasMechanicalFix() {
        return rewrite != null || (fixBefore != null && fixAfter != null);
    }

    /**
     * The whole script with this finding's mechanical fix: the rewritten statement in place, or the script between
     * {@code fixBefore} and {@code fixAfter}. {@code script} is the text the lint read; its {@code \r\n} line ends
     * become {@code \n}, as the lint's offsets count them.
     *
     * @throws IllegalStateException when the finding has no mechanical fix, or the script is not the one linted
     */
    public String fixed(String script) {
        if (rewrite != null) {
            String text = script.replace("\r\n", "\n");
            if (rewrite.end() > text.length()) {
                throw new IllegalStateException("The rewrite at line " + line + " is past the end of the script");
            }
            return text.substring(0, rewrite.start()) + rewrite.replacement() + text.substring(rewrite.end());
        }
        if (fixBefore != null && fixAfter != null) {
            // The script's last statement may lack its semicolon: the blank statement after it is harmless.
            return fixBefore + ";\n" + script + "\n;\n" + fixAfter + ";\n";
        }
        throw new IllegalStateException("Finding " + rule.id() + " at line " + line + " has no mechanical fix");
    }
}
