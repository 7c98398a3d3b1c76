package io.miglab.core.sizing;

import java.util.List;
import java.util.Map;

/**
 * Pod sizing as one feature for every caller: the rules side by side on samples from a file or from an experiment
 * that recorded them (its {@code samples.csv} artifact).
 */
public interface Sizings {
    /** The artifact a recording experiment stores its samples in, in {@link SamplesCsv}'s format. */
    String SAMPLES_ARTIFACT = "samples.csv";

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
}
