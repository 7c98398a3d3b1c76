package io.miglab.core.migration.timing;

/**
 * One timed run of a migration script on data of one size. Several runs at the same size are allowed and count as
 * separate points in the fit (they tell the noise).
 *
 * @param rows the size the growth models use: rows in the table the script works on
 * @param bytes that table's size in bytes (0 when not known); used only to carry the size into memory warnings
 * @param seconds how long the script ran
 */
public record Measurement(long rows, long bytes, double seconds) {
    public static Measurement of(long rows, double seconds) {
        return new Measurement(rows, 0, seconds);
    }
}
