package io.miglab.core.advisor.index;

import io.miglab.core.workload.AbRun;

/**
 * Two index sets side by side.
 *
 * @param speed A = the reference set, B = the proposed set, on the workload
 * @param referenceWrites the write workload, A = no index of either set, B = the reference set
 * @param proposedWrites the same, B = the proposed set
 * @param writeWorkload the generated write workload's text
 */
public record SetComparison(AbRun speed, AbRun referenceWrites, AbRun proposedWrites, String writeWorkload) {}
