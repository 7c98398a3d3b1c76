package io.miglab.app.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.ledger.ExperimentLabels;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.metrics.SamplesCsv;
import io.miglab.core.sizing.SizingReport.Recommendation;
import io.miglab.core.sizing.SizingRule;
import io.miglab.core.sizing.SizingService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Pod sizing step's view model on the real sizing service and files. */
class SizingViewModelTest {
    @TempDir
    Path dir;

    final RecordingDialogs dialogs = new RecordingDialogs();
    Ledger ledger;
    SizingViewModel model;

    @BeforeEach
    void setUp() {
        ledger = Ledger.open(dir.resolve("lab.db"));
        model = new SizingViewModel(new SizingService(ledger), new SameThreadTaskRunner(), dialogs);
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void samplesGiveTheFourRulesAndTheRunsOfTheJob() throws Exception {
        dialogs.files.add(JobSamples.write(dir.resolve("samples.csv")));
        model.openSamples();

        assertThat(model.containers()).containsExactly("loader");
        assertThat(model.recommendations()).extracting(Recommendation::rule).containsExactly(SizingRule.values());
        assertThat(model.sizingProperty().get().runs()).hasSize(3);
        assertThat(model.summaryProperty().get()).startsWith("etl/loader from samples.csv: 480 samples of 3 pod(s)");
        assertThat(model.containerSamples()).hasSize(480);
        long before = model.recommendations().get(0).resources().cpuLimit() > 0 ? 1 : 0;
        assertThat(before).isEqualTo(1);

        double teamLimit = model.recommendations().get(0).resources().cpuLimit();
        model.headroomProperty().set(100);
        assertThat(model.recommendations().get(0).resources().cpuLimit()).isGreaterThan(teamLimit);
    }

    @Test
    void anExperimentThatRecordedSamplesIsOfferedAndSizedFrom() throws Exception {
        long bare = ledger.begin("baseline", "no samples", TargetFingerprint.NONE, null)
                .id();
        ExperimentRun recording = ledger.begin("metrics", "loader run", TargetFingerprint.NONE, null);
        recording.attach(
                SamplesCsv.ARTIFACT, "text/csv", Files.readAllBytes(JobSamples.write(dir.resolve("recorded.csv"))));
        recording.succeed();
        Experiment e = ledger.find(recording.id()).orElseThrow();
        String label = "#" + e.id() + "  " + ExperimentLabels.kind(e.kind()) + "  " + ExperimentLabels.startedShort(e)
                + "  loader run";
        dialogs.inputs.add(label); // RecordingDialogs refuses an answer that is not among the choices

        model.chooseExperiment();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.sourceProperty().get()).isEqualTo("experiment #" + recording.id());
        assertThat(model.recommendations()).extracting(Recommendation::rule).containsExactly(SizingRule.values());
        assertThat(bare).isNotEqualTo(recording.id());
    }

    @Test
    void withNoRecordingsTheStepSaysHowToMakeOne() {
        model.chooseExperiment();
        assertThat(dialogs.errors).singleElement().asString().contains("Live metrics");
    }

    @Test
    void theManifestIsPatchedWithTheChosenRuleIntoANewFile() throws Exception {
        dialogs.files.add(JobSamples.write(dir.resolve("samples.csv")));
        model.openSamples();
        Path manifest = Files.writeString(
                dir.resolve("job.yaml"),
                "kind: Job\nmetadata:\n  name: migrate-orders\nspec:\n  template:\n    spec:\n      containers:\n"
                        + "        - name: loader  # the one that matters\n          image: loader:2\n");
        Path out = dir.resolve("job.sized.yaml");
        dialogs.files.add(manifest);
        dialogs.files.add(out);
        model.chosenRuleProperty().set(SizingRule.KRR);
        model.patchManifest();

        assertThat(model.patchNoteProperty().get())
                .startsWith("Wrote job.sized.yaml (Job/migrate-orders, krr rule)")
                .contains("kubectl replace --force -f");
        assertThat(Files.readString(out))
                .contains("# the one that matters", "resources:", "requests:")
                .doesNotContain("cpu: " + "-");
        assertThat(Files.readString(manifest)).doesNotContain("resources:");
    }

    @Test
    void patchingBeforeAnySamplesSaysWhatToDoFirst() {
        model.patchManifest();
        assertThat(dialogs.errors).singleElement().asString().contains("Open samples first");
    }
}
