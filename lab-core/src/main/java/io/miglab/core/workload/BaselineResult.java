package io.miglab.core.workload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * What a baseline measured. A cancelled baseline is still a result: everything measured until the cancel, flagged.
 *
 * @param elapsedSeconds measured time (warm-up excluded)
 * @param throughputPerSecond successful executions per second, all statements and clients together
 * @param latency all successful executions of all statements
 * @param statStatements null when not asked for
 * @param buffers null when the statistics could not be read
 * @param samplesTruncated more executions than {@link BaselineOptions#maxSamples()}: the raw samples hold the first
 *     ones only (the latency figures still count all)
 * @param samples the raw latencies, not part of the JSON form (they go to a CSV artifact)
 */
public record BaselineResult(
        String workload,
        String database,
        BaselineOptions options,
        Instant startedAt,
        double elapsedSeconds,
        boolean cancelled,
        long executions,
        long errors,
        double throughputPerSecond,
        LatencySummary latency,
        List<StatementResult> statements,
        StatStatementsDelta statStatements,
        BufferDelta buffers,
        boolean samplesTruncated,
        @JsonIgnore LatencySamples samples) {

    public BaselineResult {
        statements = List.copyOf(statements);
    }

    /** The same result with its raw samples, for one read back from JSON and CSV. */
    public BaselineResult withSamples(LatencySamples raw) {
        return new BaselineResult(
                workload,
                database,
                options,
                startedAt,
                elapsedSeconds,
                cancelled,
                executions,
                errors,
                throughputPerSecond,
                latency,
                statements,
                statStatements,
                buffers,
                samplesTruncated,
                raw);
    }

    /** The statements that ran and never once succeeded. */
    public List<StatementResult> neverSucceeded() {
        return statements.stream().filter(StatementResult::neverSucceeded).toList();
    }

    /**
     * Why this baseline counts as failed although it ran to its end, or null: a statement that never succeeded
     * measured nothing, and a baseline that looks complete without it would mislead every comparison.
     */
    public String failure() {
        List<StatementResult> failed = neverSucceeded();
        if (failed.isEmpty()) {
            return null;
        }
        StatementResult first = failed.get(0);
        return (failed.size() == 1 ? "Statement " : failed.size() + " statements never succeeded, the first: ")
                + first.name()
                + (failed.size() == 1 ? " never succeeded: " : ": ")
                + first.firstError();
    }
}
