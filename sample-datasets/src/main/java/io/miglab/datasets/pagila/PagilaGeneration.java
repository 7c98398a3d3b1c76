package io.miglab.datasets.pagila;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a generated load.
 *
 * @param database the database it now lives in
 * @param scale the scale factor
 * @param seed the seed
 * @param tables rows and time per table, largest first
 * @param schema time to create types, tables, functions and views
 * @param data time of the COPY phase, all streams
 * @param postData time to build keys, indexes, foreign keys and triggers
 * @param analyze time of VACUUM ANALYZE
 * @param total wall-clock time, start to rename
 */
public record PagilaGeneration(
        String database,
        int scale,
        long seed,
        List<TableLoad> tables,
        Duration schema,
        Duration data,
        Duration postData,
        Duration analyze,
        Duration total) {

    public PagilaGeneration {
        tables = List.copyOf(tables);
    }

    @JsonProperty
    public long totalRows() {
        return tables.stream().mapToLong(TableLoad::rows).sum();
    }

    /** Rows per second of the COPY phase alone. */
    @JsonProperty
    public double dataRowsPerSecond() {
        return totalRows() / Math.max(1e-9, data.toNanos() / 1e9);
    }
}
