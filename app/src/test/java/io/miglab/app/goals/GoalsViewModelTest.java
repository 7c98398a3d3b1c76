package io.miglab.app.goals;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeGoals;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.goals.MigrationGoals.Objective;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Goals step's form against goals kept in memory. */
class GoalsViewModelTest {
    final FakeGoals goals = new FakeGoals();
    final RecordingDialogs dialogs = new RecordingDialogs();
    final AtomicInteger saved = new AtomicInteger();

    GoalsViewModel model() {
        return new GoalsViewModel(goals, "pagila-starter", new SameThreadTaskRunner(), dialogs, saved::incrementAndGet);
    }

    @Test
    void aFilledFormIsSavedAsThePlaybooksGoals() {
        GoalsViewModel model = model();
        model.objectiveProperty().set(Objective.CLOUD_MOVE);
        model.rto().textProperty().set("15min");
        model.rpo().textProperty().set("0");
        model.downtime().textProperty().set("90s");
        model.migrationWindow().textProperty().set("2h");
        model.p95Target().textProperty().set("25");
        model.statementTargets().textProperty().set("film_search = 120ms\n\nrentals_by_customer = 1.5s");
        model.targetEngineProperty().set("Amazon RDS for PostgreSQL");
        model.targetVersionProperty().set("17");
        model.rollbackPlanProperty().set("Keep the old primary read-only for 48 h.");

        model.save();

        assertThat(dialogs.errors).isEmpty();
        assertThat(saved).hasValue(1);
        MigrationGoals g = goals.load("pagila-starter");
        assertThat(g.objective()).isEqualTo(Objective.CLOUD_MOVE);
        assertThat(g.rto()).isEqualTo(Duration.ofMinutes(15));
        assertThat(g.rpo()).isEqualTo(Duration.ZERO);
        assertThat(g.downtime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(g.migrationWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(g.p95TargetMs()).isEqualTo(25.0);
        assertThat(g.statementP95TargetsMs()).isEqualTo(Map.of("film_search", 120.0, "rentals_by_customer", 1500.0));
        assertThat(g.targetEngine()).isEqualTo("Amazon RDS for PostgreSQL");
        assertThat(g.rollbackPlan()).startsWith("Keep the old primary");
    }

    @Test
    void storedGoalsFillTheFormAndReadBackTheSame() {
        goals.save(
                "pagila-starter",
                new MigrationGoals(
                        Objective.UPGRADE,
                        Duration.ofHours(4),
                        Duration.ofMinutes(5),
                        null,
                        "PostgreSQL",
                        "17",
                        null,
                        12.5,
                        Map.of("film_search", 40.0),
                        Duration.ofMinutes(90)));
        GoalsViewModel model = model();

        model.load();

        assertThat(model.objectiveProperty().get()).isEqualTo(Objective.UPGRADE);
        assertThat(model.rto().textProperty().get()).isEqualTo("4h");
        assertThat(model.rpo().textProperty().get()).isEqualTo("5min");
        assertThat(model.downtime().textProperty().get()).isEmpty();
        assertThat(model.migrationWindow().textProperty().get()).isEqualTo("90min");
        assertThat(model.p95Target().textProperty().get()).isEqualTo("12.5ms");
        assertThat(model.statementTargets().textProperty().get()).isEqualTo("film_search = 40ms");
        assertThat(model.goals()).isEqualTo(goals.load("pagila-starter"));
    }

    @Test
    void aDurationThatCannotBeReadIsNamedInOneLineAndSaveIsRefused() {
        GoalsViewModel model = model();
        model.rto().textProperty().set("abc");

        assertThat(model.rto().problemProperty().get()).startsWith("The RTO").doesNotContain("\n");
        assertThat(model.validProperty().get()).isFalse();
        model.save();
        assertThat(goals.saved).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Goals: The RTO");

        model.rto().textProperty().set("4h");
        assertThat(model.rto().problemProperty().get()).isEmpty();
        assertThat(model.validProperty().get()).isTrue();
    }

    @Test
    void outOfRangeAndMalformedThresholdsAreRefused() {
        GoalsViewModel model = model();
        model.migrationWindow().textProperty().set("0");
        assertThat(model.migrationWindow().problemProperty().get()).contains("positive");
        model.p95Target().textProperty().set("2h");
        assertThat(model.p95Target().problemProperty().get()).contains("at most 1 h");
        model.statementTargets().textProperty().set("film_search 40ms");
        assertThat(model.statementTargets().problemProperty().get()).startsWith("Line 1 of the statement targets");
        assertThat(model.validProperty().get()).isFalse();
    }
}
