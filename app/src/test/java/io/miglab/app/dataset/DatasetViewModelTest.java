package io.miglab.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import io.miglab.datasets.pagila.TableLoad;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Load Pagila step's view model against a real lab instance and the official release beside the repo. */
@Tag("postgres")
class DatasetViewModelTest {
    @TempDir
    static Path home;

    static Workspace workspace;
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final AtomicInteger recorded = new AtomicInteger();

    @BeforeAll
    static void startLab() {
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        workspace.labInstances().start("lab", ProgressListener.NONE);
    }

    @AfterAll
    static void stopLab() {
        workspace.labInstances().stopStartedHere();
        workspace.close();
    }

    DatasetViewModel model() {
        return new DatasetViewModel(workspace, new SameThreadTaskRunner(), dialogs, current, recorded::incrementAndGet);
    }

    @Test
    void importsTheOfficialReleaseWithExactCountsAsAnExperiment() {
        DatasetViewModel model = model();
        model.folderProperty()
                .set(io.miglab.core.testing.MachineServices.pagilaRelease().toString());
        model.importDatabaseProperty().set("pagila_vm");

        model.importOfficial();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.tables())
                .extracting(TableLoad::table, TableLoad::rows)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("rental", 16_044L),
                        org.assertj.core.groups.Tuple.tuple("film", 1_000L));
        assertThat(model.summaryProperty().get()).contains("pagila_vm").contains("experiment #");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(recorded).hasValue(1);
        Experiment experiment = workspace
                .ledger()
                .list(new ExperimentFilter("dataset", null, null, null, 1))
                .get(0);
        assertThat(experiment.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(experiment.target().serverVersion()).startsWith("16.");
        assertThat(experiment.target().dataset()).isEqualTo("pagila@official");
    }

    @Test
    void generatedDatabaseNameFollowsTheScaleUntilTheUserEditsIt() {
        DatasetViewModel model = model();
        model.scaleProperty().set(3);
        assertThat(model.generateDatabaseProperty().get()).isEqualTo("pagila_s3");
        assertThat(model.estimatedRentals()).isEqualTo(3 * DatasetViewModel.OFFICIAL_RENTALS);
        model.generateDatabaseProperty().set("mine");
        model.scaleProperty().set(4);
        assertThat(model.generateDatabaseProperty().get()).isEqualTo("mine");
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
        assertThat(recorded).hasValue(0);
    }

    @Test
    void guardedTargetIsRefusedBeforeAnythingIsCreated() {
        io.miglab.core.testing.MachineServices.assumePostgres();
        workspace
                .targets()
                .add(
                        "guarded-service",
                        ConnectionSpec.parseUrl("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
                                .spec(),
                        TargetRole.GUARDED);
        current.set("guarded-service");
        DatasetViewModel model = model();
        model.generateDatabaseProperty().set("must_not_exist");

        model.generate();

        assertThat(dialogs.errors).singleElement().asString().containsIgnoringCase("guarded");
        assertThat(workspace.ledger().list(new ExperimentFilter("dataset", ExperimentStatus.FAILED, null, null, 0)))
                .isNotEmpty();
    }
}
