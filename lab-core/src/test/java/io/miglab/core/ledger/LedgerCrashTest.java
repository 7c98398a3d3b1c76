package io.miglab.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child process is killed with SIGKILL in the middle of an experiment. */
class LedgerCrashTest {
    @TempDir
    Path home;

    @Test
    void killMinus9MidExperimentKeepsEarlierOnesAndMarksTheRunningOneInterrupted() throws Exception {
        Path file = home.resolve("lab.db");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingExperimentProcess.class.getName(),
                        file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long runningId;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("child announces its running experiment").startsWith("READY ");
            runningId = Long.parseLong(line.substring("READY ".length()).trim());
            // Kill while the child keeps writing sample batches: SIGKILL, no shutdown hooks, no cleanup.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);

        try (Ledger ledger = Ledger.open(file)) {
            assertThat(ledger.integrityCheck()).isEqualTo("ok");
            List<Experiment> all = ledger.list(ExperimentFilter.ALL);
            assertThat(all).hasSize(4);
            Experiment killed = ledger.find(runningId).orElseThrow();
            assertThat(killed.status()).isEqualTo(ExperimentStatus.INTERRUPTED);
            assertThat(killed.endedAt()).isNotNull();
            assertThat(killed.error()).contains("pid");
            for (Experiment e : all) {
                if (e.id() == runningId) {
                    continue;
                }
                assertThat(e.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
                assertThat(e.tags()).containsExactly("crash-test");
                assertThat(e.measurements()).singleElement().satisfies(m -> assertThat(m.unit())
                        .isEqualTo("ms"));
                List<Artifact> artifacts = ledger.artifacts(e.id());
                assertThat(artifacts).hasSize(1);
                assertThat(new String(ledger.artifactContent(artifacts.get(0).id()), StandardCharsets.UTF_8))
                        .startsWith("ms\n");
            }
            assertThat(ledger.samples(runningId, "cpu"))
                    .as("committed sample batches survive")
                    .isNotEmpty();
        }
    }
}
