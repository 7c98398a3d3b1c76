package io.miglab.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.migrate.LoadReport.ResourceUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcSamplerTest {
    @TempDir
    Path proc;

    private void process(long pid, long utime, long stime, long rssKb) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        // A command name with spaces and a parenthesis, as /proc allows.
        StringBuilder stat = new StringBuilder(pid + " (post gres) x) S 1 2 3 4 5 6 7 8 9 10 ");
        stat.append(utime).append(' ').append(stime).append(" 0 0 20 0 1 0 100 0 0");
        Files.writeString(dir.resolve("stat"), stat.toString());
        Files.writeString(dir.resolve("status"), "Name:\tpostgres\nVmPeak:\t 9999 kB\nVmRSS:\t " + rssKb + " kB\n");
    }

    @Test
    void cpuIsUtimePlusStimeSinceAddedAndMemoryIsTheSumOfVmRss() throws Exception {
        process(10, 100, 50, 2048);
        process(11, 7, 3, 1024);
        ProcSampler sampler = new ProcSampler("test", proc, null);
        sampler.add(10);
        sampler.add(11);
        sampler.add(12); // not there: ignored
        assertThat(sampler.readable(12)).isFalse();
        process(10, 180, 70, 4096); // +100 ticks = 1 s of CPU
        process(11, 17, 3, 1024); // +10 ticks
        assertThat(sampler.sample().memoryBytes()).isEqualTo((4096 + 1024) * 1024L);
        Files.delete(proc.resolve("11").resolve("stat")); // exited: keeps what it used
        ResourceUsage usage = sampler.finish();
        assertThat(usage.cpuSeconds()).isEqualTo(1.1);
        assertThat(usage.peakMemoryBytes()).isEqualTo((4096 + 1024) * 1024L);
        assertThat(usage.samples()).hasSize(2);
    }

    @Test
    void thisProcessIsReadableOnLinux() {
        ProcSampler.local("me", null).ifPresent(s -> {
            long pid = ProcessHandle.current().pid();
            assertThat(s.readable(pid)).isTrue();
            assertThat(s.rss(pid)).isPositive();
        });
    }
}
