package io.miglab.core.sizing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Every rule's recommendation for every container in the samples, with the facts they rest on. */
public record SizingReport(List<ContainerSizing> containers, int headroomPercent) {

    /** One container name across the pods that ran it (the runs of a Job, the replicas of a Deployment). */
    public record ContainerSizing(
            String namespace,
            String container,
            History history,
            Resources current,
            List<Recommendation> recommendations,
            List<JobRun> runs,
            List<Risk> currentRisks) {}

    /**
     * What the samples say.
     *
     * @param span first to last sample
     * @param interval the median time between one pod's samples
     */
    public record History(
            int samples,
            int pods,
            Instant first,
            Instant last,
            Duration span,
            Duration interval,
            Stats cpu,
            Stats memory) {}

    /** mean, p50, p90, p95, p99, max, in millicores or bytes. */
    public record Stats(double mean, double p50, double p90, double p95, double p99, double max) {}

    /**
     * @param basis how the figures were reached, in words and numbers
     * @param risks what would go wrong with these resources, judged by the samples
     * @param lowerBound VPA's lower bound (other rules: null)
     * @param upperBound VPA's upper bound (other rules: null)
     */
    public record Recommendation(
            SizingRule rule,
            Resources resources,
            List<String> basis,
            List<Risk> risks,
            Resources lowerBound,
            Resources upperBound) {}

    /** One pod of a Job: when it ran and what it used. */
    public record JobRun(
            String pod,
            Instant start,
            Instant end,
            Duration duration,
            int samples,
            double cpuMean,
            double cpuP95,
            double cpuSeconds,
            long peakMemory) {}

    public record Risk(Level level, String message) {
        public enum Level {
            WARNING,
            DANGER
        }
    }
}
