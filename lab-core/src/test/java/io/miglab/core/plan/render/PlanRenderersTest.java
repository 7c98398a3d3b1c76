package io.miglab.core.plan.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.analysis.PlanFindings;
import io.miglab.core.plan.parse.PlanParser;
import org.junit.jupiter.api.Test;

class PlanRenderersTest {
    private static final String PLAN =
            """
            Sort  (cost=23754.89..24004.89 rows=100000 width=47) (actual time=58.484..58.541 rows=1500 loops=1)
              Sort Key: o.id
              InitPlan 1 (returns $0)
                ->  Aggregate  (cost=5764.00..5764.01 rows=1 width=32) (actual time=32.760..32.762 rows=1 loops=1)
                      ->  Seq Scan on orders  (cost=0.00..5014.00 rows=300000 width=6) (actual time=0.001..13.183 rows=300000 loops=1)
              ->  Seq Scan on orders o  (cost=0.00..5764.00 rows=100000 width=24) (actual time=33.005..54.767 rows=1500 loops=1)
                    Filter: (amount > $0)
                    Rows Removed by Filter: 298500
            Planning Time: 0.244 ms
            Execution Time: 58.814 ms
            """;

    @Test
    void textShowsEachNodeWithItsFiguresAndTheFindings() {
        Plan plan = PlanParser.parse(PLAN);
        PlanAnalysis a = PlanAnalyzer.analyze(plan);
        String text = PlanTextRenderer.render(plan, a, PlanFindings.find(plan, a));
        assertThat(text)
                .contains("excl ms")
                .contains("#1 Sort")
                .contains("InitPlan 1 (returns $0)")
                .contains("-> #4 Seq Scan on orders o")
                .contains("22.005") // 54.767 minus the InitPlan (32.762) it evaluated
                .contains("Execution time: 58.814 ms")
                .contains("[CRITICAL] #4 Seq Scan on orders o read 300,000 rows to keep 1,500")
                .contains("Threshold: table rows read >= 10 000");
        assertThat(PlanTextRenderer.render(plan, a, PlanFindings.find(plan, a))).isEqualTo(text);
    }

    @Test
    void jsonDocumentHoldsAReopenablePlanTheAnalysisAndTheFindings() throws Exception {
        Plan plan = PlanParser.parse(PLAN);
        PlanAnalysis a = PlanAnalyzer.analyze(plan);
        String json = PlanJsonWriter.toText(PlanJsonWriter.document(plan, a, PlanFindings.find(plan, a)));
        JsonNode doc = Json.mapper().readTree(json);
        assertThat(PlanParser.parse(doc.get("plan").toString()).root()).isEqualTo(plan.root());
        assertThat(doc.at("/analysis/nodes/3/exclusiveTime").asDouble()).isEqualTo(22.005);
        assertThat(doc.at("/analysis/rootTime").asDouble()).isEqualTo(58.541);
        assertThat(doc.get("findings").size()).isPositive();
    }
}
