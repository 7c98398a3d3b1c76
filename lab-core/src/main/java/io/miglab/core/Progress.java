package io.miglab.core;

/**
 * One progress report from long work.
 *
 * @param message what is happening now, for a status line
 * @param done units done so far
 * @param total units in all, or -1 when unknown (an indeterminate progress bar)
 */
public record Progress(String message, long done, long total) {

    public static Progress indeterminate(String message) {
        return new Progress(message, 0, -1);
    }

    public static Progress of(String message, long done, long total) {
        return new Progress(message, done, total);
    }

    /** The fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        if (total <= 0) {
            return -1;
        }
        return Math.min(1.0, Math.max(0.0, (double) done / total));
    }
}
