package io.miglab.app.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.migrate.LoadObserver;
import io.miglab.core.migrate.LoadReport;
import io.miglab.core.migrate.LoadReport.ResourceSample;
import io.miglab.core.migrate.LoadRequest;
import io.miglab.core.migrate.LoaderKind;
import io.miglab.core.migrate.LoaderSettings;
import io.miglab.core.migrate.Loaders;
import io.miglab.core.targets.TargetRole;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Migrate step's view model against in-memory loaders that report like the real ones. */
class MigrateViewModelTest {
    final FakeTargets targets = new FakeTargets()
            .with("lab", TargetRole.LAB, "postgres", "pagila")
            .with("prod", TargetRole.GUARDED, "postgres", "pagila")
            .with("second", TargetRole.LAB, "postgres");
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final List<LoadRequest> loads = new ArrayList<>();
    final List<Loaders.MatrixRequest> matrices = new ArrayList<>();
    MigrateViewModel model;

    static LoadReport report(LoadRequest r, double seconds) {
        return new LoadReport(
                r.source(),
                r.destination(),
                r.destinationDatabase(),
                "16.15",
                r.settings(),
                "catalog",
                List.of(new LoadReport.TableLoad("public.rental", 1000, 2_000_000, seconds * 0.8, 0.1, 0, 0.05)),
                List.of(new LoadReport.PhaseTime("copy", seconds)),
                1000,
                2_000_000,
                seconds,
                new LoadReport.ResourceUsage("MigLab", null, 1.5, 300_000_000, List.of()),
                null);
    }

    final Loaders loaders = new Loaders() {
        @Override
        public Load load(LoadRequest request, LoadObserver observer, ProgressListener p, Cancellation c) {
            loads.add(request);
            if (request.destination().equals("prod")) {
                throw new MigLabException("Target 'prod' is guarded and locked: unlock it to load into it.");
            }
            observer.table("public.rental", "copy", 400, 1000);
            observer.resources(new ResourceSample(0.25, 900, 1), new ResourceSample(0.25, 400, 1));
            observer.table("public.rental", "copy", 1000, 1000);
            observer.resources(new ResourceSample(0.5, 950, 1), null);
            observer.table("public.rental", "indexes", 0, -1);
            return new Load(41, report(request, 2.0));
        }

        @Override
        public Matrix matrix(MatrixRequest request, LoadObserver observer, ProgressListener p, Cancellation c) {
            matrices.add(request);
            observer.run(request.variants().get(0), 1, 2);
            observer.table("public.rental", "copy", 10, 1000);
            observer.run(request.variants().get(1), 2, 2);
            observer.table("public.rental", "copy", 20, 1000);
            return new Matrix(
                    50,
                    List.of(
                            new MatrixRow(
                                    request.variants().get(1),
                                    List.of(1.0, 1.1),
                                    1.05,
                                    950,
                                    1.9,
                                    List.of(52L, 54L),
                                    null),
                            new MatrixRow(
                                    request.variants().get(0),
                                    List.of(2.0, 2.2),
                                    2.1,
                                    480,
                                    0.95,
                                    List.of(51L, 53L),
                                    null)),
                    2.0,
                    1.8,
                    2.2);
        }
    };

    @BeforeEach
    void setUp() {
        choice.refresh();
        choice.choose("pagila");
        model = new MigrateViewModel(loaders, targets, choice, runner, dialogs, current, () -> {});
        model.refreshDestinations();
    }

