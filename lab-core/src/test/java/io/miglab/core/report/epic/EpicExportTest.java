package io.miglab.core.report.epic;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpicExportTest {
    @TempDir
    Path home;

    private static final MigrationGoals GOALS = new MigrationGoals(
            MigrationGoals.Objective.REPLATFORM,
            Duration.ofMinutes(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            "CockroachDB",
            "23.2",
            "Point the service back at PostgreSQL; it stays the primary until the checks pass.",
            25.0,
            Map.of(),
            Duration.ofHours(4));

    @Test
    void storiesTakeTheirStatusFromTheExperimentsAndRoundTripThroughMarkdown() {
        Epic epic;
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            succeed(ledger, "inventory", "Inventory of pagila");
            succeed(ledger, "baseline", "Baseline before indexes");
            fail(ledger, "baseline", "Baseline with a typo");
            fail(ledger, "explain", "EXPLAIN that failed");
            ExperimentRun running = ledger.begin("load", "COPY load, 4 workers", TargetFingerprint.NONE, null);
            succeed(ledger, "validate", "Parity after restore");
            succeed(ledger, "bench", "A kind no story covers");
            epic = EpicExport.from(ledger, GOALS, "MIG-100", "PostgreSQL to CockroachDB");
            running.succeed();
        }
        assertThat(epic.phases())
                .extracting(Phase::name)
                .containsExactly("Prepare and baseline", "Tuning", "Migration", "Validation", "Sizing");
        assertThat(status(epic, "US-001")).isEqualTo(Status.DONE);
        assertThat(status(epic, "US-002")).as("one of two baselines succeeded").isEqualTo(Status.DONE);
        assertThat(status(epic, "US-003")).as("tried, failed").isEqualTo(Status.IN_PROGRESS);
        assertThat(status(epic, "US-004")).as("no index work yet").isEqualTo(Status.PLANNED);
        assertThat(status(epic, "US-007")).as("a load still running").isEqualTo(Status.IN_PROGRESS);
        assertThat(status(epic, "US-010")).isEqualTo(Status.DONE);
        assertThat(status(epic, "US-011")).isEqualTo(Status.PLANNED);

        Story baseline = epic.story("US-002").orElseThrow();
        assertThat(baseline.subtasks())
                .extracting(Subtask::name, Subtask::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Baseline before indexes", Status.DONE),
                        org.assertj.core.groups.Tuple.tuple("Baseline with a typo", Status.OPEN));
        assertThat(baseline.subtasks().get(1).description()).startsWith("Experiment #3, baseline, failed");
        assertThat(baseline.criteria())
                .containsExactly(
                        new Criterion("An experiment (baseline) succeeded in the lab", true),
                        new Criterion("p95 latency under 25.00 ms for every statement", false));
        assertThat(epic.story("US-007").orElseThrow().criteria())
                .contains(new Criterion("Finishes inside the migration window of 4 h", false));
        assertThat(epic.story("US-010").orElseThrow().criteria())
                .extracting(Criterion::text)
                .anyMatch(t -> t.startsWith("Rollback rehearsed: Point the service back"));
        assertThat(epic.summary())
                .contains(
                        new SummaryField("Objective", "Replatform"),
                        new SummaryField("Target", "CockroachDB 23.2"),
                        new SummaryField("Experiments", "7"),
                        new SummaryField("Not in a story", "1 experiments of other kinds"));

        Epic back = EpicMarkdown.read(EpicMarkdown.write(epic));
        assertThat(back).isEqualTo(epic);
        assertThat(back.stories().map(Story::status))
                .containsExactlyElementsOf(epic.stories().map(Story::status).toList());
        assertThat(back.stories().map(Story::subtasks))
                .containsExactlyElementsOf(epic.stories().map(Story::subtasks).toList());
    }

    @Test
    void anEmptyLedgerGivesAPlannedEpicWithoutGoals() {
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            Epic epic = EpicExport.from(ledger, MigrationGoals.none(), null, "Database migration");
            assertThat(epic.stories())
                    .hasSize(11)
                    .allMatch(s -> s.status() == Status.PLANNED && s.subtasks().isEmpty());
            assertThat(EpicDashboard.of(epic).overall().storiesDone()).isZero();
            assertThat(EpicMarkdown.read(EpicMarkdown.write(epic))).isEqualTo(epic);
        }
    }

    @Test
    void aLongHistoryListsTheNewestSubtasksAndSaysSo() {
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            for (int i = 1; i <= EpicExport.MAX_SUBTASKS + 5; i++) {
                succeed(ledger, "baseline", "run " + i);
            }
            Epic epic = EpicExport.from(ledger, MigrationGoals.none(), "MIG-1", "T");
            List<Subtask> subtasks = epic.story("US-002").orElseThrow().subtasks();
            assertThat(subtasks).hasSize(EpicExport.MAX_SUBTASKS);
            assertThat(subtasks.get(subtasks.size() - 1).name()).isEqualTo("run " + (EpicExport.MAX_SUBTASKS + 5));
            assertThat(epic.summary())
                    .contains(new SummaryField("Note", "US-002 lists the newest 20 of its 25 experiments"));
        }
    }

    private static Status status(Epic epic, String id) {
        return epic.story(id).orElseThrow().status();
    }

    private static void succeed(Ledger ledger, String kind, String title) {
        try (ExperimentRun run = ledger.begin(kind, title, TargetFingerprint.NONE, null)) {
            run.succeed();
        }
    }

    private static void fail(Ledger ledger, String kind, String title) {
        try (ExperimentRun run = ledger.begin(kind, title, TargetFingerprint.NONE, null)) {
            run.fail("It did not work.");
        }
    }
}
