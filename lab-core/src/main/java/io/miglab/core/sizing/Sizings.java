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

    /** The container's resources as the manifest has them (for the risk flags of today's sizing). */
    List<ManifestPatcher.Found> readManifest(java.nio.file.Path manifest, String container);

    /**
     * Writes {@code manifest} with the container's resources replaced to {@code out} (never over the original), and
     * says how to apply it.
     */
    PatchedManifest patchManifest(
            java.nio.file.Path manifest, String container, Resources resources, java.nio.file.Path out);

    record PatchedManifest(java.nio.file.Path file, ManifestPatcher.Patch patch, String applyCommand) {}

    /** The rule a manifest's kind is patched with when the user names none: Job for Jobs, VPA for the rest. */
    static SizingRule defaultRuleFor(String kind) {
        return kind.equals("Job") || kind.equals("CronJob") || kind.equals("Pod") ? SizingRule.JOB : SizingRule.VPA;
    }
}
