package io.miglab.app.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsViewModelTest {
    @TempDir
    Path dir;

    Ledger ledger;
    RecordingDialogs dialogs = new RecordingDialogs();
    ExperimentsViewModel model;
    long baseline;
    long explain;

    @BeforeEach
    void seed() {
        ledger = Ledger.open(dir.resolve("lab.db"));
        baseline = record("baseline", "Rental lookups before index", true);
        explain = record("explain", "Film search plan", false);
        model = new ExperimentsViewModel(ledger, new SameThreadTaskRunner(), dialogs);
        model.refresh();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void listsNewestFirstAndOffersTheKindsThereAre() {
        assertThat(model.experiments()).extracting(Experiment::id).containsExactly(explain, baseline);
        assertThat(model.kinds()).containsExactly(ExperimentsViewModel.ANY_KIND, "baseline", "explain");
    }

    @Test
    void filtersByTextKindAndStatus() {
        model.filterTextProperty().set("rental");
        assertThat(model.experiments()).extracting(Experiment::id).containsExactly(baseline);

        model.filterTextProperty().set("");
        model.filterKindProperty().set("explain");
        assertThat(model.experiments()).extracting(Experiment::id).containsExactly(explain);

        model.filterKindProperty().set(ExperimentsViewModel.ANY_KIND);
        model.filterStatusProperty().set(ExperimentStatus.FAILED);
        assertThat(model.experiments()).extracting(Experiment::id).containsExactly(explain);
    }

    @Test
    void selectingLoadsArtifactsAndDeleteNeedsConfirmation() {
        model.select(model.experiments().get(1));
        assertThat(model.selectedArtifacts()).singleElement().satisfies(a -> assertThat(a.name())
                .isEqualTo("latencies.csv"));

        dialogs.answer = false;
        model.deleteSelected();
        assertThat(ledger.find(baseline)).isPresent();

        dialogs.answer = true;
        model.deleteSelected();
        assertThat(ledger.find(baseline)).isEmpty();
        assertThat(model.experiments()).extracting(Experiment::id).containsExactly(explain);
        assertThat(model.selectedProperty().get()).isNull();
        assertThat(dialogs.notices).anyMatch(n -> n.contains("deleted"));
    }

    @Test
    void savesAnArtifactToAFile() throws Exception {
        model.select(model.experiments().get(1));
        Path file = dir.resolve("out.csv");
        model.saveArtifact(model.selectedArtifacts().get(0), file);
        assertThat(file).hasContent("ms\n1\n");
        assertThat(dialogs.notices).anyMatch(n -> n.contains("Saved latencies.csv"));
    }

    private long record(String kind, String title, boolean succeed) {
        try (ExperimentRun run = ledger.begin(kind, title, new TargetFingerprint("lab", "16.15", null, null), null)) {
            run.attach("latencies.csv", "text/csv", "ms\n1\n".getBytes(StandardCharsets.UTF_8));
            if (succeed) {
                run.succeed();
            } else {
                run.fail(new MigLabException("statement timeout"));
            }
            return run.id();
        }
    }
}
