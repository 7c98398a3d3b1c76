package io.miglab.core.metrics.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.MetricsSnapshot;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** This JVM and a child process of it, read from the real /proc. */
class LocalProcessSourceTest {
    @Test
    void aProcessTreeIsAPodWhoseCpuCountsFromTheSecondPoll() throws Exception {
        assumeTrue(ProcFs.local().isPresent(), "no /proc on this machine");
        ProcFs proc = ProcFs.local().orElseThrow();
        long self = ProcessHandle.current().pid();
        Process child = new ProcessBuilder("cat").start(); // blocks on its stdin until closed
        try {
            assertThat(proc.tree(self)).contains(self, child.pid());
            LocalProcessSource source = new LocalProcessSource(proc, Map.of("miglab", self), Clock.systemUTC());
            MetricsSnapshot first = source.poll();
            assertThat(first.notes()).anyMatch(n -> n.startsWith("CPU shows from the second poll"));
            assertThat(first.containers()).extracting(ContainerUsage::container).contains("java", "cat");
            assertThat(first.containers())
                    .filteredOn(c -> c.container().equals("java"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.pod()).isEqualTo("miglab");
                        assertThat(c.memoryBytes()).isGreaterThan(10L << 20);
                    });
            long burnUntil = System.nanoTime() + 300_000_000L; // CPU work to be measured, not a wait
            double x = 0;
            while (System.nanoTime() < burnUntil) {
                x += Math.sqrt(x + 1);
            }
            MetricsSnapshot second = source.poll();
            assertThat(x).isPositive();
            assertThat(second.containers())
                    .filteredOn(c -> c.container().equals("java"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.cpuMillicores()).isGreaterThan(100));
        } finally {
            child.destroy();
        }
    }

    @Test
    void aTreeThatIsGoneIsANoteNotAnError() {
        assumeTrue(ProcFs.local().isPresent(), "no /proc on this machine");
        LocalProcessSource source =
                new LocalProcessSource(ProcFs.local().orElseThrow(), Map.of("old", Long.MAX_VALUE), Clock.systemUTC());
        assertThat(source.poll().notes())
                .anyMatch(n -> n.startsWith("old (pid " + Long.MAX_VALUE + ") is not running"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "postgres: lab: checkpointer|checkpointer",
                "postgres: lab: postgres pagila 127.0.0.1(51234) idle|backends",
                "postgres: walwriter|walwriter",
                "postgres: lab: autovacuum worker pagila|autovacuum worker",
                "/home/u/.miglab/pg/16/bin/postgres -D /data -p 5433|postmaster",
                "/usr/bin/java -jar miglab.jar|java",
                "|other"
            })
    void processesAreGroupedByTheirRole(String commandLine, String role) {
        assertThat(LocalProcessSource.role(commandLine == null ? "" : commandLine))
                .isEqualTo(role);
    }
}
