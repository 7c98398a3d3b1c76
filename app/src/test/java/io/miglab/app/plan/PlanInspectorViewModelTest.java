package io.miglab.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeExplains;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.plan.PlanInspectorViewModel.Metric;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.finding.Finding;
import io.miglab.core.plan.ExplainRefusedException;
import io.miglab.core.plan.IndexCatalog;
import io.miglab.core.plan.diff.StructuralChange;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.targets.TargetRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanInspectorViewModelTest {
    @TempDir
    Path home;

    final FakeExplains explains = new FakeExplains();
    final FakeTargets targets = new FakeTargets()
            .with("lab", TargetRole.LAB, "postgres", "pagila")
            .with("other", TargetRole.LAB, "postgres");
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final RecordingDialogs dialogs = new RecordingDialogs();
    DatabaseChoice database;
    PlanInspectorViewModel vm;

    @BeforeEach
    void open() {
        targets.rememberDatabase("lab", "pagila");
        database = new DatabaseChoice(targets, runner, current);
        database.refresh();
        vm = new PlanInspectorViewModel(explains, database, runner, dialogs);
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
        assertThat(vm.rawPlanProperty().get()).isEqualTo(resource("initplan-filter.plan.json"));
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
                .contains(
                        "Exclusive time",
                        "Actual rows",
                        "Planned rows",
                        "Removed by filter",
                        "Filter",
                        "Rows Removed by Filter");
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
        dialogs.files.add(json);
        dialogs.files.add(text);
        vm.chooseAndExportPlanJson();
        vm.chooseAndExportText();
        vm.chooseAndExportPlanJson(); // cancelled: no file chosen, nothing written
        assertThat(PlanParser.parse(json).root())
                .isEqualTo(vm.inspectedProperty().get().plan().root());
        assertThat(Files.readString(text)).contains("Findings:").contains("#1 Sort");
        assertThat(dialogs.notices).containsExactly("Saved out.plan.json.", "Saved out.txt.");
        dialogs.files.add(json);
        vm.chooseAndOpenFile();
        assertThat(vm.rawPlanProperty().get()).as("reopened as written").isEqualTo(Files.readString(json));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void rowsNameTheirConditionsAsPostgresDoes() {
        vm.openText(
                "Bitmap Heap Scan on rental r  (cost=4.50..60.00 rows=27 width=36) (actual time=0.040..0.100 rows=20"
                        + " loops=2)\n"
                        + "  Recheck Cond: (customer_id = 42)\n"
                        + "  Filter: (return_date IS NULL)\n"
                        + "  Rows Removed by Filter: 7\n"
                        + "  ->  Bitmap Index Scan on idx_fk_customer_id  (cost=0.00..4.49 rows=27 width=0) (actual"
                        + " time=0.020..0.020 rows=27 loops=2)\n"
                        + "        Index Cond: (customer_id = 42)\n",
                "pasted");
        assertThat(dialogs.errors).isEmpty();
        NodeRow heap = vm.row(1).orElseThrow();
        assertThat(heap.type()).isEqualTo("Bitmap Heap Scan");
        assertThat(heap.object()).isEqualTo("on rental r");
        assertThat(heap.indexCondition()).isEqualTo("Recheck Cond: (customer_id = 42)");
        assertThat(heap.filter()).isEqualTo("Filter: (return_date IS NULL)");
        assertThat(heap.rowsRemovedByFilter()).as("over both loops").isEqualTo(14.0);
        assertThat(heap.extraCardLines()).isEqualTo(4);
        NodeRow index = vm.row(2).orElseThrow();
        assertThat(index.indexCondition()).isEqualTo("Index Cond: (customer_id = 42)");
        assertThat(index.filter()).isNull();
        assertThat(index.rowsRemovedByFilter()).isNull();
        assertThat(vm.layoutProperty().get().box(1).height())
                .as("the card with more to say is taller")
                .isGreaterThan(PlanLayout.BOX_HEIGHT);
    }

    @Test
    void pastingNothingSaysWhatToDo() {
        vm.openText("  \n", "pasted plan");
        assertThat(dialogs.errors)
                .containsExactly(
                        "Open plan: There is no plan to show: copy the EXPLAIN output first, then press Paste plan.");
    }

    @Test
    void captureNeedsATargetAndAQuery() {
        vm.capture(null, "select 1", true, true, java.time.Duration.ofSeconds(5));
        vm.capture("lab", " ", true, true, java.time.Duration.ofSeconds(5));
        assertThat(dialogs.errors)
                .containsExactly(
                        "EXPLAIN: Choose the target to run EXPLAIN on.", "EXPLAIN: Type the statement to explain.");
        assertThat(explains.requests).isEmpty();
    }

    @Test
    void aCaptureRunsInTheChosenDatabaseAndIsRecorded() throws IOException {
        explains.answers.add(resource("initplan-filter.plan.json"));
        assertThat(database.selected())
                .as("the database last used on the target")
                .isEqualTo("pagila");

        vm.capture("lab", "SELECT * FROM rental LIMIT 5", true, true, java.time.Duration.ofSeconds(5));

        assertThat(dialogs.errors).isEmpty();
        assertThat(explains.requests).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("lab");
            assertThat(r.database()).isEqualTo("pagila");
            assertThat(r.options().analyze()).isTrue();
            assertThat(r.options().buffers()).isTrue();
        });
        assertThat(dialogs.notices).containsExactly("Plan recorded as experiment 1.");
        assertThat(vm.inspectedProperty().get().experimentId()).isEqualTo(1L);
        assertThat(vm.queryProperty().get()).isEqualTo("SELECT * FROM rental LIMIT 5");
        assertThat(vm.captures())
                .extracting(Object::toString)
                .containsExactly("#1 SELECT * FROM rental LIMIT 5 (pagila)");
        assertThat(vm.capturingProperty().get()).isFalse();

        database.choose("postgres");
        explains.answers.add(resource("initplan-filter.plan.json"));
        vm.capture("lab", "SELECT 1", false, false, java.time.Duration.ofSeconds(5));
        assertThat(explains.requests.get(1).database()).isEqualTo("postgres");
        assertThat(targets.remembered).containsEntry("lab", "postgres");
    }

    @Test
    void aRefusedStatementMarksWhereTheServerSaysAndAnEditClearsIt() {
        explains.answers.add(new ExplainRefusedException(
                "The server refused the EXPLAIN: ERROR: column \"nope\" does not exist (line 1, column 8)",
                null,
                7,
                "ERROR: column \"nope\" does not exist",
                null));

        vm.capture("lab", "SELECT nope FROM rental", true, true, java.time.Duration.ofSeconds(5));

        assertThat(dialogs.errors).as("the query box shows it, at the spot").isEmpty();
        assertThat(vm.queryErrorProperty().get())
                .isEqualTo(new PlanInspectorViewModel.QueryError(7, "ERROR: column \"nope\" does not exist"));
        vm.queryEdited();
        assertThat(vm.queryErrorProperty().get()).isNull();
    }

    /**
     * A capture keeps the definitions of the indexes its plan uses; opening the experiment again gives the finding
     * that needs them, which the same plan pasted alone cannot give.
     */
    @Test
    void anExperimentOpensWithTheIndexDefinitionsItWasCapturedWith() throws IOException {
        String fixtures = "/io/miglab/core/plan/fixtures/pg15/";
        String plan = resource(fixtures + "index-without-leading-column.plan.json");
        long id = explains.record(
                plan,
                IndexCatalog.fromJson(resource(fixtures + "index-without-leading-column.indexes.json")
                        .getBytes(StandardCharsets.UTF_8)));

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
