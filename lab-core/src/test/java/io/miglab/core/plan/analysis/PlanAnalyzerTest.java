package io.miglab.core.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.miglab.core.plan.Plan;
import io.miglab.core.plan.parse.PlanParser;
import org.junit.jupiter.api.Test;

class PlanAnalyzerTest {

    private static PlanAnalysis analyze(String text) {
        return PlanAnalyzer.analyze(PlanParser.parse(text));
    }

    @Test
    void exclusiveTimeIsTotalMinusChildrenAndTimesLoops() {
        PlanAnalysis a = analyze(
                """
                Nested Loop  (cost=0.29..100.00 rows=10 width=8) (actual time=0.050..12.000 rows=100 loops=1)
                  ->  Seq Scan on a  (cost=0.00..10.00 rows=10 width=4) (actual time=0.010..2.000 rows=100 loops=1)
                  ->  Index Scan using b_pkey on b  (cost=0.29..0.50 rows=1 width=4) (actual time=0.005..0.080 rows=1 loops=100)
                """);
        assertThat(a.metrics(3).inclusiveTime()).isCloseTo(8.0, within(1e-9));
        assertThat(a.metrics(1).exclusiveTime()).isCloseTo(12.0 - 2.0 - 8.0, within(1e-9));
        assertThat(a.metrics(3).revisedRows()).isEqualTo(100.0);
        assertThat(a.exclusiveTimeSum()).isCloseTo(a.rootTime(), within(1e-9));
    }

