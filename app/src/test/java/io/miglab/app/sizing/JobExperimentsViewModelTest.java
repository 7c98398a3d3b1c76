package io.miglab.app.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.sizing.jobs.JobExperimentRequest;
import io.miglab.core.sizing.jobs.JobExperiments;
import io.miglab.core.sizing.jobs.VariantResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Job experiments form on a Jobs feature that records what it was asked and answers a finished matrix. */
class JobExperimentsViewModelTest {
    final RecordingDialogs dialogs = new RecordingDialogs();
    final List<JobExperimentRequest> asked = new ArrayList<>();
    int refreshed;

    @TempDir
    Path dir;

    JobExperimentsViewModel model() {
        JobExperiments jobs = (request, progress, cancellation) -> {
            asked.add(request);
            return JobMatrices.threeVariants();
        };
        return new JobExperimentsViewModel(jobs, new SameThreadTaskRunner(), dialogs, () -> refreshed++);
    }

    Path manifest() throws Exception {
        return Files.writeString(
                dir.resolve("migrate-orders.yaml"),
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate-orders\nspec:\n  template:\n    spec:\n"
                        + "      containers:\n        - name: loader\n          image: example/loader:1\n");
    }

    @Test
    void theFormBecomesOneRequestAndTheRankedVariantsComeBack() throws Exception {
        JobExperimentsViewModel model = model();
        dialogs.files.add(manifest());
        model.chooseManifest();
        model.containerProperty().set(" loader ");
        model.variantsProperty().set("# the manifest as it is\nas-is\n\ngomaxprocs-3:env.GOMAXPROCS=3,cpu=1\n");
        model.repeatsProperty().set(2);
        model.timeoutProperty().set("10m");
        model.namespaceProperty().set("etl");
        model.run();

        assertThat(dialogs.errors).isEmpty();
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.where()).isEqualTo("migrate-orders.yaml");
            assertThat(r.container()).isEqualTo("loader");
            assertThat(r.variants()).extracting(v -> v.label()).containsExactly("as-is", "gomaxprocs-3");
            assertThat(r.variants().get(1).env()).containsEntry("GOMAXPROCS", "3");
            assertThat(r.repeats()).isEqualTo(2);
            assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(r.context()).isNull();
            assertThat(r.namespace()).isEqualTo("etl");
        });
        assertThat(model.results()).extracting(VariantResult::rank).containsExactly(1, 2, 3);
        assertThat(model.summaryProperty().get())
                .contains("Experiment #41", "namespace etl", "fastest more-cpu", "2 min 51 s");
        assertThat(refreshed).isEqualTo(1);
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void aBadVariantLineIsNamedAndNothingRuns() throws Exception {
        JobExperimentsViewModel model = model();
        dialogs.files.add(manifest());
        model.chooseManifest();
        model.containerProperty().set("loader");
        model.variantsProperty().set("as-is\nfast:cpus=2");
        model.run();
        assertThat(asked).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().contains("Variants, line 2", "unknown key 'cpus'");
    }

    @Test
    void noManifestNoContainerOrNoVariantIsOneErrorEach() throws Exception {
        JobExperimentsViewModel model = model();
        model.run();
        model.manifestProperty().set(manifest());
        model.run();
        model.containerProperty().set("loader");
        model.variantsProperty().set("  \n# nothing\n");
        model.run();
        model.variantsProperty().set("as-is");
        model.timeoutProperty().set("forever");
        model.run();
        assertThat(asked).isEmpty();
        assertThat(dialogs.errors).hasSize(4);
        assertThat(dialogs.errors.get(0)).asString().contains("Choose the Job manifest");
        assertThat(dialogs.errors.get(1)).asString().contains("Name the container");
        assertThat(dialogs.errors.get(2)).asString().contains("at least one variant");
        assertThat(dialogs.errors.get(3)).asString().contains("forever");
    }
}
