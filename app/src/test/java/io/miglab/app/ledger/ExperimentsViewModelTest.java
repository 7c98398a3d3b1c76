package io.miglab.app.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Measurement;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Baselines;
import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    List<Long> inspected = new ArrayList<>();
    List<long[]> compared = new ArrayList<>();
    Baselines baselines = new Baselines() {
        @Override
        public Run run(BaselineRequest request, ProgressListener progress, BaselineListener live, Cancellation c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run open(long experimentId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Stored> baselines(String target, int limit) {
            return List.of();
        }

        @Override
        public Optional<Run> latest(String target, String database) {
            return Optional.empty();
        }

        @Override
        public Comparison compare(long before, long after, CompareOptions options) {
            compared.add(new long[] {before, after});
            return new Comparison(
                    "experiment " + before,
                    "experiment " + after,
                    options,
                    List.of(
                            new StatementComparison("by_customer", 200, 200, 4.0, 1.0, 0.25, 0.2, 0.3, Verdict.FASTER),
                            new StatementComparison(
                                    "by_film", 200, 200, 2.0, 2.0, 1.0, 0.95, 1.05, Verdict.NO_SIGNIFICANT_CHANGE)),
                    List.of(),
                    List.of("new_one"));
        }
    };

    @BeforeEach
    void seed() {
        ledger = Ledger.open(dir.resolve("lab.db"));
        baseline = record("baseline", "Rental lookups before index", true);
        explain = record("explain", "Film search plan", false);
        model = new ExperimentsViewModel(ledger, baselines, new SameThreadTaskRunner(), dialogs, inspected::add);
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
    void selectingShowsLinksInWordsFromEitherSide() {
        ledger.link(explain, io.miglab.core.ledger.ExperimentLink.PROVES, baseline);

        model.select(ledger.find(baseline).orElseThrow());
        assertThat(model.selectedLinks()).containsExactly("#" + explain + " (explain) proves this");

        model.select(ledger.find(explain).orElseThrow());
        assertThat(model.selectedLinks()).containsExactly("proves #" + baseline + " (baseline)");
    }

    @Test
    void savesAnArtifactToAFile() throws Exception {
        model.select(model.experiments().get(1));
        Path file = dir.resolve("out.csv");
        dialogs.files.add(file);
        model.saveArtifact(model.selectedArtifacts().get(0));
        assertThat(file).hasContent("ms\n1\n");
        assertThat(dialogs.notices).anyMatch(n -> n.contains("Saved latencies.csv"));
    }

    @Test
    void showsParametersAsRowsAndComparesABaselineWithAnotherOfItsKind() {
        long second = record("baseline", "Rental lookups after index", true);
        model.refresh();
        Experiment newest = model.experiments().get(0);
        assertThat(newest.id()).isEqualTo(second);

        model.select(newest);
        assertThat(model.selectedParameters())
                .containsExactly(
                        new ExperimentLabels.Parameter("Database", "pagila"),
                        new ExperimentLabels.Parameter("Rounds", "3"),
                        new ExperimentLabels.Parameter("Statement timeout", "30 s"),
                        new ExperimentLabels.Parameter("Snapshot interval", "1.5 s"),
                        new ExperimentLabels.Parameter("Statements", "by_customer, by_film"));
        assertThat(model.canCompareProperty().get()).isTrue();
        assertThat(model.compareCandidates()).extracting(Experiment::id).containsExactly(baseline);
        assertThat(model.canOpenInInspectorProperty().get()).isFalse();

        model.compareWith(baseline);
        assertThat(compared).singleElement().satisfies(pair -> assertThat(pair).containsExactly(baseline, second));
        assertThat(model.comparisonProperty().get().statements()).hasSize(2);
        assertThat(model.comparisonSummaryProperty().get())
                .isEqualTo("Experiment " + second + " against " + baseline
                        + ": 1 statement faster, 0 slower, 1 without a significant change; 1 measured in only one"
                        + " of them.");

        model.select(model.experiments().stream()
                .filter(e -> e.id() == explain)
                .findFirst()
                .orElseThrow());
        assertThat(model.comparisonProperty().get())
                .as("another selection clears it")
                .isNull();
        assertThat(model.canCompareProperty().get())
                .as("only baselines compare here")
                .isFalse();
    }

    @Test
    void opensAnExplainInTheInspectorAndCopiesTheId() {
        model.select(model.experiments().get(0));
        assertThat(model.canOpenInInspectorProperty().get()).isTrue();
        model.openInInspector();
        assertThat(inspected).containsExactly(explain);
        assertThat(model.idToCopy()).isEqualTo(Long.toString(explain));
        model.idCopied();
        assertThat(dialogs.notices).contains("Copied experiment id " + explain + ".");
    }

    @Test
    void labelsReadAsWordsWithUnits() {
        assertThat(ExperimentLabels.kind("explain")).isEqualTo("EXPLAIN plan");
        assertThat(ExperimentLabels.kind("pod_sizing")).isEqualTo("Pod sizing");
        assertThat(ExperimentLabels.measurementValue(new Measurement("execution_time", 12.345, "ms")))
                .isEqualTo("12.35 ms");
        assertThat(ExperimentLabels.measurementValue(new Measurement("tables", 21, "count")))
                .isEqualTo("21");
        assertThat(ExperimentLabels.measurementValue(new Measurement("tables.total_bytes", 3 * 1024 * 1024, "bytes")))
                .isEqualTo("3.0 MB");
        assertThat(ExperimentLabels.measurementValue(new Measurement("total_cost", 1234.5, "cost")))
                .isEqualTo("1,234.50 (planner cost units)");
        assertThat(ExperimentLabels.measurementName(new Measurement("latency.p95", 1, "ms")))
                .isEqualTo("Latency p95");
    }

    private long record(String kind, String title, boolean succeed) {
        ObjectNode parameters = Json.mapper().createObjectNode();
        parameters.put("database", "pagila");
        parameters
                .putObject("options")
                .put("rounds", 3)
                .put("statementTimeoutMs", 30000)
                .put("snapshotInterval", 1.5);
        parameters.putArray("statements").add("by_customer").add("by_film");
        try (ExperimentRun run =
                ledger.begin(kind, title, new TargetFingerprint("lab", "16.15", null, null), parameters)) {
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
