package io.miglab.core.advisor.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The memory and CPUs this machine gives PostgreSQL, for the advisor's defaults. A container's limits come first,
 * because a database in a pod with 2 GB must not be tuned for the node's 64 GB: cgroup v2 ({@code memory.max},
 * {@code cpu.max} under /sys/fs/cgroup), then cgroup v1 ({@code memory/memory.limit_in_bytes},
 * {@code cpu/cpu.cfs_quota_us} over {@code cpu.cfs_period_us}); then the host's {@code MemTotal} from /proc/meminfo
 * and the processors the JVM sees. Everything is read below a root directory, so tests feed it fake trees.
 *
 * @param ramSource where the memory figure came from, in words ("cgroup v2 memory.max", "/proc/meminfo MemTotal")
 * @param cpuSource where the CPU figure came from
 */
public record MachineResources(long ramBytes, int cpus, String ramSource, String cpuSource) {
    /** cgroup v1 writes "no limit" as a huge number near Long.MAX_VALUE; anything this large is no limit. */
    private static final long NO_LIMIT = 1L << 60;

    /** This machine's, read from the real root. */
    public static MachineResources detect() {
        return read(
                Path.of("/"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory());
    }

    /**
     * @param root the directory holding {@code sys/fs/cgroup} and {@code proc/meminfo}
     * @param processors what the JVM sees ({@code availableProcessors})
     * @param fallbackRam used only when nothing under {@code root} says how much memory there is
     */
    public static MachineResources read(Path root, int processors, long fallbackRam) {
        Path cgroup = root.resolve("sys/fs/cgroup");
        OptionalLong hostRam = memTotal(root.resolve("proc/meminfo"));
        long ram = hostRam.orElse(fallbackRam);
        String ramSource = hostRam.isPresent() ? "/proc/meminfo MemTotal" : "the JVM's maximum heap (no /proc/meminfo)";
        OptionalLong v2 = limit(cgroup.resolve("memory.max"));
        OptionalLong v1 = limit(cgroup.resolve("memory/memory.limit_in_bytes"));
        if (v2.isPresent() && v2.getAsLong() < ram) {
            ram = v2.getAsLong();
            ramSource = "cgroup v2 memory.max";
        } else if (v1.isPresent() && v1.getAsLong() < ram) {
            ram = v1.getAsLong();
            ramSource = "cgroup v1 memory.limit_in_bytes";
        }

        int cpus = Math.max(1, processors);
        String cpuSource = "available processors";
        Optional<Integer> quotaV2 = cpuMaxV2(cgroup.resolve("cpu.max"));
        Optional<Integer> quotaV1 =
                cpuQuotaV1(cgroup.resolve("cpu/cpu.cfs_quota_us"), cgroup.resolve("cpu/cpu.cfs_period_us"));
        if (quotaV2.isPresent() && quotaV2.get() < cpus) {
            cpus = quotaV2.get();
            cpuSource = "cgroup v2 cpu.max";
        } else if (quotaV1.isPresent() && quotaV1.get() < cpus) {
            cpus = quotaV1.get();
            cpuSource = "cgroup v1 cpu.cfs_quota_us";
        }
        return new MachineResources(ram, cpus, ramSource, cpuSource);
    }

    private static OptionalLong memTotal(Path meminfo) {
        for (String line : lines(meminfo)) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    long factor = parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1;
                    return value > 0 ? OptionalLong.of(value * factor) : OptionalLong.empty();
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** A memory limit in bytes; empty for "max", no file, or a number so large it means no limit. */
    private static OptionalLong limit(Path file) {
        String text = first(file);
        if (text == null || text.equals("max")) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text);
            return value > 0 && value < NO_LIMIT ? OptionalLong.of(value) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** cgroup v2 {@code cpu.max}: "QUOTA PERIOD" or "max PERIOD"; whole CPUs, rounded up. */
    private static Optional<Integer> cpuMaxV2(Path file) {
        String text = first(file);
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\\s+");
        if (parts.length < 1 || parts[0].equals("max")) {
            return Optional.empty();
        }
        try {
            long quota = Long.parseLong(parts[0]);
            long period = parts.length > 1 ? Long.parseLong(parts[1]) : 100_000;
            return cpusOf(quota, period);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> cpuQuotaV1(Path quotaFile, Path periodFile) {
        String quota = first(quotaFile);
        String period = first(periodFile);
        if (quota == null || period == null) {
            return Optional.empty();
        }
        try {
            return cpusOf(Long.parseLong(quota), Long.parseLong(period));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> cpusOf(long quota, long period) {
        if (quota <= 0 || period <= 0) {
            return Optional.empty(); // -1: no quota
        }
        long cpus = (quota + period - 1) / period;
        return Optional.of((int) Math.max(1, Math.min(cpus, PgTuneInputs.MAX_CPUS)));
    }

    private static String first(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? null : lines.get(0).strip();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
