package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.plan.PlanInspectorViewModel.Metric;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.finding.Finding;
import io.miglab.core.plan.diff.StructuralChange;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanInspectorViewModelTest {
    @TempDir
    Path home;

    Workspace workspace;
    RecordingDialogs dialogs = new RecordingDialogs();
    PlanInspectorViewModel vm;

    @BeforeEach
    void open() {
        workspace = Workspace.open(new MigLabHome(home), Map.of());
        vm = new PlanInspectorViewModel(workspace, new SameThreadTaskRunner(), dialogs);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PlanInspectorViewModelTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void openingAPlanFillsRowsFindingsLayoutAndSelectsTheWorstNode() throws IOException {
        vm.openText(resource("initplan-filter.plan.json"), "fixture");
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.rows()).hasSize(7);
        assertThat(vm.rows().get(1).subplan()).isEqualTo("InitPlan 1 (returns $0)");
        assertThat(vm.rows().get(4).parentId()).isEqualTo(4);
        assertThat(vm.findings()).isNotEmpty();
        Finding worst = vm.findings().get(0);
        assertThat(vm.selectedProperty().get().id()).isEqualTo(worst.planNodeId());
        assertThat(vm.summaryProperty().get()).startsWith("Execution 72.").contains("7 nodes");
        assertThat(vm.rawJsonProperty().get()).contains("\"Node Type\" : \"Sort\"");
        PlanLayout layout = vm.layoutProperty().get();
        assertThat(layout.boxes()).hasSize(7);
        for (PlanLayout.Box a : layout.boxes()) {
            for (PlanLayout.Box b : layout.boxes()) {
                assertThat(a != b && a.overlaps(b)).as("%s overlaps %s", a, b).isFalse();
            }
        }
        assertThat(layout.edges())
                .hasSize(6)
                .filteredOn(PlanLayout.Edge::subplan)
                .hasSize(1);
    }

    @Test
    void selectingAFindingSelectsItsNodeAndShowsItsFields() throws IOException {
        vm.openText(resource("initplan-filter.plan.json"), "fixture");
        Finding onScan = vm.findings().stream()
                .filter(f -> f.code().equals("selective-seq-scan"))
                .findFirst()
                .orElseThrow();
        vm.selectFinding(onScan);
        assertThat(vm.selectedProperty().get().label()).isEqualTo("Seq Scan on orders o");
        assertThat(vm.details())
                .extracting(PlanInspectorViewModel.Detail::name)
                .contains("Exclusive time", "Rows (actual / planned)", "Filter", "Rows Removed by Filter");
        assertThat(vm.details())
                .filteredOn(d -> d.name().equals("Exclusive time"))
                .extracting(PlanInspectorViewModel.Detail::value)
                .containsExactly("22.178 ms");
    }

    @Test
    void theBarMetricChangesValuesAndFractions() throws IOException {
        vm.openText(resource("initplan-filter.plan.json"), "fixture");
        NodeRow scan = vm.row(5).orElseThrow();
        NodeRow sort = vm.row(1).orElseThrow();
        assertThat(vm.valueText(scan)).isEqualTo("22.178 ms");
        assertThat(vm.barFraction(scan)).isGreaterThan(vm.barFraction(sort));
        vm.metricProperty().set(Metric.INCLUSIVE_TIME);
        assertThat(vm.barFraction(sort)).isEqualTo(1.0);
        vm.metricProperty().set(Metric.ROWS);
        assertThat(vm.valueText(vm.row(3).orElseThrow())).isEqualTo("300,000 rows");
        vm.metricProperty().set(Metric.BUFFERS);
        assertThat(vm.valueText(scan)).isEqualTo("2,014 blocks");
        vm.metricProperty().set(null);
        assertThat(vm.metricProperty().get()).isEqualTo(Metric.EXCLUSIVE_TIME);
    }

    @Test
    void aBrokenPlanIsReportedWithItsLineAndLeavesTheCurrentPlan() throws IOException {
        vm.openText(resource("initplan-filter.plan.json"), "fixture");
        vm.openText("Sort  (cost=1.00..2.00 rows=10 width=4)\n  ->  Seq Scan on t  (cost=oops)", "pasted");
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0)).startsWith("Open plan: Cannot read the plan at line 2");
        assertThat(vm.rows()).hasSize(7);
    }

    @Test
    void comparingWithABeforePlanShowsTheIndexChange() throws IOException {
        vm.openText(resource("after.plan.txt"), "after");
        vm.compareWithText(resource("before.plan.txt"), "before");
        assertThat(vm.diffProperty().get().changes())
                .extracting(StructuralChange::kind)
                .contains(StructuralChange.Kind.NODE_TYPE_CHANGED, StructuralChange.Kind.INDEX_NOW_USED);
        assertThat(vm.diffSummaryProperty().get()).contains("faster").contains("2 structural changes");
        vm.openText(resource("before.plan.txt"), "before again");
        assertThat(vm.diffProperty().get()).as("a new plan clears the diff").isNull();
    }

    @Test
    void exportsWriteReopenableJsonAndText() throws IOException {
        vm.openText(resource("initplan-filter.plan.json"), "fixture");
        Path json = home.resolve("out.plan.json");
        Path text = home.resolve("out.txt");
        vm.exportPlanJson(json);
        vm.exportText(text);
        assertThat(PlanParser.parse(json).root())
                .isEqualTo(vm.inspectedProperty().get().plan().root());
        assertThat(Files.readString(text)).contains("Findings:").contains("#1 Sort");
        assertThat(dialogs.notices).contains("Saved out.plan.json.", "Saved out.txt.");
    }

    @Test
    void captureNeedsATargetAndAQuery() {
        vm.capture(null, "select 1", true, true, java.time.Duration.ofSeconds(5));
        vm.capture("lab", " ", true, true, java.time.Duration.ofSeconds(5));
        assertThat(dialogs.errors)
                .containsExactly("EXPLAIN: Choose a target first.", "EXPLAIN: Type the query to explain.");
    }

    /**
     * A capture keeps the definitions of the indexes its plan uses; opening the experiment again gives the finding
     * that needs them, which the same plan pasted alone cannot give.
     */
    @Test
    void anExperimentOpensWithTheIndexDefinitionsItWasCapturedWith() throws IOException {
        String fixtures = "/io/miglab/core/plan/fixtures/pg15/";
        String plan = resource(fixtures + "index-without-leading-column.plan.json");
        long id;
        try (var run = workspace
                .ledger()
                .begin(
                        io.miglab.core.plan.capture.PlanRecorder.KIND,
                        "by date",
                        io.miglab.core.ledger.TargetFingerprint.NONE,
                        io.miglab.core.Json.mapper().createObjectNode())) {
            run.attach("plan.json", "application/json", plan.getBytes(StandardCharsets.UTF_8));
            run.attach(
                    io.miglab.core.plan.capture.PlanRecorder.INDEXES_ARTIFACT,
                    "application/json",
                    resource(fixtures + "index-without-leading-column.indexes.json")
                            .getBytes(StandardCharsets.UTF_8));
            run.succeed();
            id = run.id();
        }

        vm.openExperiment(id);
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.findings())
                .filteredOn(f -> f.code().equals("index-without-leading-column"))
                .singleElement()
                .satisfies(f -> {
                    vm.selectFinding(f);
                    assertThat(vm.selectedProperty().get().label())
                            .isEqualTo("Bitmap Index Scan using tickets_project_opened_idx");
                });

        vm.openText(plan, "pasted");
        assertThat(vm.findings()).extracting(Finding::code).doesNotContain("index-without-leading-column");
    }
}
