package io.miglab.core.advisor.index;

import io.miglab.core.workload.AbRun;

/**
 * What the A/B rounds showed.
 *
 * @param speed the workload, A without the indexes, B with them (linked {@code proves} to the build)
 * @param writes the generated write workload the same way (linked {@code costs}), or null when not measured
 * @param writeWorkload the write workload's text ({@code -- name:} blocks), or null
 */
public record IndexProof(AbRun speed, AbRun writes, String writeWorkload) {}
