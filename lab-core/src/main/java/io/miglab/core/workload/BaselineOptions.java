package io.miglab.core.workload;

import java.time.Duration;

/**
 * How a baseline runs.
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

    public BaselineOptions {
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("Warm-up iterations must be 0 or more");
        }
        if (duration == null && iterations < 1) {
            throw new IllegalArgumentException("A baseline needs at least 1 iteration or a duration");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("The duration must be positive");
        }
        if (clients < 1 || clients > 1000) {
            throw new IllegalArgumentException("Clients must be from 1 to 1000");
        }
        if (statementTimeout == null || statementTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("Every statement needs a statement_timeout of at least 1 ms");
        }
        if (snapshotInterval == null || snapshotInterval.toMillis() < 10) {
            throw new IllegalArgumentException("The snapshot interval must be at least 10 ms");
        }
        if (maxSamples < 0) {
            throw new IllegalArgumentException("maxSamples must be 0 or more");
        }
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
