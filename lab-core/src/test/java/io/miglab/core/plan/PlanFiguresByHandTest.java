package io.miglab.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.finding.Finding;
import io.miglab.core.plan.analysis.NodeMetrics;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.analysis.PlanFindings;
import io.miglab.core.plan.parse.PlanParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Figures worked out by hand from the raw TEXT plans of the golden cases (pg15), independently of the analyser: each
 * expected value is written as the arithmetic on the numbers PostgreSQL printed, with the rule in the comment. Each
 * is asserted against the analyser and against the case's expected.json, so a golden file regenerated from a wrong
 * analyser fails here even though the walker would accept it.
 *
 * <p>Times in the TEXT format are per loop: inclusive = actual total time x loops / (workers + 1); exclusive =
 * inclusive minus the children's inclusive times.
 */
class PlanFiguresByHandTest {

    /** A per-node figure: how to read it from the analysis and from expected.json. */
    enum Figure {
        INCLUSIVE_MS(NodeMetrics::inclusiveTime, "inclusiveTime"),
        EXCLUSIVE_MS(NodeMetrics::exclusiveTime, "exclusiveTime"),
        TIME_SHARE(NodeMetrics::timeShare, "timeShare"),
        REVISED_ROWS(NodeMetrics::revisedRows, "revisedRows"),
        ROWS_REMOVED_BY_FILTER(NodeMetrics::rowsRemovedByFilter, "rowsRemovedByFilter"),
        ESTIMATE_FACTOR(NodeMetrics::estimateFactor, "estimateFactor"),
        EXCLUSIVE_SHARED_HIT(m -> m.exclusiveCounters().getOrDefault("Shared Hit Blocks", 0.0), null);

        final Function<NodeMetrics, Double> read;
        final String field;

        Figure(Function<NodeMetrics, Double> read, String field) {
            this.read = read;
            this.field = field;
        }
    }

    static Stream<Arguments> nodeFigures() {
        return Stream.of(
                // nested-loop-many: Nested Loop 50.348 ms, its outer Seq Scan 2.136 ms, its inner Index Scan
                // 0.008 ms per loop over 5000 loops.
                figure(
                        "nested-loop-many",
                        3,
                        "Index Scan using orders_customer_idx on orders o",
                        Figure.INCLUSIVE_MS,
                        0.008 * 5000),
                figure("nested-loop-many", 1, "Nested Loop", Figure.EXCLUSIVE_MS, 50.348 - (2.136 + 0.008 * 5000)),
                figure(
                        "nested-loop-many",
                        1,
                        "Nested Loop",
                        Figure.TIME_SHARE,
                        (50.348 - (2.136 + 0.008 * 5000)) / 50.348),
                // rows=15 per loop, 5000 loops
                figure(
                        "nested-loop-many",
                        3,
                        "Index Scan using orders_customer_idx on orders o",
                        Figure.REVISED_ROWS,
                        15.0 * 5000),
                // hash-join-batches: Hash Join 100.903 ms over its Seq Scan (13.908) and Hash (2.810); the Hash over
                // its Seq Scan (0.921); shared hits 2147 at the join, 2014 + 133 below it.
                figure("hash-join-batches", 1, "Hash Join", Figure.EXCLUSIVE_MS, 100.903 - (13.908 + 2.810)),
                figure("hash-join-batches", 3, "Hash", Figure.EXCLUSIVE_MS, 2.810 - 0.921),
                figure("hash-join-batches", 1, "Hash Join", Figure.EXCLUSIVE_SHARED_HIT, 2147.0 - (2014 + 133)),
                // seq-scan-selective: rows=600 planned 670, 299400 removed by the Filter
                figure("seq-scan-selective", 1, "Seq Scan on orders", Figure.ESTIMATE_FACTOR, 670.0 / 600),
                figure("seq-scan-selective", 1, "Seq Scan on orders", Figure.ROWS_REMOVED_BY_FILTER, 299400.0),
                // misestimate-correlated: a = 1 and b = 1 are the same rows; planned 11, actual 1000
                figure("misestimate-correlated", 1, "Seq Scan on corr", Figure.ESTIMATE_FACTOR, 1000.0 / 11),
                // parallel-aggregate: under Gather Merge with 2 workers launched, loops=3 are the leader and two
                // workers: x 3 / (2 + 1). Partial HashAggregate 35.268 over its Parallel Seq Scan 10.131.
                figure(
                        "parallel-aggregate",
                        5,
                        "Parallel Seq Scan on orders",
                        Figure.INCLUSIVE_MS,
                        10.131 * 3 / (2 + 1)),
                figure(
                        "parallel-aggregate",
                        4,
                        "HashAggregate",
                        Figure.EXCLUSIVE_MS,
                        35.268 * 3 / (2 + 1) - 10.131 * 3 / (2 + 1)),
                figure("parallel-aggregate", 2, "Gather Merge", Figure.EXCLUSIVE_MS, 44.217 - 35.292 * 3 / (2 + 1)),
                figure("parallel-aggregate", 4, "HashAggregate", Figure.TIME_SHARE, (35.268 - 10.131) / 44.246),
                // cte-two-scans: the CTE (Seq Scan, 18.893 ms) is read by two CTE Scans (22.651 and 1.719 ms); each
                // gives up the CTE's time in proportion to its own. The CTE is not subtracted from the Aggregate it
                // hangs under: 36.599 - 35.551 (the Merge Join).
                figure(
                        "cte-two-scans",
                        5,
                        "CTE Scan on big a",
                        Figure.EXCLUSIVE_MS,
                        22.651 - 18.893 * 22.651 / (22.651 + 1.719)),
                figure(
                        "cte-two-scans",
                        7,
                        "CTE Scan on big b",
                        Figure.EXCLUSIVE_MS,
                        1.719 - 18.893 * 1.719 / (22.651 + 1.719)),
                figure("cte-two-scans", 1, "Aggregate", Figure.EXCLUSIVE_MS, 36.599 - 35.551),
                // initplan-filter: InitPlan 1 (32.762 ms) returns $0, which the Seq Scan on orders o (54.767 ms)
                // evaluates in its Filter; so the scan gives up the InitPlan's time and the Sort does not.
                figure("initplan-filter", 5, "Seq Scan on orders o", Figure.EXCLUSIVE_MS, 54.767 - 32.762),
                figure("initplan-filter", 1, "Sort", Figure.EXCLUSIVE_MS, 58.541 - 58.152),
                figure("initplan-filter", 4, "Hash Join", Figure.EXCLUSIVE_MS, 58.152 - (54.767 + 2.667)),
                // index-backward-filter: Limit 33.052 over its Index Scan Backward 33.047
                figure("index-backward-filter", 1, "Limit", Figure.EXCLUSIVE_MS, 33.052 - 33.047),
                figure(
                        "index-backward-filter",
                        2,
                        "Index Scan using tickets_pkey on tickets",
                        Figure.TIME_SHARE,
                        33.047 / 33.052));
    }

