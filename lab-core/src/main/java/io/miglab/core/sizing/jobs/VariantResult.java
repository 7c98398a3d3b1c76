package io.miglab.core.sizing.jobs;

import java.time.Duration;
import java.util.List;

/**
 * A variant's runs summed up. Durations are of the runs that succeeded.
 *
 * @param median null when no run succeeded
 * @param ratioToFastest median over the fastest variant's median (1.0 for the fastest), NaN when not known
 * @param ratioLow the 2.5th percentile of the bootstrapped ratio, NaN below 2 successful runs on either side
 * @param ratioHigh the 97.5th percentile likewise
 */
public record VariantResult(
        JobVariant variant,
        int rank,
        List<JobRun> runs,
        List<Duration> durations,
        Duration median,
        Duration min,
        Duration max,
        double ratioToFastest,
        double ratioLow,
        double ratioHigh,
        long peakMemoryBytes,
        double cpuP95Millicores,
        List<String> failures) {
    public VariantResult {
        runs = List.copyOf(runs);
        durations = List.copyOf(durations);
        failures = List.copyOf(failures);
    }

    /** "fastest", "1.33x [1.27, 1.44]" (the ratio's 95 % interval when both sides ran twice), or "-". */
    public String ratioText() {
        if (Double.isNaN(ratioToFastest)) {
            return "-";
        }
        if (rank == 1) {
            return "fastest";
        }
        String r = String.format(java.util.Locale.ROOT, "%.2fx", ratioToFastest);
        return Double.isNaN(ratioLow)
                ? r
                : r + String.format(java.util.Locale.ROOT, " [%.2f, %.2f]", ratioLow, ratioHigh);
    }
}
