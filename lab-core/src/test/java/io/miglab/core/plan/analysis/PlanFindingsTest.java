package io.miglab.core.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.parse.PlanParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each finding on the real plan that shows it, with the node it points at. */
class PlanFindingsTest {

    static List<Finding> findings(String fixture) throws IOException {
        try (InputStream in =
                PlanFindingsTest.class.getResourceAsStream("/io/miglab/core/plan/fixtures/pg15/" + fixture)) {
            Plan plan = PlanParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return PlanFindings.find(plan, PlanAnalyzer.analyze(plan));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "hash-join-batches.plan.json,       hash-batches,           Hash,                    WARNING",
        "hash-join-batches.plan.txt,        hash-batches,           Hash,                    WARNING",
        "sort-on-disk.plan.json,            sort-on-disk,           Sort,                    WARNING",
        "sort-on-disk.plan.txt,             sort-on-disk,           Sort,                    WARNING",
        "index-only-heap-fetches.plan.json, heap-fetches,           Index Only Scan,         WARNING",
        "seq-scan-selective.plan.json,      selective-seq-scan,     Seq Scan on orders,      CRITICAL",
        "seq-scan-selective.plan.json,      rows-removed,           Seq Scan on orders,      CRITICAL",
        "nested-loop-many.plan.json,        nested-loop-many-loops, Nested Loop,             INFO",
        "misestimate-correlated.plan.json,  misestimate,            Seq Scan on corr,        INFO",
        "costs-only.plan.json,              costly-node,            '',                      INFO",
        "parallel-aggregate.plan.json,      slow-node,              HashAggregate,           WARNING",
        "merge-join.plan.json,              heap-fetches,           Index Only Scan,         INFO"
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
        assertThat(f.evidence()).isNotBlank();
        assertThat(f.advice()).isNotBlank();
        assertThat(f.threshold()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({
        "seq-scan-selective.plan.json, hash-batches",
        "initplan-result.plan.json, sort-on-disk",
        "bitmap-or.plan.json, selective-seq-scan",
        "merge-join.plan.json, sort-on-disk"
    })
    void raisesNothingThePlanDoesNotShow(String fixture, String code) throws IOException {
        assertThat(findings(fixture)).extracting(Finding::code).doesNotContain(code);
    }
}
