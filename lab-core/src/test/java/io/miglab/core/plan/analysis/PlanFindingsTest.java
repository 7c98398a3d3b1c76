package io.miglab.core.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.plan.IndexCatalog;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.parse.PlanParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each finding on the real plan (captured on PostgreSQL 15 by FixtureCapture) that shows it, with the node it points
 * at; and the plans where it must stay quiet.
 */
class PlanFindingsTest {
    private static final String FIXTURES = "/io/miglab/core/plan/fixtures/pg15/";

    static Plan plan(String fixture) throws IOException {
        return PlanParser.parse(resource(fixture).orElseThrow());
    }

    /** The index definitions captured beside the plan ({@code CASE.indexes.json}), or none. */
    static IndexCatalog indexes(String fixture) throws IOException {
        String base = fixture.substring(0, fixture.indexOf(".plan."));
        return resource(base + ".indexes.json")
                .map(json -> IndexCatalog.fromJson(json.getBytes(StandardCharsets.UTF_8)))
                .orElse(IndexCatalog.EMPTY);
    }

    static List<Finding> findings(String fixture) throws IOException {
        Plan plan = plan(fixture);
        return PlanFindings.find(plan, PlanAnalyzer.analyze(plan), indexes(fixture));
    }

    private static Optional<String> resource(String name) throws IOException {
        try (InputStream in = PlanFindingsTest.class.getResourceAsStream(FIXTURES + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "hash-join-batches.plan.json,            hash-batches,                 Hash,                    WARNING",
        "hash-join-batches.plan.txt,             hash-batches,                 Hash,                    WARNING",
        "sort-on-disk.plan.json,                 sort-on-disk,                 Sort,                    WARNING",
        "sort-on-disk.plan.txt,                  sort-on-disk,                 Sort,                    WARNING",
        "index-only-heap-fetches.plan.json,      heap-fetches,                 Index Only Scan,         WARNING",
        "seq-scan-selective.plan.json,           selective-seq-scan,           Seq Scan on orders,      CRITICAL",
        "seq-scan-selective.plan.json,           rows-removed,                 Seq Scan on orders,      CRITICAL",
        "nested-loop-many.plan.json,             nested-loop-many-loops,       Nested Loop,             INFO",
        "misestimate-correlated.plan.json,       misestimate,                  Seq Scan on corr,        INFO",
        "costs-only.plan.json,                   costly-node,                  '',                      INFO",
        "parallel-aggregate.plan.json,           slow-node,                    HashAggregate,           WARNING",
        "merge-join.plan.json,                   heap-fetches,                 Index Only Scan,         INFO",
        "index-without-leading-column.plan.json, index-without-leading-column, Bitmap Index Scan,       INFO",
        "index-without-leading-column.plan.txt,  index-without-leading-column, Bitmap Index Scan,       INFO",
        "index-backward-filter.plan.json,        backward-scan-filter,         Index Scan using tickets_pkey, WARNING",
        "index-backward-filter.plan.txt,         backward-scan-filter,         Index Scan using tickets_pkey, WARNING",
        "index-backward-later-column.plan.json,  backward-scan-filter,         Index Scan using tickets_project_opened_idx, INFO",
        "index-backward-later-column.plan.txt,   backward-scan-filter,         Index Scan using tickets_project_opened_idx, INFO"
    })
    void findsWhatEachFixtureShows(String fixture, String code, String nodeLabel, Severity atLeast) throws IOException {
        List<Finding> found = findings(fixture).stream()
                .filter(f -> f.code().equals(code))
                .filter(f -> f.title().startsWith(nodeLabel))
                .toList();
        assertThat(found).as("%s in %s", code, fixture).isNotEmpty();
        Finding f = found.get(0);
        assertThat(f.severity().atLeast(atLeast))
                .as("%s is at least %s", f.severity(), atLeast)
                .isTrue();
        assertThat(f.planNodeId()).isPositive();
        assertThat(f.subject().label()).startsWith("#" + f.planNodeId() + " ");
        assertThat(f.evidence()).isNotBlank();
        assertThat(f.advice()).isNotBlank();
        assertThat(f.threshold()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({
        "seq-scan-selective.plan.json,          hash-batches",
        "initplan-result.plan.json,             sort-on-disk",
        "bitmap-or.plan.json,                   selective-seq-scan",
        "merge-join.plan.json,                  sort-on-disk",
        // Both key columns are in the Index Cond.
        "index-leading-column-used.plan.json,   index-without-leading-column",
        "index-leading-column-used.plan.txt,    index-without-leading-column",
        // The backward-scan finding says it, once.
        "index-backward-later-column.plan.json, index-without-leading-column",
        // A forward scan of a primary key by its own column.
        "tiny-index-lookup.plan.json,           index-without-leading-column",
        "tiny-index-lookup.plan.json,           backward-scan-filter",
        // 0.009 ms, all of the plan: no slow node.
        "tiny-index-lookup.plan.json,           slow-node",
        // Cost 8.44, all of the plan's cost: no costly node.
        "tiny-costs-only.plan.json,             costly-node",
        // Under LIMIT 50 the scan stops early; its full-run estimate is not a misestimate.
        "window-limit.plan.json,                misestimate",
        "window-limit.plan.txt,                 misestimate"
    })
    void raisesNothingThePlanDoesNotShow(String fixture, String code) throws IOException {
        assertThat(findings(fixture)).extracting(Finding::code).doesNotContain(code);
    }

    /**
     * A share alone cries wolf: the own time must also pass 1 / 10 / 100 ms, and the finding takes the lower level.
     * Each row names a node whose share of the time passes at least the warning level of 50 %.
     */
    @ParameterizedTest(name = "{0} {1}: share {2} %, {3} ms -> {4}")
    @CsvSource({
        // share and own time as the plan shows them, then the level expected
        "tiny-index-lookup.plan.json,     Index Scan using tickets_pkey,   99, 0.009,  NONE",
        "psql-aligned.plan.json,          HashAggregate,                   57, 0.034,  NONE",
        "recursive-cte.plan.json,         Recursive Union,                 60, 0.140,  NONE",
        "subplan-correlated.plan.json,    Index Only Scan using orders_customer_idx, 74, 0.598, NONE",
        "bitmap-or.plan.json,             Bitmap Heap Scan on orders,      95, 1.557,  INFO",
        "index-only-heap-fetches.plan.json, Index Only Scan,               99, 4.101,  INFO",
        "seq-scan-selective.plan.json,    Seq Scan on orders,              99, 26.530, WARNING",
        "index-backward-filter.plan.json, Index Scan using tickets_pkey,   99, 32.348, WARNING",
        "nested-loop-many.plan.json,      Index Scan using orders_customer_idx, 86, 50.000, WARNING",
        "sort-on-disk.plan.json,          Sort,                            92, 214.764, CRITICAL"
    })
    void aSlowNodeNeedsItsOwnTimeAsWellAsItsShare(
            String fixture, String nodeLabel, int sharePercentAtLeast, double ownMs, String level) throws IOException {
        Plan plan = plan(fixture);
        PlanAnalysis analysis = PlanAnalyzer.analyze(plan);
        PlanNode node = plan.nodes().stream()
                .filter(n -> n.label().startsWith(nodeLabel))
                .findFirst()
                .orElseThrow();
        NodeMetrics m = analysis.metrics(node.id());
        assertThat(m.timeShare()).isGreaterThanOrEqualTo(sharePercentAtLeast / 100.0);
        assertThat(m.exclusiveTime()).isCloseTo(ownMs, org.assertj.core.data.Offset.offset(0.0005));
        Optional<Finding> slow = PlanFindings.find(plan, analysis).stream()
                .filter(f -> f.code().equals("slow-node") && f.planNodeId() == node.id())
                .findFirst();
        if (level.equals("NONE")) {
            assertThat(slow).as("no slow-node finding on %s", node.label()).isEmpty();
        } else {
            assertThat(slow).map(Finding::severity).contains(Severity.valueOf(level));
            assertThat(slow.orElseThrow().threshold()).contains("1 / 10 / 100 ms");
        }
    }

    @Test
    void withoutTheIndexDefinitionThePlanAloneCannotTellTheLeadingColumn() throws IOException {
        Plan plan = plan("index-without-leading-column.plan.json");
        assertThat(PlanFindings.find(plan, PlanAnalyzer.analyze(plan)))
                .extracting(Finding::code)
                .doesNotContain("index-without-leading-column");
        assertThat(findings("index-without-leading-column.plan.json"))
                .filteredOn(f -> f.code().equals("index-without-leading-column"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.title()).endsWith("first column project");
                    assertThat(f.evidence())
                            .contains("btree on (project, opened)")
                            .contains("constrains opened but not project")
                            .contains("176 shared blocks");
                    assertThat(f.advice()).contains("CREATE INDEX ON tickets (opened)");
                });
    }

    @Test
    void aBackwardScanThatFiltersNamesTheIndexThatWouldServeBoth() throws IOException {
        assertThat(findings("index-backward-filter.plan.json"))
                .filteredOn(f -> f.code().equals("backward-scan-filter"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.title()).contains("removed 198,000 rows to return 10");
                    assertThat(f.advice()).contains("CREATE INDEX ON tickets (state, id)");
                    assertThat(f.value()).isGreaterThan(10);
                });
        Plan pasted = plan("index-backward-filter.plan.txt");
        assertThat(PlanFindings.find(pasted, PlanAnalyzer.analyze(pasted)))
                .as("without the index definition the order columns are not known")
                .filteredOn(f -> f.code().equals("backward-scan-filter"))
                .singleElement()
                .satisfies(f -> assertThat(f.advice()).contains("(state first, then the ORDER BY columns)"));
        assertThat(findings("index-backward-later-column.plan.json"))
                .filteredOn(f -> f.code().equals("backward-scan-filter"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.title()).contains("condition on opened but not on its first column project");
                    assertThat(f.advice()).contains("CREATE INDEX ON tickets (opened, project)");
                });
    }

    @Test
    void everyFixturesFindingsComeInTheOneOrder() throws IOException {
        for (String name : List.of(
                "seq-scan-selective.plan.json",
                "index-backward-filter.plan.json",
                "hash-join-batches.plan.txt",
                "cte-two-scans.plan.json",
                "parallel-hash-join.plan.json")) {
            List<Finding> found = findings(name);
            assertThat(found).as(name).isSortedAccordingTo(Finding.ORDER);
            for (int i = 1; i < found.size(); i++) {
                assertThat(found.get(i - 1).severity().atLeast(found.get(i).severity()))
                        .as("most severe first in %s", name)
                        .isTrue();
            }
        }
    }
}
