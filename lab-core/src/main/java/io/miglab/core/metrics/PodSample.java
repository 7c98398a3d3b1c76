package io.miglab.core.metrics;

import java.time.Instant;

/**
 * One reading of one container, as {@code kubectl top pod --containers} shows it: CPU in millicores and the memory
 * working set in bytes at {@code at}.
 */
public record PodSample(
        Instant at, String namespace, String pod, String container, double cpuMillicores, long memoryBytes) {}
