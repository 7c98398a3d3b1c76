package io.miglab.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.TargetRole;
import io.miglab.datasets.pagila.Datasets;
import io.miglab.datasets.pagila.GenerateOptions;
import io.miglab.datasets.pagila.PagilaGeneration;
import io.miglab.datasets.pagila.PagilaImport;
import io.miglab.datasets.pagila.PagilaLoads;
import io.miglab.datasets.pagila.TableLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

/** The Load Pagila step's view model against an in-memory dataset service and the shared database choice. */
class DatasetViewModelTest {
    final FakeTargets targets = new FakeTargets().with("lab", TargetRole.LAB, "postgres");
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final AtomicInteger recorded = new AtomicInteger();
    final FakeDatasets datasets = new FakeDatasets();

    /** Loads that only say what they were asked, with made-up figures. */
    static final class FakeDatasets implements Datasets {
        final List<String> asked = new ArrayList<>();
        String failWith;

        @Override
        public PagilaLoads.Recorded<PagilaImport> importOfficial(
                String target, Path folder, String database, boolean replace, ProgressListener p, Cancellation c) {
            asked.add("import " + target + "/" + database + " from " + folder);
            if (failWith != null) {
                throw new MigLabException(failWith);
            }
            return new PagilaLoads.Recorded<>(
                    7,
                    new PagilaImport(
                            database,
                            Map.of("rental", 16_044L, "film", 1_000L),
                            Map.of("rental", Duration.ofMillis(120), "film", Duration.ofMillis(15)),
                            300,
                            47_000,
                            Duration.ofSeconds(2)));
        }

        @Override
        public PagilaLoads.Recorded<PagilaGeneration> generate(
                String target, GenerateOptions o, ProgressListener p, Cancellation c) {
            asked.add("generate " + target + "/" + o.database() + " at " + o.scale());
            if (failWith != null) {
                throw new MigLabException(failWith);
            }
            Duration s = Duration.ofMillis(500);
            return new PagilaLoads.Recorded<>(
                    8,
                    new PagilaGeneration(
                            o.database(),
                            o.scale(),
                            o.seed(),
                            List.of(new TableLoad("rental", 16_044L * o.scale(), s)),
                            s,
                            s,
                            s,
                            s,
                            Duration.ofSeconds(2)));
        }
    }

    DatasetViewModel model() {
        choice.refresh();
        return new DatasetViewModel(datasets, choice, runner, dialogs, current, recorded::incrementAndGet);
    }

    @Test
    void importShowsRowsAndTimePerTableAndBecomesTheChosenDatabase() {
        DatasetViewModel model = model();
        model.folderProperty().set("/data/pagila");
        model.importDatabaseProperty().set("pagila_vm");

        model.importOfficial();

        assertThat(dialogs.errors).isEmpty();
        assertThat(datasets.asked).containsExactly("import lab/pagila_vm from " + Path.of("/data/pagila"));
        assertThat(model.tables())
                .extracting(TableLoad::table, TableLoad::rows, TableLoad::elapsed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rental", 16_044L, Duration.ofMillis(120)),
                        org.assertj.core.groups.Tuple.tuple("film", 1_000L, Duration.ofMillis(15)));
        assertThat(model.summaryProperty().get()).contains("pagila_vm").contains("experiment #7");
        assertThat(choice.selected())
                .as("the next steps work in the new database")
                .isEqualTo("pagila_vm");
        assertThat(targets.remembered).containsEntry("lab", "pagila_vm");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(recorded).hasValue(1);
    }

    @Test
    void generateUsesTheScaleAndSeed() {
        DatasetViewModel model = model();
        model.scaleText().set("3");
        model.seedProperty().set("42");

        model.generate();

        assertThat(datasets.asked).containsExactly("generate lab/pagila_s3 at 3");
        assertThat(model.summaryProperty().get()).contains("scale 3, seed 42").contains("experiment #8");
        assertThat(choice.selected()).isEqualTo("pagila_s3");
    }

    @Test
    void generatedDatabaseNameFollowsTheScaleUntilTheUserEditsIt() {
        DatasetViewModel model = model();
        model.scaleText().set("3");
        assertThat(model.generateDatabaseProperty().get()).isEqualTo("pagila_s3");
        assertThat(model.estimatedRentals()).isEqualTo(3 * DatasetViewModel.OFFICIAL_RENTALS);
        model.generateDatabaseProperty().set("mine");
        model.scaleText().set("4");
        assertThat(model.generateDatabaseProperty().get()).isEqualTo("mine");
    }

    @Test
    void aScaleThatIsNotAWholeNumberInRangeIsRefusedInOneLine() {
        DatasetViewModel model = model();
        for (String bad : List.of("abc", "0", "10001", "2.5", "")) {
            model.scaleText().set(bad);
            assertThat(model.scaleProblemProperty().get()).as(bad).isNotEmpty().doesNotContain("\n");
            assertThat(model.canGenerateProperty().get()).as(bad).isFalse();
        }
        model.scaleText().set("abc");
        assertThat(model.scaleProblemProperty().get()).isEqualTo("The scale must be a whole number from 1 to 10000.");
        model.generate();
        assertThat(datasets.asked).isEmpty();

        model.scaleText().set(" 10000 ");
        assertThat(model.scaleProblemProperty().get()).isEmpty();
        assertThat(model.canGenerateProperty().get()).isTrue();
        assertThat(model.scaleProperty().get()).isEqualTo(10_000);
    }

    @Test
    void badInputIsExplainedAndNothingRuns() {
        DatasetViewModel model = model();
        model.importOfficial();
        model.seedProperty().set("not a number");
        model.generate();

        assertThat(dialogs.errors).hasSize(2);
        assertThat(dialogs.errors.get(0)).contains("Choose the folder");
        assertThat(dialogs.errors.get(1)).contains("seed 'not a number'");
        assertThat(datasets.asked).isEmpty();
        assertThat(recorded).hasValue(0);
    }

    @Test
    void aRefusedLoadIsOneLine() {
        datasets.failWith = "Target 'prod' is guarded: loading Pagila writes, so unlock it first.";
        DatasetViewModel model = model();

        model.generate();

        assertThat(dialogs.errors)
                .containsExactly(
                        "Loading Pagila failed: Target 'prod' is guarded: loading Pagila writes, so unlock it first.");
        assertThat(model.runningProperty().get()).isFalse();
    }
}
