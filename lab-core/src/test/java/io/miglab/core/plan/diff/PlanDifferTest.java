package io.miglab.core.plan.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.miglab.core.plan.Plan;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.parse.PlanParser;
import org.junit.jupiter.api.Test;

class PlanDifferTest {

    private static PlanDiff diff(String before, String after) {
        Plan b = PlanParser.parse(before);
        Plan a = PlanParser.parse(after);
        return PlanDiffer.diff(b, PlanAnalyzer.analyze(b), a, PlanAnalyzer.analyze(a));
    }

    @Test
    void anIndexReplacingASeqScanIsASwappedNodeTypeAndANewIndex() {
        PlanDiff d = diff(
                """
                Seq Scan on orders  (cost=0.00..5764.00 rows=600 width=24) (actual time=0.010..20.000 rows=600 loops=1)
                  Filter: (status = 'lost'::text)
                  Rows Removed by Filter: 299400
                """,
                """
                Index Scan using orders_status_idx on orders  (cost=0.42..30.00 rows=600 width=24) (actual time=0.020..0.500 rows=600 loops=1)
                  Index Cond: (status = 'lost'::text)
                """);
        assertThat(d.changes())
                .extracting(StructuralChange::kind)
                .containsExactlyInAnyOrder(
                        StructuralChange.Kind.NODE_TYPE_CHANGED, StructuralChange.Kind.INDEX_NOW_USED);
        assertThat(d.changes().get(0).description())
                .isEqualTo("Seq Scan on orders became Index Scan using orders_status_idx on orders");
        NodeMatch m = d.matches().get(0);
        assertThat(m.inclusiveTimeDelta()).isCloseTo(-19.5, within(1e-9));
        assertThat(m.rowsDelta()).isZero();
        assertThat(d.speedRatio()).isCloseTo(0.025, within(1e-9));
    }

    @Test
    void joinOrderAndJoinMethodChangesAreReported() {
        PlanDiff d = diff(
                """
                Hash Join  (cost=1.00..2.00 rows=1 width=4) (actual time=0.100..5.000 rows=10 loops=1)
                  Hash Cond: (o.customer_id = c.id)
                  ->  Seq Scan on orders o  (cost=1.00..2.00 rows=1 width=4) (actual time=0.010..3.000 rows=1000 loops=1)
                  ->  Hash  (cost=1.00..2.00 rows=1 width=4) (actual time=0.100..1.000 rows=10 loops=1)
                        ->  Seq Scan on customers c  (cost=1.00..2.00 rows=1 width=4) (actual time=0.010..0.900 rows=10 loops=1)
                """,
                """
                Nested Loop  (cost=1.00..2.00 rows=1 width=4) (actual time=0.100..1.000 rows=10 loops=1)
                  ->  Seq Scan on customers c  (cost=1.00..2.00 rows=1 width=4) (actual time=0.010..0.500 rows=10 loops=1)
                  ->  Index Scan using orders_customer_idx on orders o  (cost=1.00..2.00 rows=1 width=4) (actual time=0.010..0.040 rows=1 loops=10)
                        Index Cond: (customer_id = c.id)
                """);
        assertThat(d.changes())
                .extracting(StructuralChange::kind)
                .contains(
                        StructuralChange.Kind.NODE_TYPE_CHANGED,
                        StructuralChange.Kind.JOIN_ORDER_CHANGED,
                        StructuralChange.Kind.INDEX_NOW_USED,
                        StructuralChange.Kind.NODE_REMOVED);
        assertThat(d.changes())
                .filteredOn(c -> c.kind() == StructuralChange.Kind.JOIN_ORDER_CHANGED)
                .extracting(StructuralChange::description)
                .containsExactly("Join order changed from (o ⋈ c) to (c ⋈ o)");
        assertThat(d.changes())
                .filteredOn(c -> c.kind() == StructuralChange.Kind.NODE_REMOVED)
                .extracting(StructuralChange::description)
                .containsExactly("No longer in the plan: Hash");
        NodeMatch orders = d.matches().stream()
                .filter(m -> m.beforeLabel().contains("orders"))
                .findFirst()
                .orElseThrow();
        assertThat(orders.afterLabel()).isEqualTo("Index Scan using orders_customer_idx on orders o");
        assertThat(orders.rowsAfter()).isEqualTo(10.0);
        assertThat(orders.rowsDelta()).isEqualTo(-990.0);
    }

    @Test
    void identicalPlansDifferInNothing() {
        String plan =
                """
                Sort  (cost=1.00..2.00 rows=1 width=4) (actual time=0.100..5.000 rows=10 loops=1)
                  Sort Key: a
                  ->  Seq Scan on t  (cost=1.00..2.00 rows=1 width=4) (actual time=0.010..3.000 rows=10 loops=1)
                """;
        PlanDiff d = diff(plan, plan);
        assertThat(d.changes()).isEmpty();
        assertThat(d.matches()).hasSize(2).allSatisfy(m -> assertThat(m.exclusiveTimeDelta())
                .isZero());
    }
}
