package io.miglab.core.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Preferences;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalsServiceTest {
    @TempDir
    Path home;

    @Test
    void goalsSurviveReopeningTheLedgerAndStayPerPlaybook() {
        MigrationGoals goals = new MigrationGoals(
                MigrationGoals.Objective.UPGRADE,
                Duration.ofMinutes(30),
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                "PostgreSQL",
                "17",
                "Point the app back at the old primary; it stays read-write until the cut-over is confirmed.",
                25.0,
                Map.of("film_by_id", 2.0),
                Duration.ofHours(2));
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            new GoalsService(ledger, Clock.systemUTC()).save("pagila-starter", goals);
        }
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            GoalsService again = new GoalsService(ledger, Clock.systemUTC());
            assertThat(again.load("pagila-starter")).isEqualTo(goals);
            assertThat(again.load("other-playbook").isEmpty()).isTrue();
            MigrationGoals loaded = again.load("pagila-starter");
            assertThat(loaded.p95TargetFor("film_by_id")).isEqualTo(2.0);
            assertThat(loaded.p95TargetFor("top_films"))
                    .as("the overall target applies")
                    .isEqualTo(25.0);
        }
    }

    @Test
    void absurdGoalsAreRefusedInOneLine() {
        assertThatThrownBy(() -> MigrationGoals.none().withMigrationWindow(Duration.ofDays(400)))
                .isInstanceOf(MigLabException.class)
                .hasMessage("The migration window must be from 0 to 365 days, not 400 d.");
        assertThatThrownBy(() -> MigrationGoals.none().withP95TargetMs(-3.0))
                .hasMessage("The p95 target must be a latency above 0 ms and at most an hour, not -3.0 ms.");
        assertThatThrownBy(() -> MigrationGoals.Objective.parse("moonshot"))
                .hasMessageStartingWith("'moonshot' is not an objective");
        assertThat(MigrationGoals.Objective.parse("cloud-move")).isEqualTo(MigrationGoals.Objective.CLOUD_MOVE);
    }

    @Test
    void preferencesAreSetReplacedAndRemoved() {
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            Preferences p = new Preferences(ledger, Clock.systemUTC());
            assertThat(p.get("target.lab.database")).isEmpty();
            p.put("target.lab.database", "pagila");
            p.put("target.lab.database", "pagila_s20");
            assertThat(p.get("target.lab.database")).contains("pagila_s20");
            p.put("target.lab.database", null);
            assertThat(p.get("target.lab.database")).isEmpty();
        }
    }
}
