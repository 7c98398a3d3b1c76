package io.miglab.app.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.workload.BaselineRecorder;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.StatementResult;
import io.miglab.core.workload.Verdict;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Baseline step's view model against a real lab instance and a small workload file. */
@Tag("postgres")
class BaselineViewModelTest {
    static final String DATABASE = "baseline_vm";

    @TempDir
    static Path home;

    static Workspace workspace;
    static Path workloadFile;
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final AtomicInteger recorded = new AtomicInteger();

    @BeforeAll
    static void startLab() throws Exception {
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        workspace.labInstances().start("lab", ProgressListener.NONE);
        try (Connection c = workspace.targets().connector("lab").open(null);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection c = workspace.targets().connector("lab").open(DATABASE);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE item (id int PRIMARY KEY, label text)");
            st.execute("INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 5000) g");
            st.execute("ANALYZE item");
        }
        workloadFile = home.resolve("items.sql");
        Files.writeString(
                workloadFile,
                """
                -- name: item_by_id
                -- weight: 3
                -- params: 7
                -- params: 4200
                SELECT label FROM item WHERE id = ?;

                -- name: count_items
                SELECT count(*) FROM item;
                """,
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopLab() {
        workspace.labInstances().stopStartedHere();
        workspace.close();
    }

    final SameThreadTaskRunner runner = new SameThreadTaskRunner();

    BaselineViewModel model() {
        BaselineViewModel model = new BaselineViewModel(workspace, runner, dialogs, current, recorded::incrementAndGet);
        model.loadWorkloadFile(workloadFile);
        model.databaseProperty().set(DATABASE);
        model.iterationsProperty().set(40);
        return model;
    }

    @Test
    void startsWithTheBundledPagilaWorkload() {
        BaselineViewModel model = new BaselineViewModel(
                workspace, new SameThreadTaskRunner(), dialogs, current, recorded::incrementAndGet);

        assertThat(model.workloadProperty().get().name()).isEqualTo(PagilaWorkload.NAME);
        assertThat(model.statements()).hasSizeBetween(6, 10);
        assertThat(model.chartStatementProperty().get())
                .isEqualTo(model.statements().get(0).name());
    }

    @Test
    void runRecordsAnExperimentAndFillsThePerStatementTable() {
        BaselineViewModel model = model();
        assertThat(model.statements()).hasSize(2);

        model.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.results())
                .extracting(StatementResult::name)
                .containsExactly(BaselineViewModel.ALL_STATEMENTS, "item_by_id", "count_items");
        StatementResult byId = model.results().get(1);
        assertThat(byId.executions()).isEqualTo(40 * 3);
        assertThat(byId.errors()).isZero();
        assertThat(byId.latency().p50Ms()).isPositive();
        assertThat(byId.latency().p95Ms()).isGreaterThanOrEqualTo(byId.latency().p50Ms());
        assertThat(model.results().get(0).executions()).isEqualTo(40 * 4);
        assertThat(model.livePoints())
                .as("the final snapshot reaches the chart")
                .isNotEmpty();
        assertThat(model.chartPoints())
                .allSatisfy(p -> assertThat(p.statement()).isEqualTo("item_by_id"));
        Experiment stored =
                workspace.ledger().find(model.experimentIdProperty().get()).orElseThrow();
        assertThat(stored.kind()).isEqualTo(BaselineRecorder.KIND);
        assertThat(stored.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(model.summaryProperty().get()).contains("160 executions").contains("#" + stored.id());
        assertThat(recorded).hasValue(1);
        assertThat(model.baselines()).extracting(Experiment::id).contains(stored.id());
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void compareOfTwoRunsGivesAVerdictPerStatement() {
        BaselineViewModel model = model();
        model.run();
        long first = model.experimentIdProperty().get();
        model.run();
        long second = model.experimentIdProperty().get();

        assertThat(model.compareAProperty().get().id()).isEqualTo(first);
        assertThat(model.compareBProperty().get().id()).isEqualTo(second);
        model.compare();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.comparison())
                .extracting(StatementComparison::statement)
                .containsExactlyInAnyOrder("item_by_id", "count_items");
        assertThat(model.comparison()).allSatisfy(c -> {
            assertThat(c.verdict()).isNotEqualTo(Verdict.INSUFFICIENT_DATA);
            assertThat(c.ratio()).isPositive();
            assertThat(c.ciLow()).isLessThanOrEqualTo(c.ratio());
            assertThat(c.ciHigh()).isGreaterThanOrEqualTo(c.ratio());
        });
        assertThat(model.compareSummaryProperty().get()).startsWith("B #" + second + " against A #" + first);
    }

    @Test
    void reopeningTheStepShowsTheNewestStoredBaseline() {
        BaselineViewModel first = model();
        first.run();

        BaselineViewModel reopened = model();
        reopened.refreshBaselines();

        assertThat(reopened.experimentIdProperty().get())
                .isEqualTo(first.experimentIdProperty().get());
        assertThat(reopened.results()).containsExactlyElementsOf(first.results());
    }

    @Test
    void cancelledRunIsStoredAsCancelledAndShowsWhatItMeasured() {
        BaselineViewModel model = model();
        model.byDurationProperty().set(true);
        model.durationSecondsProperty().set(60);
        runner.cancelAfterUpdates(2);

        model.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.summaryProperty().get()).startsWith("CANCELLED");
        Experiment stored =
                workspace.ledger().find(model.experimentIdProperty().get()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(model.resultProperty().get().cancelled()).isTrue();
        assertThat(model.resultProperty().get().elapsedSeconds()).isLessThan(60);
        assertThat(model.results().get(0).executions()).isPositive();
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
        assertThat(recorded).hasValue(0);
    }

    @Test
    void aStatementThatNeverSucceedsIsShownWithItsErrorAndNoLatencyAndTheRunIsFailed() throws Exception {
        Path failing = home.resolve("failing.sql");
        Files.writeString(
                failing,
                """
                -- name: count_items
                SELECT count(*) FROM item;

                -- name: divide
                SELECT 1 / 0;
                """,
                StandardCharsets.UTF_8);
        BaselineViewModel model = model();
        model.loadWorkloadFile(failing);
        model.iterationsProperty().set(10);

        model.run();

        assertThat(dialogs.errors)
                .as("a failed statement is a result, not a crash")
                .isEmpty();
        Experiment stored =
                workspace.ledger().find(model.experimentIdProperty().get()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(stored.error()).isEqualTo(model.failureProperty().get());
        assertThat(model.failureProperty().get())
                .isEqualTo("Statement divide never succeeded: all 10 executions failed: ERROR: division by zero.");
        assertThat(model.summaryProperty().get()).startsWith("FAILED");
        StatementResult divide = model.results().get(2);
        assertThat(divide.name()).isEqualTo("divide");
        assertThat(divide.latency()).isNull();
        assertThat(BaselineViewModel.latency(divide.latency(), l -> l.p95Ms())).isEqualTo("\u2013");
        assertThat(BaselineViewModel.errorsText(divide)).isEqualTo("10 \u00d7 ERROR: division by zero");
        StatementResult count = model.results().get(1);
        assertThat(BaselineViewModel.latency(count.latency(), l -> l.p95Ms())).endsWith(" ms");
        assertThat(BaselineViewModel.errorsText(count)).isEmpty();
        assertThat(model.baselines())
                .as("a failed baseline is not offered for comparison")
                .extracting(Experiment::id)
                .doesNotContain(stored.id());
    }
}
