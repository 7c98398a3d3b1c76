package io.miglab.core.workload;

import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
import java.time.Duration;

/**
 * How a baseline runs. Every field is checked when the record is made, with one-line messages
 * ({@link io.miglab.core.MigLabException}), so an absurd option fails before any connection opens.
 *
 * @param warmupIterations passes through the workload per client before measuring; they warm caches and plans and
 *     are not counted
 * @param iterations passes through the workload per client (each statement runs {@code weight} times per pass);
 *     ignored when {@code duration} is set
 * @param duration run for this long instead of a number of passes; null to use {@code iterations}
 * @param clients concurrent clients, each on its own connection
 * @param statementTimeout the statement_timeout of every statement; one that runs longer counts as an error
 * @param snapshotInterval how often progress and live snapshots are reported
 * @param statStatements also read pg_stat_statements before and after (when it is there)
 * @param maxSamples raw latencies kept for the CSV artifact and comparisons; beyond it only the histograms grow
 */
public record BaselineOptions(
        int warmupIterations,
        int iterations,
        Duration duration,
        int clients,
        Duration statementTimeout,
        Duration snapshotInterval,
        boolean statStatements,
        int maxSamples) {

    /** More clients than this is a load test, not a baseline; most servers refuse the connections first. */
    public static final int MAX_CLIENTS = 1_000;

    public static final int MAX_WARMUP = 100_000;
    public static final int MAX_ITERATIONS = 100_000_000;
    /** About 25 bytes a sample: 10 million is 250 MB of heap. */
    public static final int MAX_SAMPLES = 10_000_000;

    public BaselineOptions {
        Ranges.require(warmupIterations, 0, MAX_WARMUP, "Warm-up passes");
        Ranges.require(iterations, 1, MAX_ITERATIONS, "Iterations");
        if (duration != null) {
            Ranges.require(duration, Durations.SHORTEST, Durations.LONGEST, "The baseline duration");
        }
        Ranges.require(clients, 1, MAX_CLIENTS, "Clients");
        Ranges.require(statementTimeout, Durations.SHORTEST, Durations.LONGEST, "The statement timeout");
        Ranges.require(snapshotInterval, Duration.ofMillis(10), Duration.ofHours(1), "The snapshot interval");
        Ranges.require(maxSamples, 0, MAX_SAMPLES, "Kept samples");
    }

    /** 1 warm-up pass, 100 passes, 1 client, 30 s statement timeout, a snapshot a second. */
    public static BaselineOptions defaults() {
        return new BaselineOptions(1, 100, null, 1, Duration.ofSeconds(30), Duration.ofSeconds(1), true, 1_000_000);
    }

    public BaselineOptions withIterations(int count) {
        return new BaselineOptions(
                warmupIterations, count, null, clients, statementTimeout, snapshotInterval, statStatements, maxSamples);
    }

    public BaselineOptions withDuration(Duration length) {
        return new BaselineOptions(
                warmupIterations,
                iterations,
                length,
                clients,
                statementTimeout,
                snapshotInterval,
                statStatements,
                maxSamples);
    }

    public BaselineOptions withWarmup(int passes) {
        return new BaselineOptions(
                passes, iterations, duration, clients, statementTimeout, snapshotInterval, statStatements, maxSamples);
    }

    public BaselineOptions withClients(int count) {
        return new BaselineOptions(
                warmupIterations,
                iterations,
                duration,
                count,
                statementTimeout,
                snapshotInterval,
                statStatements,
                maxSamples);
    }

    public BaselineOptions withStatementTimeout(Duration timeout) {
        return new BaselineOptions(
                warmupIterations, iterations, duration, clients, timeout, snapshotInterval, statStatements, maxSamples);
    }

    public BaselineOptions withSnapshotInterval(Duration interval) {
        return new BaselineOptions(
                warmupIterations,
                iterations,
                duration,
                clients,
                statementTimeout,
                interval,
                statStatements,
                maxSamples);
    }

    public BaselineOptions withStatStatements(boolean read) {
        return new BaselineOptions(
                warmupIterations, iterations, duration, clients, statementTimeout, snapshotInterval, read, maxSamples);
    }
}
