package io.miglab.core.sql;

import io.miglab.core.MigLabException;

/** SQL that cannot even be cut into tokens: an unterminated string, quoted name, dollar quote or comment. */
public final class SqlSyntaxException extends MigLabException {
    private final int line;

    public SqlSyntaxException(String problem, int line) {
        super(problem + " starting at line " + line);
        this.line = line;
    }

    /** The 1-based line where the unterminated part starts. */
    public int line() {
        return line;
    }
}
