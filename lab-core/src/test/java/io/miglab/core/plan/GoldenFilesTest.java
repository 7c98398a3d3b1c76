package io.miglab.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {

    @Test
    void rewritesOnlyWhatChanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("case.expected.json");
        assertThat(GoldenFiles.rewrite(file, "{}\n")).as("a new file").isTrue();
        assertThat(GoldenFiles.rewrite(file, "{}\n")).as("the same content").isFalse();
        assertThat(GoldenFiles.rewrite(file, "{\"a\": 1}\n"))
                .as("changed content")
                .isTrue();
        assertThat(Files.readString(file)).isEqualTo("{\"a\": 1}\n");
    }

    @Test
    void anUpdateRunFailsWhetherOrNotItRewroteAnything() {
        assertThat(GoldenFiles.updateRunFailure(List.of()))
                .contains("-Dmiglab.updateGoldens=true")
                .contains("none rewritten");
        assertThat(GoldenFiles.updateRunFailure(List.of("pg15/a.expected.json", "pg16/a.expected.json")))
                .contains("rewrote 2 expected file(s)")
                .contains("\n  pg15/a.expected.json\n  pg16/a.expected.json");
    }
}
