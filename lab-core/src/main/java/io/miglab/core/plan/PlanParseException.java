package io.miglab.core.plan;

import io.miglab.core.MigLabException;

/**
 * A plan that could not be read: the message names the line (1-based, in the text the user gave) and, where it
 * helps, the column, and says what was expected there.
 */
public final class PlanParseException extends MigLabException {
    private final int line;
    private final int column;

    public PlanParseException(int line, int column, String problem) {
        super(message(line, column, problem), "Paste the whole output of EXPLAIN in FORMAT JSON or TEXT.", null);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line in the input, or 0 when the problem concerns the whole input. */
    public int line() {
        return line;
    }

    /** The 1-based column, or 0 when not relevant. */
    public int column() {
        return column;
    }

    private static String message(int line, int column, String problem) {
        if (line <= 0) {
            return "Cannot read the plan: " + problem;
        }
        return "Cannot read the plan at line " + line + (column > 0 ? ", column " + column : "") + ": " + problem;
    }
}
