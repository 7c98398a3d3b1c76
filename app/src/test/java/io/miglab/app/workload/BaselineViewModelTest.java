package io.miglab.app.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeBaselines;
import io.miglab.app.FakeGoals;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Baselines;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.StatementResult;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Baseline step's view model against an in-memory baseline service and the shared database choice. */
class BaselineViewModelTest {
    @TempDir
    Path home;

    Path workloadFile;
    final FakeTargets targets = new FakeTargets().with("lab", TargetRole.LAB, "postgres", "baseline_vm");
    final FakeBaselines baselines = new FakeBaselines();
    final FakeGoals goals = new FakeGoals();
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final AtomicInteger recorded = new AtomicInteger();

    @BeforeEach
    void workload() throws Exception {
        workloadFile = home.resolve("items.sql");
        Files.writeString(
                workloadFile,
                """
                -- name: item_by_id
                -- weight: 3
                -- params: 7
                SELECT label FROM item WHERE id = ?;

                -- name: count_items
                SELECT count(*) FROM item;
                """,
                StandardCharsets.UTF_8);
        choice.refresh();
        choice.choose("baseline_vm");
    }

    BaselineViewModel bare() {
        return new BaselineViewModel(
                baselines, goals, "pagila-starter", choice, runner, dialogs, current, recorded::incrementAndGet);
    }

    BaselineViewModel model() {
        BaselineViewModel model = bare();
        model.loadWorkloadFile(workloadFile);
        model.iterationsProperty().set(40);
        return model;
    }

    @Test
    void startsWithTheBundledPagilaWorkload() {
        BaselineViewModel model = bare();

        assertThat(model.workloadProperty().get().name()).isEqualTo(PagilaWorkload.NAME);
        // The eight tutorial queries and the starter lab's two classics.
        assertThat(model.statements()).hasSize(10);
        assertThat(model.statements())
                .extracting(io.miglab.core.workload.WorkloadStatement::name)
                .contains("customer_rentals", "category_rentals", "top_actors");
    }

    @Test
    void runAsksTheServiceForTheChosenDatabaseAndFillsThePerStatementTable() {
        BaselineViewModel model = model();

        model.run();

        assertThat(dialogs.errors).isEmpty();
        BaselineRequest request = baselines.requests.get(0);
        assertThat(request.target()).isEqualTo("lab");
        assertThat(request.database()).isEqualTo("baseline_vm");
        assertThat(request.options().iterations()).isEqualTo(40);
        assertThat(model.results())
                .extracting(StatementResult::name)
                .containsExactly(BaselineViewModel.ALL_STATEMENTS, "item_by_id", "count_items");
        assertThat(model.livePoints())
                .as("every statement's live points reach the chart")
                .extracting(BaselineViewModel.LivePoint::statement)
                .contains("item_by_id", "count_items");
        assertThat(model.summaryProperty().get()).contains("on lab/baseline_vm").contains("#1");
        assertThat(recorded).hasValue(1);
        assertThat(model.baselines()).extracting(Baselines.Stored::experimentId).containsExactly(1L);
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void compareOfTwoRunsGivesAVerdictPerStatement() {
        BaselineViewModel model = model();
        model.run();
        model.run();

        assertThat(model.compareAProperty().get().experimentId()).isEqualTo(1);
        assertThat(model.compareBProperty().get().experimentId()).isEqualTo(2);
        model.compare();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.comparison())
                .extracting(StatementComparison::statement)
                .containsExactlyInAnyOrder("item_by_id", "count_items");
        assertThat(model.compareSummaryProperty().get()).startsWith("B #2 against A #1");
    }

    @Test
    void choosingADatabaseShowsItsNewestBaselineOrSaysThereIsNone() {
        BaselineViewModel first = model();
        first.run();

        BaselineViewModel reopened = model();
        reopened.showLatest();
        assertThat(reopened.experimentIdProperty().get()).isEqualTo(1);
        assertThat(reopened.results()).containsExactlyElementsOf(first.results());

        choice.choose("postgres");
        assertThat(reopened.results()).isEmpty();
        assertThat(reopened.summaryProperty().get()).isEqualTo("No baseline of postgres yet: run one.");
    }

