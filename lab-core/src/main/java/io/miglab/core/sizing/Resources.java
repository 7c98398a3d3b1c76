package io.miglab.core.sizing;

import java.util.Locale;

/**
 * Requests and limits of one container. CPU in millicores (NaN: not set), memory in bytes (-1: not set).
 */
public record Resources(double cpuRequest, double cpuLimit, long memoryRequest, long memoryLimit) {
    public static final Resources NONE = new Resources(Double.NaN, Double.NaN, -1, -1);
    static final long MIB = 1024L * 1024;

    /** Rounded as a person writes them: whole millicores up, memory up to whole MiB. */
    public Resources rounded() {
        return new Resources(ceil(cpuRequest), ceil(cpuLimit), mib(memoryRequest), mib(memoryLimit));
    }

    private static double ceil(double m) {
        return Double.isNaN(m) ? m : Math.ceil(m - 1e-9);
    }

    private static long mib(long bytes) {
        return bytes < 0 ? bytes : (bytes + MIB - 1) / MIB * MIB;
    }

    public boolean hasCpuLimit() {
        return !Double.isNaN(cpuLimit);
    }

    public boolean hasMemoryLimit() {
        return memoryLimit >= 0;
    }

    /** {@code 250m}, {@code 2} (whole cores), or null when not set: the Kubernetes quantity. */
    public static String cpuQuantity(double millicores) {
        if (Double.isNaN(millicores)) {
            return null;
        }
        long m = (long) Math.ceil(millicores - 1e-9);
        return m % 1000 == 0 && m > 0 ? Long.toString(m / 1000) : m + "m";
    }

    /** {@code 512Mi}, {@code 2Gi}, or null when not set. */
    public static String memoryQuantity(long bytes) {
        if (bytes < 0) {
            return null;
        }
        long mib = (bytes + MIB - 1) / MIB;
        return mib % 1024 == 0 && mib > 0 ? (mib / 1024) + "Gi" : mib + "Mi";
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "cpu %s/%s, memory %s/%s",
                orDash(cpuQuantity(cpuRequest)),
                orDash(cpuQuantity(cpuLimit)),
                orDash(memoryQuantity(memoryRequest)),
                orDash(memoryQuantity(memoryLimit)));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
