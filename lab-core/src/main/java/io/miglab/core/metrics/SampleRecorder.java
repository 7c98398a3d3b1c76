package io.miglab.core.metrics;

import io.miglab.core.MigLabException;
import io.miglab.core.ledger.ExperimentRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a watch's readings as they come, in constant memory however long it runs: each new reading (metrics-server
 * repeats one until its next scrape) goes to a CSV file on disk and, in batches, into the ledger's sample series of
 * the running experiment ({@code cpu_millicores:ns/pod/container}, {@code memory_bytes:...}). The file lives beside
 * the ledger ({@code recordings/experiment-N-samples.csv}) and is the experiment's {@code samples.csv} artifact.
 */
final class SampleRecorder implements AutoCloseable {
    /** Readings held before they go to the ledger. */
    static final int BATCH = 500;

    private final ExperimentRun run;
    private final Path file;
    private final BufferedWriter csv;
    private final Map<String, Instant> last = new HashMap<>();
    private final List<PodSample> pending = new ArrayList<>();
    private int count;
    private Duration window;

    /** The ledger series of a server's activity, one point per poll (rates per second, then a count). */
    static final List<String> DATABASE_SERIES = List.of(
            "pg_transactions_per_s",
            "pg_rows_written_per_s",
            "pg_wal_bytes_per_s",
            "pg_blocks_read_per_s",
            "pg_blocks_hit_per_s",
            "pg_active_backends");

    private final Map<String, List<double[]>> pendingDatabase = new LinkedHashMap<>();
    private final double[] peaks = new double[DATABASE_SERIES.size()];
    private int databasePolls;

    SampleRecorder(ExperimentRun run, Path folder) {
        this.run = run;
        try {
            Files.createDirectories(folder);
            file = folder.resolve("experiment-" + run.id() + "-samples.csv");
            csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            csv.write(SamplesCsv.HEADER);
            csv.write('\n');
        } catch (IOException e) {
            throw new MigLabException("Cannot keep the samples on disk: " + e.getMessage(), e);
        }
    }

    /** Takes one poll: its containers' new readings and, when the source reads the server's statistics, those. */
    void add(MetricsSnapshot snapshot) {
        add(snapshot.containers());
        DatabaseActivity d = snapshot.database();
        if (d != null && !Double.isNaN(d.transactionsPerSecond())) {
            double at = d.at().toEpochMilli();
            double[] values = {
                d.transactionsPerSecond(),
                d.rowsWrittenPerSecond(),
                d.walBytesPerSecond(),
                d.blocksReadPerSecond(),
                d.blocksHitPerSecond(),
                d.activeBackends()
            };
            for (int i = 0; i < values.length; i++) {
                pendingDatabase
                        .computeIfAbsent(DATABASE_SERIES.get(i), k -> new ArrayList<>())
                        .add(new double[] {at, values[i]});
                peaks[i] = Math.max(peaks[i], values[i]);
            }
            databasePolls++;
            if (databasePolls % BATCH == 0) {
                flush();
            }
        }
    }

    /** Takes the readings of one poll; those seen before are skipped. */
    void add(List<ContainerUsage> containers) {
        for (ContainerUsage c : containers) {
            String key = c.namespace() + "/" + c.pod() + "/" + c.container();
            Instant before = last.get(key);
            if (before != null && !c.at().isAfter(before)) {
                continue;
            }
            last.put(key, c.at());
            PodSample s = new PodSample(
                    c.at(), c.namespace(), c.pod(), c.container(), c.cpuMillicores(), Math.max(0, c.memoryBytes()));
            try {
                SamplesCsv.writeLine(s, csv);
            } catch (IOException e) {
                throw new MigLabException("Cannot keep the samples on disk: " + e.getMessage(), e);
            }
            pending.add(s);
            count++;
            window = c.window() != null ? c.window() : window;
        }
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    int count() {
        return count;
    }

    /** Writes the pending readings into the ledger, one series per container and quantity. */
    void flush() {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (PodSample s : pending) {
            String key = s.namespace() + "/" + s.pod() + "/" + s.container();
            double at = s.at().toEpochMilli();
            series.computeIfAbsent("cpu_millicores:" + key, k -> new ArrayList<>())
                    .add(new double[] {at, s.cpuMillicores()});
            series.computeIfAbsent("memory_bytes:" + key, k -> new ArrayList<>())
                    .add(new double[] {at, s.memoryBytes()});
        }
        series.forEach(run::samples);
        pending.clear();
        pendingDatabase.forEach(run::samples);
        pendingDatabase.clear();
    }

    /** Flushes, then stores the CSV as the experiment's samples and its figures. */
    void finish(int polls) {
        flush();
        try {
            csv.flush();
        } catch (IOException e) {
            throw new MigLabException("Cannot keep the samples on disk: " + e.getMessage(), e);
        }
        run.attachFile(SamplesCsv.ARTIFACT, "text/csv", file);
        run.measure("samples", count, "samples");
        run.measure("polls", polls, "polls");
        if (databasePolls > 0) {
            run.measure("peak transactions/s", peaks[0], "tx/s");
            run.measure("peak rows written/s", peaks[1], "rows/s");
            run.measure("peak WAL rate", peaks[2], "bytes/s");
            run.measure("peak active backends", peaks[5], "backends");
        }
        if (window != null) {
            run.measure("metrics window", window.toMillis() / 1000.0, "s");
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new MigLabException("Cannot keep the samples on disk: " + e.getMessage(), e);
        }
    }
}
