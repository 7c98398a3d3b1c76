package io.miglab.core.workload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * What a baseline measured. A cancelled baseline is still a result: everything measured until the cancel, flagged.
 *
 * @param elapsedSeconds measured time (warm-up excluded)
 * @param throughputPerSecond successful executions per second, all statements and clients together
 * @param latency all successful executions of all statements; null when none succeeded
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

    /** The statements that never succeeded, in workload order. */
    public List<StatementResult> neverSucceeded() {
        return statements.stream().filter(StatementResult::neverSucceeded).toList();
    }

    /**
     * Why this baseline failed, in one line, or null when it did not: a statement that never succeeded has no
     * latency to compare, so a baseline with one is not a baseline of its workload. A cancelled run is cancelled,
     * not failed.
     */
    public String failure() {
        List<StatementResult> never = neverSucceeded();
        if (cancelled || never.isEmpty()) {
            return null;
        }
        if (never.size() == 1) {
            StatementResult s = never.get(0);
            return "Statement " + s.name() + " never succeeded: " + s.whyNoLatency() + ".";
        }
        StringBuilder text = new StringBuilder(never.size() + " statements never succeeded: ");
        for (int i = 0; i < never.size(); i++) {
            StatementResult s = never.get(i);
            text.append(i == 0 ? "" : "; ")
                    .append(s.name())
                    .append(" (")
                    .append(s.whyNoLatency())
                    .append(')');
        }
        return text.append('.').toString();
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
}
