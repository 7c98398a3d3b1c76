package io.miglab.core;

/**
 * The one exception family MigLab shows to people. Its message is written for the user (what failed, in plain
 * words, and where); the optional hint says what to try. Callers log it once, where they handle it, and never put a
 * stack trace in front of the user.
 */
public class MigLabException extends RuntimeException {
    private final String hint;

    public MigLabException(String message) {
        this(message, null, null);
    }

    public MigLabException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public MigLabException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user could try next, or {@code null}. */
    public String hint() {
        return hint;
    }

    /** The message and, when there is one, the hint on a second line. */
    public String userMessage() {
        return hint == null ? getMessage() : getMessage() + System.lineSeparator() + hint;
    }
}
