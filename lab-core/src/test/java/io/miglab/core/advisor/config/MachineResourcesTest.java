package io.miglab.core.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.units.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Container limits before the host's memory and CPUs, read from fake /sys and /proc trees under target/. */
class MachineResourcesTest {
    private static final String MEMINFO = "MemTotal:       16384000 kB\nMemFree:         1000 kB\n";

    private static Path tree(TestInfo info) throws IOException {
        Path root = Path.of(
                "target",
                "machine-resources",
                info.getTestMethod().orElseThrow().getName());
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/meminfo"), MEMINFO);
        return root;
    }

    private static void write(Path root, String file, String content) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    @Test
    void withoutCgroupLimitsTheHostsMemTotalAndProcessorsCount(TestInfo info) throws IOException {
        Path root = tree(info);

        MachineResources m = MachineResources.read(root, 8, Sizes.GB);

        assertThat(m.ramBytes()).isEqualTo(16384000L * 1024);
        assertThat(m.cpus()).isEqualTo(8);
        assertThat(m.ramSource()).isEqualTo("/proc/meminfo MemTotal");
        assertThat(m.cpuSource()).isEqualTo("available processors");
    }

    @Test
    void cgroupV2MemoryMaxAndCpuMaxComeFirstRoundedUpToWholeCpus(TestInfo info) throws IOException {
        Path root = tree(info);
        write(root, "sys/fs/cgroup/memory.max", "2147483648\n");
        write(root, "sys/fs/cgroup/cpu.max", "150000 100000\n");

        MachineResources m = MachineResources.read(root, 8, Sizes.GB);

        assertThat(m.ramBytes()).isEqualTo(2 * Sizes.GB);
        assertThat(m.cpus()).isEqualTo(2);
        assertThat(m.ramSource()).isEqualTo("cgroup v2 memory.max");
        assertThat(m.cpuSource()).isEqualTo("cgroup v2 cpu.max");
    }

    @Test
    void cgroupV2WithoutLimitsWritesMaxAndTheHostCounts(TestInfo info) throws IOException {
        Path root = tree(info);
        write(root, "sys/fs/cgroup/memory.max", "max\n");
        write(root, "sys/fs/cgroup/cpu.max", "max 100000\n");

        MachineResources m = MachineResources.read(root, 4, Sizes.GB);

        assertThat(m.ramBytes()).isEqualTo(16384000L * 1024);
        assertThat(m.cpus()).isEqualTo(4);
    }

    @Test
    void cgroupV1LimitInBytesAndCfsQuotaOverPeriod(TestInfo info) throws IOException {
        Path root = tree(info);
        write(root, "sys/fs/cgroup/memory/memory.limit_in_bytes", "536870912\n");
        write(root, "sys/fs/cgroup/cpu/cpu.cfs_quota_us", "300000\n");
        write(root, "sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");

        MachineResources m = MachineResources.read(root, 16, Sizes.GB);

        assertThat(m.ramBytes()).isEqualTo(512 * Sizes.MB);
        assertThat(m.cpus()).isEqualTo(3);
        assertThat(m.ramSource()).isEqualTo("cgroup v1 memory.limit_in_bytes");
        assertThat(m.cpuSource()).isEqualTo("cgroup v1 cpu.cfs_quota_us");
    }

    @Test
    void cgroupV1sNoLimitIsAHugeNumberAndAQuotaOfMinusOne(TestInfo info) throws IOException {
        Path root = tree(info);
        write(root, "sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        write(root, "sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
        write(root, "sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");

        MachineResources m = MachineResources.read(root, 2, Sizes.GB);

        assertThat(m.ramBytes()).isEqualTo(16384000L * 1024);
        assertThat(m.cpus()).isEqualTo(2);
    }

    @Test
    void aLimitAboveTheHostsMemoryIsNoLimitAndAQuotaAboveTheProcessorsIsCappedByThem(TestInfo info) throws IOException {
        Path root = tree(info);
        write(root, "sys/fs/cgroup/memory.max", Long.toString(64 * Sizes.GB));
        write(root, "sys/fs/cgroup/cpu.max", "1600000 100000");

        MachineResources m = MachineResources.read(root, 4, Sizes.GB);

        assertThat(m.ramBytes()).isEqualTo(16384000L * 1024);
        assertThat(m.cpus()).isEqualTo(4);
    }

    @Test
    void unreadableFilesFallBackToWhatTheJvmSays(TestInfo info) throws IOException {
        Path root = tree(info);
        Files.writeString(root.resolve("proc/meminfo"), "garbage\n");
        write(root, "sys/fs/cgroup/memory.max", "lots");

        MachineResources m = MachineResources.read(root, 1, 3 * Sizes.GB);

        assertThat(m.ramBytes()).isEqualTo(3 * Sizes.GB);
        assertThat(m.cpus()).isEqualTo(1);
    }
}
