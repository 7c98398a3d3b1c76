package io.miglab.core.workload;

/**
 * One kind of error a baseline statement met: errors are told apart by SQLSTATE and the first line of their
 * message, so a unique violation on key 5 and one on key 6 are one kind; the message kept is the first one seen.
 *
 * @param sqlState the SQLSTATE, null when the driver gave none
 * @param message the first message of this kind, as the server wrote it (at most {@value #MAX_MESSAGE} characters)
 * @param count how many measured executions failed this way
 */
public record StatementError(String sqlState, String message, long count) {
    public static final int MAX_MESSAGE = 1_000;

    public StatementError {
        message = message == null ? "" : message;
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 3) + "...";
        }
    }

    /** The message's first line, for one-line listings. */
    public String firstLine() {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
