package io.miglab.core.plan;

import io.miglab.core.MigLabException;

/**
 * The server refused the statement given to EXPLAIN (a syntax error, a column that does not exist). PostgreSQL says
 * where, as a 1-based character position in the text it received; MigLab turns that into an offset in the statement
 * as the user wrote it, so an editor can mark the spot.
 */
public final class ExplainRefusedException extends MigLabException {
    private final int offset;
    private final String serverMessage;

    /**
     * @param offset the 0-based character offset in the SQL as given to {@link Explains#capture}, or -1 when the
     *     server named no position
     * @param serverMessage the server's own one-line message ("column \"x\" does not exist")
     */
    public ExplainRefusedException(String message, String hint, int offset, String serverMessage, Throwable cause) {
        super(message, hint, cause);
        this.offset = offset;
        this.serverMessage = serverMessage;
    }

    /** The 0-based character offset in the SQL as given, or -1 when the server named no position. */
    public int offset() {
        return offset;
    }

    /** The server's message alone, without MigLab's words around it. */
    public String serverMessage() {
        return serverMessage;
    }
}
