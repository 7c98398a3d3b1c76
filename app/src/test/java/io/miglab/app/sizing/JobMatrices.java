package io.miglab.app.sizing;

import io.miglab.core.sizing.Resources;
import io.miglab.core.sizing.jobs.JobFailure;
import io.miglab.core.sizing.jobs.JobMatrix;
import io.miglab.core.sizing.jobs.JobRun;
import io.miglab.core.sizing.jobs.JobVariant;
import io.miglab.core.sizing.jobs.VariantResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A finished matrix of three variants of a loader Job, three runs each, one OOM kill; as the service ranks them. */
public final class JobMatrices {
    private JobMatrices() {}

    public static JobMatrix threeVariants() {
        JobVariant asIs = new JobVariant("as-is", Resources.NONE, Map.of(), List.of());
        JobVariant moreCpu = JobVariant.parse("more-cpu:cpu=2,limit-cpu=2");
        JobVariant gomaxprocs = JobVariant.parse("gomaxprocs-3:env.GOMAXPROCS=3,limit-memory=512Mi");
        VariantResult fastest = result(moreCpu, 1, new int[] {171, 166, 180}, null, 1.0, Double.NaN, Double.NaN);
        VariantResult second =
                result(gomaxprocs, 2, new int[] {228, 240}, JobFailure.OOM_KILLED, 228.0 / 171, 1.27, 1.44);
        VariantResult third = result(asIs, 3, new int[] {402, 388, 415}, null, 402.0 / 171, 2.21, 2.49);
        List<VariantResult> ranked = List.of(fastest, second, third);
        List<JobRun> runs = new ArrayList<>();
        ranked.forEach(v -> runs.addAll(v.runs()));
        return new JobMatrix(41, "etl", ranked, runs);
    }

    static VariantResult result(
            JobVariant v, int rank, int[] seconds, JobFailure failed, double ratio, double low, double high) {
        List<JobRun> runs = new ArrayList<>();
        List<Duration> durations = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            Duration d = Duration.ofSeconds(seconds[i]);
            durations.add(d);
            runs.add(new JobRun(
                    v.label(),
                    i + 1,
                    "migrate-" + v.slug() + "-" + (i + 1),
                    42 + i,
                    d,
                    true,
                    null,
                    null,
                    30,
                    (300L + 40 * rank) << 20,
                    900.0 / rank));
        }
        List<String> failures = new ArrayList<>();
        if (failed != null) {
            runs.add(new JobRun(
                    v.label(),
                    seconds.length + 1,
                    "migrate-" + v.slug() + "-x",
                    50,
                    Duration.ofSeconds(95),
                    true,
                    failed,
                    "container loader was OOMKilled",
                    9,
                    512L << 20,
                    1400));
            failures.add("run " + (seconds.length + 1) + ": container loader was OOMKilled");
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        return new VariantResult(
                v,
                rank,
                runs,
                durations,
                sorted.get(sorted.size() / 2),
                sorted.get(0),
                sorted.get(sorted.size() - 1),
                ratio,
                low,
                high,
                (300L + 40 * rank) << 20,
                900.0 / rank,
                failures);
    }
}
