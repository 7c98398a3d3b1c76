package io.miglab.datasets.pagila;

import java.time.Duration;
import java.util.Map;

/**
 * The outcome of importing the official Pagila.
 *
 * @param database the database it now lives in
 * @param rowsPerTable exact row counts per table after the import (payment counts all its partitions)
 * @param timePerTable how long the COPY blocks into each table took (payment's partitions summed into payment); a
 *     table the scripts filled by INSERT has none
 * @param statements statements the two scripts ran
 * @param rowsCopied rows loaded by the scripts' COPY blocks
 * @param elapsed wall-clock time, from creating the database to the final ANALYZE
 */
public record PagilaImport(
        String database,
        Map<String, Long> rowsPerTable,
        Map<String, Duration> timePerTable,
        long statements,
        long rowsCopied,
        Duration elapsed) {
    public PagilaImport {
        rowsPerTable = Map.copyOf(rowsPerTable);
        timePerTable = timePerTable == null ? Map.of() : Map.copyOf(timePerTable);
    }
}
