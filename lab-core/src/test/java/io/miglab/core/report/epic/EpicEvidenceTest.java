package io.miglab.core.report.epic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpicEvidenceTest {
    private static final Evidence BASELINE = new Evidence(12, "Baseline before indexes", "baseline", "succeeded");
    private static final Evidence EXPLAIN = new Evidence(14, "EXPLAIN of the | slow (join)", "explain", "succeeded");

    @Test
    void aStoryWithoutEvidenceGetsTheSectionAndEveryOtherStoryStaysByteForByte() {
        String before = EpicFixture.cockroach();
        String after = EpicEvidence.attach(before, "US-003", BASELINE);

        Epic epic = EpicMarkdown.read(after);
        assertThat(epic.story("US-003").orElseThrow().evidence()).containsExactly(BASELINE);
        assertThat(after)
                .contains("#### Evidence\n\n- Experiment #12: Baseline before indexes (baseline, succeeded)\n");
        // Everything but the story's own block is unchanged, byte for byte.
        assertThat(outside(after, "US-003")).isEqualTo(outside(before, "US-003"));
        for (String id : List.of("US-001", "US-002", "US-004", "US-010")) {
            assertThat(block(after, id)).as(id).isEqualTo(block(before, id));
        }
        // Only lines were added to the story: removing them gives the original text back.
        assertThat(after.replace("\n#### Evidence\n\n- " + BASELINE.text() + "\n", ""))
                .isEqualTo(before);
    }

    @Test
    void aSecondExperimentGoesUnderTheFirstAndTheSameOneTwiceChangesNothing() {
        String once = EpicEvidence.attach(EpicFixture.cockroach(), "US-003", BASELINE);
        String twice = EpicEvidence.attach(once, "US-003", EXPLAIN);
        assertThat(EpicMarkdown.read(twice).story("US-003").orElseThrow().evidence())
                .containsExactly(BASELINE, EXPLAIN);
        assertThat(twice).contains("- " + BASELINE.text() + "\n- " + EXPLAIN.text() + "\n");
        assertThat(EpicEvidence.attach(twice, "US-003", EXPLAIN)).isSameAs(twice);
    }

    @Test
    void theLastStoryOfTheFileAndWindowsLineEndsWork() {
        String crlf = EpicMarkdown.write(EpicMarkdownTest.epic(EpicMarkdownTest.story("US-001", List.of())))
                .replace("\n", "\r\n");
        String after = EpicEvidence.attach(crlf, "US-001", BASELINE);
        assertThat(after.replace("\r\n", "")).doesNotContain("\n");
        assertThat(EpicMarkdown.read(after).story("US-001").orElseThrow().evidence())
                .containsExactly(BASELINE);
        assertThat(after.replace("\r\n#### Evidence\r\n\r\n- " + BASELINE.text() + "\r\n", ""))
                .isEqualTo(crlf);
    }

    @Test
    void anUnknownStoryIsNamedWithTheOnesThereAre() {
        assertThatThrownBy(() -> EpicEvidence.attach(EpicFixture.cockroach(), "US-042", BASELINE))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("There is no story US-042 in the epic; its stories are US-001, US-002");
    }

    @Test
    void theFileIsWrittenBackOnlyWhenSomethingWasAdded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("epic.md");
        Files.writeString(file, EpicFixture.cockroach(), StandardCharsets.UTF_8);
        assertThat(EpicEvidence.attach(file, "US-007", BASELINE)).isTrue();
        assertThat(EpicMarkdown.read(Files.readString(file))
                        .story("US-007")
                        .orElseThrow()
                        .evidence())
                .containsExactly(BASELINE);
        assertThat(EpicEvidence.attach(file, "US-007", BASELINE)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    /** The story's block: from its heading to the next heading of level 3 or less. */
    private static String block(String md, String id) {
        int start = md.indexOf(" " + id + ": ");
        start = md.lastIndexOf("\n###", start) + 1;
        int end = nextHeading(md, start);
        return md.substring(start, end);
    }

    private static String outside(String md, String id) {
        int start = md.lastIndexOf("\n###", md.indexOf(" " + id + ": ")) + 1;
        return md.substring(0, start) + md.substring(nextHeading(md, start));
    }

    private static int nextHeading(String md, int from) {
        int end = md.length();
        for (String h : List.of("\n# ", "\n## ", "\n### ")) {
            int i = md.indexOf(h, from + 1);
            if (i >= 0 && i + 1 < end) {
                end = i + 1;
            }
        }
        return end;
    }
}