    private static Arguments figure(String fixture, int nodeId, String label, Figure figure, double expected) {
        return Arguments.of(fixture, nodeId, label, figure, expected);
    }

    @ParameterizedTest(name = "{0} #{1} {2}: {3} = {4}")
    @MethodSource("nodeFigures")
    void theAnalyserAndTheGoldenFileAgreeWithTheFigureWorkedOutByHand(
            String fixture, int nodeId, String label, Figure figure, double expected) throws IOException {
        Plan plan = PlanParser.parse(text(fixture));
        PlanNode node = plan.node(nodeId).orElseThrow();
        assertThat(node.label()).as("node #%d of %s", nodeId, fixture).isEqualTo(label);
        NodeMetrics m = PlanAnalyzer.analyze(plan).metrics(nodeId);
        assertThat(figure.read.apply(m)).as("analyser").isCloseTo(expected, offset(1e-9 + Math.abs(expected) * 1e-9));

        if (figure.field != null) {
            JsonNode golden = goldenNode(fixture, nodeId);
            assertThat(golden.get(figure.field).asDouble())
                    .as("%s in %s.expected.json (rounded to 3 decimals)", figure.field, fixture)
                    .isCloseTo(expected, offset(0.0005 + 1e-9));
        }
    }

    static Stream<Arguments> findingValues() {
        return Stream.of(
                // seq-scan-selective: 600 rows kept of 600 + 299400 read
                Arguments.of("seq-scan-selective", "selective-seq-scan", 1, 600.0 / (600 + 299400)),
                Arguments.of("seq-scan-selective", "rows-removed", 1, 299400.0 / (600 + 299400)),
                // nested-loop-many: the outer Seq Scan removed 15000 and kept 5000
                Arguments.of("nested-loop-many", "rows-removed", 2, 15000.0 / (15000 + 5000)),
                // hash-join-batches: "Batches: 16"
                Arguments.of("hash-join-batches", "hash-batches", 3, 16.0),
                // parallel-aggregate: own time of the Partial HashAggregate over the root's 44.246 ms
                Arguments.of("parallel-aggregate", "slow-node", 4, (35.268 - 10.131) / 44.246));
    }

    @ParameterizedTest(name = "{0} {1} on #{2} = {3}")
    @MethodSource("findingValues")
    void findingValuesAreTheFiguresWorkedOutByHand(String fixture, String code, int nodeId, double expected)
            throws IOException {
        Plan plan = PlanParser.parse(text(fixture));
        PlanAnalysis analysis = PlanAnalyzer.analyze(plan);
        Finding finding = PlanFindings.find(plan, analysis).stream()
                .filter(f -> f.code().equals(code) && f.planNodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " on #" + nodeId + " of " + fixture));
        assertThat(finding.value()).isCloseTo(expected, offset(1e-9));
        JsonNode golden = Json.mapper().readTree(expected(fixture)).at("/fromText/findings");
        assertThat(golden.findParents("code").stream()
                        .filter(f -> f.get("code").asText().equals(code)
                                && f.at("/subject/key").asText().equals(Integer.toString(nodeId)))
                        .map(f -> f.get("value").asDouble()))
                .as("%s on #%d in %s.expected.json", code, nodeId, fixture)
                .singleElement()
                .satisfies(v -> assertThat(v).isCloseTo(expected, offset(0.0005 + 1e-9)));
    }

    private static JsonNode goldenNode(String fixture, int nodeId) throws IOException {
        for (JsonNode n : Json.mapper().readTree(expected(fixture)).at("/fromText/analysis/nodes")) {
            if (n.get("id").asInt() == nodeId) {
                return n;
            }
        }
        throw new AssertionError("No node " + nodeId + " in " + fixture + ".expected.json");
    }

    private static String text(String fixture) {
        return PlanFixtures.read(pg15().resolve(fixture + ".plan.txt"));
    }

    private static String expected(String fixture) {
        return PlanFixtures.read(pg15().resolve(fixture + ".expected.json"));
    }

    private static Path pg15() {
        return PlanFixtures.root().resolve("pg15");
    }
}