    @Test
    void theDestinationDefaultsToAnotherLabTargetAndOneLoaderLoadsOnce() {
        assertThat(model.destinationProperty().get()).isEqualTo("second"); // a lab target before a guarded one
        model.loaderChoices().forEach(l -> l.selected().set(l.kind() == LoaderKind.COPY_PARALLEL));
        model.workersProperty().set(3);
        model.dropIndexesProperty().set(true);
        model.freezeProperty().set(true);

        model.run();

        assertThat(dialogs.confirmations).singleElement().asString().contains("dropped and loaded again");
        LoadRequest r = loads.get(0);
        assertThat(r.source()).isEqualTo("lab");
        assertThat(r.sourceDatabase()).isEqualTo("pagila");
        assertThat(r.destination()).isEqualTo("second");
        assertThat(r.destinationDatabase()).isEqualTo("pagila");
        assertThat(r.settings())
                .isEqualTo(new LoaderSettings(LoaderKind.COPY_PARALLEL, 3, 1000, true, false, false, true));
        assertThat(model.loadTables()).extracting(LoadReport.TableLoad::table).containsExactly("public.rental");
        assertThat(model.summaryProperty().get())
                .startsWith("copy-parallel x3, indexes after, freeze: 1,000 rows (2.0 MB) from lab into second/pagila")
                .contains("500 rows/s", "Loader CPU 1.5 s", "Experiment #41");
        assertThat(model.matrixRows()).isEmpty();
    }

    @Test
    void liveFiguresFollowTheTablesAndTheResourceSamples() {
        model.loaderChoices().forEach(l -> l.selected().set(l.kind() == LoaderKind.COPY_TEXT));
        model.run();

        assertThat(model.tableProgress()).singleElement().satisfies(t -> {
            assertThat(t.phase()).isEqualTo("indexes");
            assertThat(t.fraction()).isEqualTo(-1);
        });
        assertThat(model.live()).hasSize(2);
        assertThat(model.live().get(0).clientMillicores()).isEqualTo(900);
        assertThat(model.live().get(0).serverMillicores()).isEqualTo(400);
        assertThat(model.live().get(1).serverMillicores()).isNaN();
        // 600 rows copied between the two samples.
        double seconds = model.live().get(1).atSeconds() - model.live().get(0).atSeconds();
        assertThat(model.live().get(1).rowsPerSecond())
                .isCloseTo(600 / seconds, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void severalLoadersRunAsAMatrixRankedWithTheMarginAndItsInterval() {
        model.loaderChoices().forEach(l -> l.selected()
                .set(l.kind() == LoaderKind.INSERT_BATCH || l.kind() == LoaderKind.COPY_BINARY));
        model.repeatsProperty().set(2);
        model.unloggedProperty().set(true);

        model.run();

        Loaders.MatrixRequest m = matrices.get(0);
        assertThat(m.repeats()).isEqualTo(2);
        assertThat(m.variants())
                .extracting(LoaderSettings::label)
                .containsExactly("insert-batch batch 1000, unlogged", "copy-binary, unlogged");
        assertThat(model.runLabelProperty().get()).isEqualTo("Run 2 of 2: copy-binary, unlogged");
        assertThat(model.tableProgress())
                .singleElement()
                .extracting(MigrateViewModel.TableProgress::rowsDone)
                .isEqualTo(20L);
        assertThat(model.matrixRows()).hasSize(2);
        assertThat(model.summaryProperty().get())
                .isEqualTo("Fastest: copy-binary, unlogged, median 1.05 s (950 rows/s), 2.00x faster than insert-batch"
                        + " batch 1000, unlogged, the next [95 % interval 1.80, 2.20]. Matrix experiment #50.");
    }

    @Test
    void nothingTickedALockedDestinationAndADeclinedConfirmationAreHandledInWords() {
        model.loaderChoices().forEach(l -> l.selected().set(false));
        model.run();
        assertThat(dialogs.errors).singleElement().asString().contains("Tick at least one loader");

        model.loaderChoices().get(0).selected().set(true);
        dialogs.answer = false;
        model.run();
        assertThat(loads).isEmpty();

        dialogs.answer = true;
        model.destinationProperty().set("prod");
        model.run();
        assertThat(dialogs.errors).last().asString().contains("guarded and locked");
        assertThat(model.runningProperty().get()).isFalse();
    }
}