    @Test
    void cancelledRunShowsWhatItMeasured() {
        BaselineViewModel model = model();
        runner.cancelAfterUpdates(2);

        model.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.summaryProperty().get()).startsWith("CANCELLED");
        assertThat(model.resultProperty().get().cancelled()).isTrue();
        assertThat(model.livePoints()).isNotEmpty();
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void badInputIsExplainedAndNothingRuns() throws Exception {
        BaselineViewModel model = model();
        Path broken = home.resolve("broken.sql");
        Files.writeString(broken, "SELECT 1;\n", StandardCharsets.UTF_8);

        model.loadWorkloadFile(broken);
        model.byDurationProperty().set(true);
        model.durationSecondsProperty().set(0);
        model.run();

        assertThat(dialogs.errors).hasSize(2);
        assertThat(model.workloadProperty().get().name())
                .as("the previous workload stays")
                .isEqualTo("items.sql");
        assertThat(dialogs.errors.get(1))
                .isEqualTo("Baseline: The duration in seconds must be from 1 to 86400, not 0.");
        model.byDurationProperty().set(false);
        model.clientsProperty().set(5000);
        model.run();
        assertThat(dialogs.errors.get(2)).isEqualTo("Baseline: Clients must be from 1 to 1000, not 5000.");
        assertThat(baselines.requests).isEmpty();
    }

    @Test
    void aStatementThatNeverSucceedsIsShownWithItsErrorAndNoLatencyAndTheRunIsFailed() {
        baselines.failing.add("count_items");
        BaselineViewModel model = model();

        model.run();

        assertThat(dialogs.errors)
                .as("a failed statement is a result, not a crash")
                .isEmpty();
        assertThat(model.failureProperty().get()).startsWith("Statement count_items never succeeded");
        assertThat(model.summaryProperty().get()).startsWith("FAILED");
        StatementResult count = model.results().get(2);
        assertThat(count.latency()).isNull();
        assertThat(BaselineViewModel.latency(count.latency(), l -> l.p95Ms())).isEqualTo("\u2013");
        assertThat(BaselineViewModel.errorsText(count)).isEqualTo("40 \u00d7 ERROR: division by zero");
        assertThat(model.baselines())
                .as("a failed baseline is not offered for comparison")
                .isEmpty();
    }

    @Test
    void aNewWorkloadOrANewRunNeverShowsThePreviousRunsPoints() {
        BaselineViewModel model = model();
        model.run();
        assertThat(model.liveWorkloadProperty().get()).isEqualTo("items.sql");
        assertThat(model.livePoints()).isNotEmpty();

        model.useBundledWorkload();

        assertThat(model.livePoints()).isEmpty();
        assertThat(model.liveWorkloadProperty().get()).isEmpty();
        assertThat(model.chartSecondsProperty().get()).isZero();

        model.loadWorkloadFile(workloadFile);
        model.run();
        int once = model.livePoints().size();
        model.run();
        assertThat(model.livePoints()).as("a second run starts a clean chart").hasSize(once);
    }

    @Test
    void theTimeAxisEndsAtTheRunsDuration() {
        BaselineViewModel model = model();
        model.byDurationProperty().set(true);
        model.durationSecondsProperty().set(20);
        runner.cancelAfterUpdates(1);

        model.run();

        assertThat(model.chartSecondsProperty().get())
                .as("a 20 s run charts 0 to 20 s, even when it stops early")
                .isEqualTo(20.0);

        model.byDurationProperty().set(false);
        model.run();
        assertThat(model.chartSecondsProperty().get())
                .as("a run by iterations charts what it measured")
                .isEqualTo(3.0);
    }

    @Test
    void failedStatementsAreListedWithTheirError() {
        baselines.failing.add("count_items");
        BaselineViewModel model = model();

        model.run();

        assertThat(model.failedStatements()).containsExactly("count_items: 40 \u00d7 ERROR: division by zero");
        assertThat(model.livePoints())
                .extracting(BaselineViewModel.LivePoint::statement)
                .doesNotContain("count_items");
    }

    @Test
    void theP95TargetOfTheGoalsIsReadForTheChart() {
        BaselineViewModel model = model();
        model.refreshGoals();
        assertThat(model.p95TargetProperty().get()).isNull();

        goals.save("pagila-starter", MigrationGoals.none().withP95TargetMs(25.0));
        model.refreshGoals();

        assertThat(model.p95TargetProperty().get()).isEqualTo(25.0);
    }
}
