package io.miglab.datasets.pagila;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generate-and-load throughput against its anchor, {@code psql \copy} of the same rows from files.
 *
 * @param scale the scale factor
 * @param rows rows loaded (all tables)
 * @param parallelism COPY streams MigLab used
 * @param miglabData time of MigLab's COPY phase (generation included), parallel streams
 * @param miglabSingleStream time of the same phase with one stream, or null when not measured
 * @param miglabTextSingleStream one stream in COPY text format (the bytes psql sends), or null when not measured
 * @param miglabTotal MigLab's end-to-end time: schema, data, keys and indexes, VACUUM ANALYZE
 * @param psql time of {@code psql \copy} loading the same rows into the same bare tables, or null without psql
 * @param fileBytes size of the files psql loaded
 * @param psqlNote why psql was not measured, or null
 */
public record DatasetBenchmarkResult(
        int scale,
        long rows,
        int parallelism,
        Duration miglabData,
        Duration miglabSingleStream,
        Duration miglabTextSingleStream,
        Duration miglabTotal,
        Duration psql,
        long fileBytes,
        String psqlNote) {

    @JsonProperty
    public double miglabRowsPerSecond() {
        return rate(miglabData);
    }

    @JsonProperty
    public double singleStreamRowsPerSecond() {
        return miglabSingleStream == null ? Double.NaN : rate(miglabSingleStream);
    }

    @JsonProperty
    public double psqlRowsPerSecond() {
        return psql == null ? Double.NaN : rate(psql);
    }

    /** MigLab's rate over psql's; above 1 means MigLab is faster. NaN without psql. */
    @JsonProperty
    public double ratio() {
        return psql == null ? Double.NaN : miglabRowsPerSecond() / psqlRowsPerSecond();
    }

    private double rate(Duration duration) {
        return rows / Math.max(1e-9, duration.toNanos() / 1e9);
    }

    /** The figures side by side, for a terminal or a report. */
    @JsonProperty
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Pagila-compatible dataset, scale %d: %,d rows", scale, rows));
        lines.add(String.format(
                Locale.ROOT,
                "  MigLab generate+COPY, %d streams : %8.2f s  %,12.0f rows/s",
                parallelism,
                seconds(miglabData),
                miglabRowsPerSecond()));
        if (miglabSingleStream != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  MigLab generate+COPY, 1 stream  : %8.2f s  %,12.0f rows/s",
                    seconds(miglabSingleStream),
                    singleStreamRowsPerSecond()));
        }
        if (miglabTextSingleStream != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  MigLab 1 stream, text format    : %8.2f s  %,12.0f rows/s",
                    seconds(miglabTextSingleStream),
                    rate(miglabTextSingleStream)));
        }
        if (psql != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "  psql \\copy from files (%,d MB) : %8.2f s  %,12.0f rows/s",
                    fileBytes / (1024 * 1024),
                    seconds(psql),
                    psqlRowsPerSecond()));
            lines.add(String.format(Locale.ROOT, "  ratio MigLab / psql             : %8.2fx", ratio()));
            if (miglabSingleStream != null) {
                lines.add(String.format(
                        Locale.ROOT,
                        "  ratio MigLab 1 stream / psql    : %8.2fx",
                        singleStreamRowsPerSecond() / psqlRowsPerSecond()));
            }
        } else {
            lines.add("  psql: not measured (" + psqlNote + ")");
        }
        lines.add(String.format(
                Locale.ROOT,
                "  MigLab end to end (schema, data, keys, indexes, VACUUM ANALYZE): %.2f s",
                seconds(miglabTotal)));
        return lines;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
