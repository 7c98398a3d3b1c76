package io.miglab.core.report.epic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpicMarkdownTest {

    /** Text that means something in Markdown, Jira wiki markup or our own tables, to prove it survives. */
    private static final List<String> MARKUP = List.of(
            "plain words",
            "pipes | in | the middle",
            "a trailing pipe |",
            "| a leading pipe",
            "back\\slash and \\| an escaped pipe",
            "ends with a backslash \\",
            "**bold** and _under_scores_ and *stars*",
            "{code}select 1{code} and {noformat}",
            "|| jira header || cells ||",
            "`inline | code`",
            "[a link](https://example.com/a_b?c=d|e)",
            "- [ ] looks like a checkbox",
            "### looks like a heading",
            "Experiment #3: looks like evidence (kind, status)",
            "émoji ✅ 🔄 and ünïcode",
            "<b>html</b> &amp; entities",
            "trailing colon: US-999: not an id");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void whatIsWrittenReadsBackEqual(long seed) {
        Epic epic = randomEpic(new Random(seed));
        String md = EpicMarkdown.write(epic);
        assertThat(EpicMarkdown.read(md)).as(md).isEqualTo(epic);
        assertThat(EpicMarkdown.write(EpicMarkdown.read(md))).isEqualTo(md);
    }

    @Test
    void anEmptyEpicAndOneWithoutAKeyRoundTrip() {
        Epic bare = new Epic(null, "Just a title", List.of(), List.of(), List.of());
        assertThat(EpicMarkdown.read(EpicMarkdown.write(bare))).isEqualTo(bare);
        Epic emptyPhase = new Epic("MIG-7", "T", List.of(), List.of(new Phase("Nothing yet", List.of())), List.of());
        assertThat(EpicMarkdown.read(EpicMarkdown.write(emptyPhase))).isEqualTo(emptyPhase);
    }

    @Test
    void pipesInCellsAreEscapedInTheFileAndUnescapedOnReading() {
        Story s = story("US-001", List.of(new Subtask(1, "a | b", "c \\ d", 1, Status.DONE)));
        String md = EpicMarkdown.write(epic(s));
        assertThat(md).contains("| 1 | a \\| b | c \\\\ d | 1 | ✅ Done |");
        assertThat(EpicMarkdown.read(md)
                        .story("US-001")
                        .orElseThrow()
                        .subtasks()
                        .get(0)
                        .name())
                .isEqualTo("a | b");
    }

    @Test
    void theFixtureReadsWithItsStoriesStatusesAndSubtasks() {
        Epic epic = EpicMarkdown.read(EpicFixture.cockroach());
        assertThat(epic.key()).isEqualTo("CRDB-1");
        assertThat(epic.title()).isEqualTo("PostgreSQL to CockroachDB");
        assertThat(epic.summary())
                .extracting(SummaryField::name)
                .containsExactly("Epic Key", "Owner", "Source", "Target", "Migration window");
        assertThat(epic.phases())
                .extracting(Phase::name)
                .containsExactly(
                        "Assessment and schema", "Application changes", "Data migration", "Validation and cut-over");
        assertThat(epic.stories().map(Story::id))
                .containsExactly(
                        "US-001", "US-002", "US-003", "US-004", "US-005", "US-006", "US-007", "US-008", "US-009",
                        "US-010");
        assertThat(epic.stories().map(Story::status))
                .containsExactly(
                        Status.DONE,
                        Status.DONE, // written as the word "Done" alone
                        Status.IN_PROGRESS,
                        Status.DONE,
                        Status.IN_REVIEW,
                        Status.PLANNED,
                        Status.IN_PROGRESS, // "In Progress" without its emoji
                        Status.OPEN, // "📋 To Do": the words win over the emoji, as in spectryn
                        Status.PLANNED,
                        Status.CANCELLED);
        Story types = epic.story("US-002").orElseThrow();
        assertThat(types.priority()).isEqualTo(Priority.HIGH);
        assertThat(types.criteria())
                .containsExactly(
                        new Criterion("`serial` and `bigserial` columns mapped", true),
                        new Criterion("`money` replaced by `DECIMAL(19,4)`", true));
        assertThat(types.subtasks().get(0))
                .isEqualTo(new Subtask(1, "Type table", "Source type | target type | notes", 2, Status.DONE));
        Story schema = epic.story("US-003").orElseThrow();
        assertThat(schema.emoji()).isEqualTo("🔄");
        assertThat(schema.asA()).isEqualTo("migration engineer");
        assertThat(schema.soThat()).isEqualTo("the application can be tested against it");
        assertThat(schema.subtasks())
                .extracting(Subtask::status)
                .containsExactly(Status.DONE, Status.IN_PROGRESS, Status.PLANNED);
        assertThat(epic.story("US-008").orElseThrow().subtasks())
                .extracting(Subtask::status)
                .containsExactly(Status.OPEN, Status.PLANNED);
        assertThat(epic.story("NOT-1"))
                .as("a heading inside a code block is not a story")
                .isEmpty();
        assertThat(epic.risks())
                .hasSize(3)
                .first()
                .isEqualTo(new Risk("Hot ranges on sequential keys", "High", "Hash-sharded indexes, UUID keys"));
    }

    @Test
    void theFixtureWrittenAgainReadsBackTheSame() {
        Epic epic = EpicMarkdown.read(EpicFixture.cockroach());
        assertThat(EpicMarkdown.read(EpicMarkdown.write(epic))).isEqualTo(epic);
    }

    @Test
    void spectrynsOwnLayoutWithoutPhasesBecomesOnePhase() {
        String md =
                """
                # My Project Epic

                ## User Stories

                ### 🔧 STORY-001: Set up the project

                | Field | Value |
                |-------|-------|
                | **Story Points** | 3 |
                | **Priority** | 🔴 Critical |
                | **Status** | 📋 Planned |
                """;
        Epic epic = EpicMarkdown.read(md);
        assertThat(epic.key()).isNull();
        assertThat(epic.title()).isEqualTo("My Project Epic");
        assertThat(epic.phases()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("User Stories");
            assertThat(p.stories()).extracting(Story::id).containsExactly("STORY-001");
        });
    }

    @Test
    void spectrynsInlineMetadataAndBlockquotedUserStoryAreReadToo() {
        String md =
                """
                # Inline epic

                ### US-004: Inline fields

                **Priority**: P0
                **Story Points**: 5
                **Status**: ✅ Complete

                #### User Story
                > **As a** reviewer,
                > **I want** inline metadata read,
                > **So that** either layout works.
                """;
        Story s = EpicMarkdown.read(md).story("US-004").orElseThrow();
        assertThat(s.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(s.points()).isEqualTo(5);
        assertThat(s.status()).isEqualTo(Status.DONE);
        assertThat(s.asA()).isEqualTo("reviewer,");
        assertThat(s.soThat()).isEqualTo("either layout works.");
    }

    @Test
    void statusesReadFromEmojiOrWords() {
        assertThat(Status.parseOrNull("✅")).isEqualTo(Status.DONE);
        assertThat(Status.parseOrNull("  done ")).isEqualTo(Status.DONE);
        assertThat(Status.parseOrNull("🔄 In Progress")).isEqualTo(Status.IN_PROGRESS);
        assertThat(Status.parseOrNull("in-progress")).isEqualTo(Status.IN_PROGRESS);
        assertThat(Status.parseOrNull("To Do")).isEqualTo(Status.OPEN);
        assertThat(Status.parseOrNull("📋 Planned")).isEqualTo(Status.PLANNED);
        assertThat(Status.parseOrNull("Won't Do")).isEqualTo(Status.CANCELLED);
        assertThat(Status.parseOrNull("sideways")).isNull();
        for (Status s : Status.values()) {
            assertThat(Status.parseOrNull(s.cell())).isEqualTo(s);
            assertThat(Status.parseOrNull(s.label())).isEqualTo(s);
        }
    }

    @Test
    void malformedInputNamesTheLineAndWhatWasExpected() {
        String good = EpicMarkdown.write(epic(story("US-001", List.of(new Subtask(1, "a", "b", 1, Status.DONE)))));
        List<String> lines = new ArrayList<>(good.lines().toList());

        assertProblem("", "line 1: expected the epic heading");
        assertProblem("## Phase 1: x\n# T\n", "line 1: expected the epic heading '# <emoji> KEY-1: Title' before");
        assertProblem("# T\n# Again\n", "line 2: expected one epic heading");

        int status = lines.indexOf("| **Status** | 📋 Planned |");
        assertProblem(
                replace(lines, status, "| **Status** | sideways |"),
                "line " + (status + 1) + ": 'sideways' is not a status");

        int points = lines.indexOf("| **Story Points** | 3 |");
        assertProblem(
                replace(lines, points, "| **Story Points** | three |"),
                "line " + (points + 1) + ": expected a whole number of story points, found 'three'");

        int row = lines.indexOf("| 1 | a | b | 1 | ✅ Done |");
        assertProblem(
                replace(lines, row, "| 1 | a | b | 1 |"),
                "line " + (row + 1) + ": expected 5 cells as in the table's header");
        assertProblem(
                replace(lines, row - 1, "| 1 | a | b | 1 | ✅ Done |"),
                "line " + row + ": expected the table's separator row");

        int criterion = lines.indexOf("- [x] it works");
        assertProblem(
                replace(lines, criterion, "- [y] it works"),
                "line " + (criterion + 1) + ": expected an acceptance criterion '- [ ] text' or '- [x] text'");

        int heading = lines.indexOf("### 🧪 US-001: A story");
        assertProblem(
                replace(lines, heading, "### A story without an id"),
                "line " + (heading + 1) + ": expected a story heading '### <emoji> US-001: Title'");

        List<String> twice = new ArrayList<>(lines);
        twice.addAll(lines.subList(heading, lines.size()));
        assertProblem(String.join("\n", twice), "line " + (lines.size() + 1) + ": the story US-001 appears a second");
    }

    @Test
    void badEvidenceLinesAreNamed() {
        String md = EpicMarkdown.write(epic(story("US-001", List.of())))
                .replace("---\n", "#### Evidence\n\n- Experiment 12 without its hash\n\n---\n");
        assertThatThrownBy(() -> EpicMarkdown.read(md))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("expected evidence as '- Experiment #N: title (kind, status)'");
    }

    private static void assertProblem(String markdown, String message) {
        assertThatThrownBy(() -> EpicMarkdown.read(markdown))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static String replace(List<String> lines, int index, String line) {
        assertThat(index).as("the line to replace is in the document").isNotNegative();
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, line);
        return String.join("\n", copy) + "\n";
    }

    static Epic epic(Story... stories) {
        return new Epic(
                "MIG-1",
                "A test epic",
                List.of(new SummaryField("Owner", "me")),
                List.of(new Phase("Only", List.of(stories))),
                List.of());
    }

    static Story story(String id, List<Subtask> subtasks) {
        return new Story(
                id,
                "A story",
                "🧪",
                3,
                Priority.HIGH,
                Status.PLANNED,
                "tester",
                "to test",
                "it is tested",
                List.of(new Criterion("it works", true)),
                subtasks,
                List.of());
    }

    // ------------------------------------------------------------ the generator

    private static Epic randomEpic(Random r) {
        List<SummaryField> summary = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            summary.add(new SummaryField(text(r), r.nextInt(5) == 0 ? "" : text(r)));
        }
        List<Phase> phases = new ArrayList<>();
        int id = 1;
        for (int p = 0, n = 1 + r.nextInt(4); p < n; p++) {
            List<Story> stories = new ArrayList<>();
            for (int s = 0, m = r.nextInt(4); s < m; s++) {
                stories.add(randomStory(r, String.format("US-%03d", id++)));
            }
            phases.add(new Phase(text(r), stories));
        }
        List<Risk> risks = new ArrayList<>();
        for (int i = 0, n = r.nextInt(3); i < n; i++) {
            risks.add(new Risk(text(r), pick(r, "High", "Medium", "", "Low | rare"), text(r)));
        }
        return new Epic(
                r.nextBoolean() ? "MIG-" + (1 + r.nextInt(999)) : null, "Epic " + text(r), summary, phases, risks);
    }

    private static Story randomStory(Random r, String id) {
        List<Criterion> criteria = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            criteria.add(new Criterion(text(r), r.nextBoolean()));
        }
        List<Subtask> subtasks = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            subtasks.add(new Subtask(i + 1, text(r), r.nextInt(4) == 0 ? "" : text(r), r.nextInt(9), status(r)));
        }
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0, n = r.nextInt(3); i < n; i++) {
            evidence.add(new Evidence(
                    1 + r.nextInt(500),
                    text(r),
                    pick(r, "baseline", "k8s-job", "explain"),
                    pick(r, "succeeded", "failed", "running")));
        }
        return new Story(
                id,
                text(r),
                pick(r, "", "✅", "🔄", "🗂️", "⚖️", "🧑‍💻"),
                r.nextInt(14),
                Priority.values()[r.nextInt(Priority.values().length)],
                status(r),
                r.nextInt(6) == 0 ? "" : text(r),
                text(r),
                text(r),
                criteria,
                subtasks,
                evidence);
    }

    private static Status status(Random r) {
        return Status.values()[r.nextInt(Status.values().length)];
    }

    private static String text(Random r) {
        String t = MARKUP.get(r.nextInt(MARKUP.size()));
        return r.nextBoolean() ? t : t + " " + MARKUP.get(r.nextInt(MARKUP.size()));
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
