package io.miglab.core.report.epic;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.report.epic.EpicDashboard.Progress;
import org.junit.jupiter.api.Test;

class EpicDashboardTest {

    @Test
    void theFixturesDashboardMatchesAHandCount() {
        EpicDashboard d = EpicDashboard.of(EpicMarkdown.read(EpicFixture.cockroach()));
        // Counted by hand from postgres-to-cockroach.md (Done stories only; cancelled ones stay in the totals):
        // Phase 1: US-001 Done 5, US-002 Done 3, US-003 In Progress 8 -> 2/3 stories, 8/16 points
        // Phase 2: US-004 Done 5, US-005 In Review 3, US-006 Planned 5 -> 1/3 stories, 5/13 points
        // Phase 3: US-007 In Progress 8, US-008 To Do 5              -> 0/2 stories, 0/13 points
        // Phase 4: US-009 Planned 3, US-010 Cancelled 2              -> 0/2 stories, 0/5 points
        // Overall: 3/10 stories, 13/47 points
        assertThat(d.phases())
                .containsExactly(
                        new Progress("Assessment and schema", 2, 3, 8, 16),
                        new Progress("Application changes", 1, 3, 5, 13),
                        new Progress("Data migration", 0, 2, 0, 13),
                        new Progress("Validation and cut-over", 0, 2, 0, 5));
        assertThat(d.overall()).isEqualTo(new Progress("Overall", 3, 10, 13, 47));
        assertThat(d.overall().percentDone()).isEqualTo(27); // 13/47 = 27.7 %, rounded down
    }

    @Test
    void theTextTableHasAPhaseALineAndTheOverallLast() {
        String text =
                EpicDashboard.of(EpicMarkdown.read(EpicFixture.cockroach())).text();
        assertThat(text.lines().toList())
                .containsExactly(
                        "Phase                   | Stories | Points | Done",
                        "------------------------+---------+--------+-----",
                        "Assessment and schema   |     2/3 |   8/16 | 50 %",
                        "Application changes     |     1/3 |   5/13 | 38 %",
                        "Data migration          |     0/2 |   0/13 |  0 %",
                        "Validation and cut-over |     0/2 |    0/5 |  0 %",
                        "------------------------+---------+--------+-----",
                        "Overall                 |    3/10 |  13/47 | 27 %");
    }
}