    @Test
    void timeOfParallelNodesIsDividedByWorkersLaunchedPlusOne() {
        PlanAnalysis a = analyze(
                """
                Gather  (cost=0.00..10.00 rows=10 width=4) (actual time=0.5..30.000 rows=300 loops=1)
                  Workers Planned: 4
                  Workers Launched: 2
                  ->  Parallel Seq Scan on t  (cost=0.00..9.00 rows=4 width=4) (actual time=0.01..25.000 rows=100 loops=3)
                """);
        assertThat(a.metrics(2).workers()).isEqualTo(2);
        assertThat(a.metrics(2).inclusiveTime()).isCloseTo(25.0, within(1e-9));
        assertThat(a.metrics(2).revisedRows()).isEqualTo(300.0);
        assertThat(a.metrics(1).exclusiveTime()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void exclusiveTimeChargesAnInitPlanToTheNodeThatEvaluatesIt() {
        PlanAnalysis a = analyze(
                """
                Sort  (cost=1.00..2.00 rows=1 width=4) (actual time=19.779..19.781 rows=0 loops=1)
                  Sort Key: u.x
                  Buffers: shared hit=1672
                  InitPlan 1 (returns $0)
                    ->  Aggregate  (cost=1.00..2.00 rows=1 width=4) (actual time=19.671..19.672 rows=1 loops=1)
                          Buffers: shared hit=1667
                          ->  Seq Scan on t  (cost=1.00..2.00 rows=1 width=4) (actual time=0.005..10.568 rows=200000 loops=1)
                                Buffers: shared hit=1667
                  ->  Seq Scan on u  (cost=1.00..2.00 rows=1 width=4) (actual time=19.773..19.773 rows=0 loops=1)
                        Filter: ((x)::numeric > $0)
                        Rows Removed by Filter: 1000
                        Buffers: shared hit=1672
                """);
        assertThat(a.metrics(1).exclusiveTime()).isCloseTo(0.008, within(1e-9));
        assertThat(a.metrics(4).exclusiveTime()).isCloseTo(19.773 - 19.672, within(1e-9));
        assertThat(a.metrics(4).exclusiveCounters()).containsEntry("Shared Hit Blocks", 5.0);
        assertThat(a.metrics(1).exclusiveCounters()).containsEntry("Shared Hit Blocks", 0.0);
        assertThat(a.exclusiveTimeSum()).isCloseTo(a.rootTime(), within(1e-9));
    }

    @Test
    void exclusiveTimeOfAResultIncludesNoneOfItsInitPlans() {
        PlanAnalysis a = analyze(
                """
                Result  (cost=1.00..2.00 rows=1 width=4) (actual time=17.770..17.773 rows=1 loops=1)
                  InitPlan 1 (returns $0)
                    ->  Aggregate  (cost=1.00..2.00 rows=1 width=4) (actual time=17.762..17.763 rows=1 loops=1)
                          ->  Seq Scan on t  (cost=1.00..2.00 rows=1 width=4) (actual time=0.004..10.454 rows=200000 loops=1)
                """);
        assertThat(a.metrics(1).exclusiveTime()).isCloseTo(0.010, within(1e-9));
        assertThat(a.exclusiveTimeSum()).isCloseTo(a.rootTime(), within(1e-9));
    }

    @Test
    void cteScansGiveUpTheCteTimeInProportionToTheirOwn() {
        PlanAnalysis a = analyze(
                """
                Merge Join  (cost=1.00..2.00 rows=1 width=4) (actual time=8.243..8.501 rows=999 loops=1)
                  Merge Cond: (a.x = b.x)
                  CTE c
                    ->  Seq Scan on t  (cost=1.00..2.00 rows=1 width=4) (actual time=0.006..7.926 rows=999 loops=1)
                  ->  Sort  (cost=1.00..2.00 rows=1 width=4) (actual time=8.109..8.151 rows=999 loops=1)
                        ->  CTE Scan on c a  (cost=1.00..2.00 rows=1 width=4) (actual time=0.060..8.054 rows=999 loops=1)
                  ->  Sort  (cost=1.00..2.00 rows=1 width=4) (actual time=0.126..0.159 rows=999 loops=1)
                        ->  CTE Scan on c b  (cost=1.00..2.00 rows=1 width=4) (actual time=0.002..0.055 rows=999 loops=1)
                """);
        double cte = 7.926;
        assertThat(a.metrics(1).exclusiveTime()).isCloseTo(8.501 - 8.151 - 0.159, within(1e-9));
        assertThat(a.metrics(4).exclusiveTime()).isCloseTo(8.054 - cte * 8.054 / 8.109, within(1e-9));
        assertThat(a.metrics(6).exclusiveTime()).isCloseTo(0.055 - cte * 0.055 / 8.109, within(1e-9));
        assertThat(a.exclusiveTimeSum()).isCloseTo(a.rootTime(), within(1e-9));
    }

    @Test
    void exclusiveTimeIsNeverBelowZero() {
        PlanAnalysis a = analyze(
                """
                Limit  (cost=1.00..2.00 rows=1 width=4) (actual time=0.100..1.000 rows=1 loops=1)
                  ->  Seq Scan on t  (cost=1.00..2.00 rows=1 width=4) (actual time=0.010..1.200 rows=1 loops=1)
                """);
        assertThat(a.metrics(1).exclusiveTime()).isZero();
    }

    @Test
    void roundingOfManyLoopsDoesNotMakeAChildCostMoreThanItsParent() {
        PlanAnalysis a = analyze(
                """
                Index Only Scan using customers_pkey on customers c  (cost=0.29..1424.54 rows=299 width=12) (actual time=0.044..0.856 rows=299 loops=1)
                  SubPlan 1
                    ->  Aggregate  (cost=4.72..4.73 rows=1 width=8) (actual time=0.003..0.003 rows=1 loops=299)
                          ->  Index Only Scan using orders_customer_idx on orders o  (cost=0.42..4.69 rows=15 width=0) (actual time=0.002..0.002 rows=15 loops=299)
                """);
        assertThat(a.metrics(2).inclusiveTime()).isCloseTo(0.897, within(1e-9));
        assertThat(a.metrics(1).exclusiveTime()).isZero();
        assertThat(a.metrics(2).exclusiveTime()).isCloseTo(0.856 - 0.598, within(1e-9));
        assertThat(a.exclusiveTimeSum()).isCloseTo(a.rootTime(), within(1e-9));
    }

    @Test
    void estimateFactorHasItsDirection() {
        PlanAnalysis a = analyze(
                """
                Hash Join  (cost=1.00..2.00 rows=10 width=4) (actual time=0.100..1.000 rows=1000 loops=1)
                  ->  Seq Scan on t  (cost=1.00..2.00 rows=5000 width=4) (actual time=0.010..0.500 rows=50 loops=1)
                  ->  Hash  (cost=1.00..2.00 rows=3 width=4) (actual time=0.010..0.200 rows=0 loops=1)
                        ->  Seq Scan on u  (cost=1.00..2.00 rows=3 width=4) (never executed)
                """);
        assertThat(a.metrics(1).estimateFactor()).isEqualTo(100.0);
        assertThat(a.metrics(1).estimateDirection()).isEqualTo(EstimateDirection.UNDER);
        assertThat(a.metrics(2).estimateFactor()).isEqualTo(100.0);
        assertThat(a.metrics(2).estimateDirection()).isEqualTo(EstimateDirection.OVER);
        assertThat(a.metrics(3).estimateFactor()).isEqualTo(3.0);
        assertThat(a.metrics(4).estimateFactor()).isNull();
        assertThat(a.metrics(4).neverExecuted()).isTrue();
    }

    @Test
    void rowsRemovedByFilterAreRevisedByLoops() {
        PlanAnalysis a = analyze(
                """
                Seq Scan on t  (cost=1.00..2.00 rows=1 width=4) (actual time=0.010..1.200 rows=2 loops=5)
                  Filter: (a = 1)
                  Rows Removed by Filter: 998
                """);
        assertThat(a.metrics(1).rowsRemovedByFilter()).isEqualTo(4990.0);
        assertThat(a.metrics(1).revisedRows()).isEqualTo(10.0);
    }

    @Test
    void plansWithoutAnalyzeGetCostsOnly() {
        Plan plan = PlanParser.parse(
                """
                Sort  (cost=100.00..110.00 rows=1000 width=4)
                  ->  Seq Scan on t  (cost=0.00..60.00 rows=1000 width=4)
                """);
        PlanAnalysis a = PlanAnalyzer.analyze(plan);
        assertThat(a.analyzed()).isFalse();
        assertThat(a.timed()).isFalse();
        assertThat(a.metrics(1).inclusiveTime()).isNull();
        assertThat(a.metrics(1).exclusiveCost()).isEqualTo(50.0);
        assertThat(a.metrics(2).costShare()).isCloseTo(60.0 / 110.0, within(1e-9));
        assertThat(a.metrics(1).loops()).isEqualTo(-1);
    }
}
