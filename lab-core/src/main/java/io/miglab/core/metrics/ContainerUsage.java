package io.miglab.core.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * One container's usage at one moment, with what its pod spec asks for and what its status says.
 *
 * @param window the span the source averaged CPU over (metrics-server reports it; about 15 s), or null
 * @param cpuRequest millicores, NaN when not set; likewise the limit
 * @param memoryRequest bytes, -1 when not set; likewise the limit
 * @param lastTermination why the container last ended (OOMKilled, Error, Completed), or null
 */
public record ContainerUsage(
        Instant at,
        Duration window,
        String namespace,
        String pod,
        String container,
        double cpuMillicores,
        long memoryBytes,
        double cpuRequest,
        double cpuLimit,
        long memoryRequest,
        long memoryLimit,
        int restarts,
        String lastTermination) {

    /** CPU as a share of the request in percent, NaN without a request. */
    public double cpuOfRequest() {
        return Double.isNaN(cpuRequest) || cpuRequest <= 0 ? Double.NaN : 100 * cpuMillicores / cpuRequest;
    }

    public double cpuOfLimit() {
        return Double.isNaN(cpuLimit) || cpuLimit <= 0 ? Double.NaN : 100 * cpuMillicores / cpuLimit;
    }

    public double memoryOfRequest() {
        return memoryRequest <= 0 ? Double.NaN : 100.0 * memoryBytes / memoryRequest;
    }

    public double memoryOfLimit() {
        return memoryLimit <= 0 ? Double.NaN : 100.0 * memoryBytes / memoryLimit;
    }
}
