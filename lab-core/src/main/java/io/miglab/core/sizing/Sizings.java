package io.miglab.core.sizing;

import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import java.util.List;
import java.util.Map;

/**
 * Pod sizing as one feature for every caller: the rules side by side on samples from a file or from an experiment
 * that recorded them (its {@code samples.csv} artifact).
 */
public interface Sizings {
    /** The artifact a recording experiment stores its samples in, in {@link SamplesCsv}'s format. */
    String SAMPLES_ARTIFACT = SamplesCsv.ARTIFACT;

    SizingReport size(SizingRequest request);

    /**
     * @param samples the samples to size from, already read
     * @param container only this container name, or null for all
     * @param current today's resources by container name, for the risk flags and VPA's limit ratio
     */
    record SizingRequest(
            List<PodSample> samples,
            List<SizingRule> rules,
            int headroomPercent,
            String container,
            Map<String, Resources> current) {}

    /** The samples an experiment recorded. */
    List<PodSample> samplesOf(long experimentId);

    /** The newest experiments (up to {@code limit}) that recorded samples: recordings, Job runs, loads. */
    List<io.miglab.core.ledger.Experiment> recordings(int limit);

    /** The container's resources as the manifest has them (for the risk flags of today's sizing). */
    List<ManifestPatcher.Found> readManifest(java.nio.file.Path manifest, String container);

    /**
     * Writes {@code manifest} with the container's resources replaced to {@code out} (never over the original), and
     * says how to apply it.
     */
    PatchedManifest patchManifest(
            java.nio.file.Path manifest, String container, Resources resources, java.nio.file.Path out);

    record PatchedManifest(java.nio.file.Path file, ManifestPatcher.Patch patch, String applyCommand) {}

    /**
     * What applying a (patched) manifest would create or change, and on which cluster: what a person confirms before
     * {@link #apply}.
     *
     * @param context a kubeconfig context, or null for the current one
     * @param namespace overrides the manifest's namespace, or null to keep it (the context's when it has none)
     */
    io.miglab.core.sizing.apply.ManifestApplier.Plan planApply(
            java.nio.file.Path manifest, String context, String namespace);

    /** Applies the manifest to the cluster, server-side, after the user confirmed {@link #planApply}'s plan. */
    io.miglab.core.sizing.apply.ManifestApplier.Applied apply(
            java.nio.file.Path manifest, String context, String namespace);

    /**
     * The samples from {@code from} (inclusive) to {@code to} (exclusive); either may be null for open-ended. A window
     * holding none of them is refused, naming the span the samples do cover.
     */
    static List<PodSample> between(List<PodSample> samples, java.time.Instant from, java.time.Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new io.miglab.core.MigLabException(
                    "The window's start (" + from + ") must come before its end (" + to + ").");
        }
        List<PodSample> kept = samples.stream()
                .filter(s -> from == null || !s.at().isBefore(from))
                .filter(s -> to == null || s.at().isBefore(to))
                .toList();
        if (kept.isEmpty()) {
            java.time.Instant first = samples.stream()
                    .map(PodSample::at)
                    .min(java.util.Comparator.naturalOrder())
                    .orElse(null);
            java.time.Instant last = samples.stream()
                    .map(PodSample::at)
                    .max(java.util.Comparator.naturalOrder())
                    .orElse(null);
            throw new io.miglab.core.MigLabException("No samples between " + (from == null ? "the start" : from)
                    + " and " + (to == null ? "the end" : to) + "; they cover " + first + " to " + last + ".");
        }
        return kept;
    }

    /** The rule a manifest's kind is patched with when the user names none: Job for Jobs, VPA for the rest. */
    static SizingRule defaultRuleFor(String kind) {
        return kind.equals("Job") || kind.equals("CronJob") || kind.equals("Pod") ? SizingRule.JOB : SizingRule.VPA;
    }
}
