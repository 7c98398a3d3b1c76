package io.miglab.core.plan.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanFormat;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.PlanParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanParserTest {

    private static final String PLAIN_JSON =
            """
            [
              {
                "Plan": {
                  "Node Type": "Result",
                  "Parallel Aware": false,
                  "Async Capable": false
                }
              }
            ]
            """;

    @Test
    void readsPsqlBorder2FramesWithContinuationMarks() {
        String input =
                """
                Border style is 2.
                +--------------------------------+
                |           QUERY PLAN           |
                +--------------------------------+
                | [                             +|
                |   {                           +|
                |     "Plan": {                 +|
                |       "Node Type": "Result",  +|
                |       "Parallel Aware": false,+|
                |       "Async Capable": false  +|
                |     }                         +|
                |   }                           +|
                | ]                              |
                +--------------------------------+
                (1 row)
                """;
        assertThat(PlanParser.parse(input)).isEqualTo(PlanParser.parse(PLAIN_JSON));
    }

    @Test
    void readsPsqlExpandedDisplay() {
        String input =
                """
                -[ RECORD 1 ]------------------------------
                QUERY PLAN | [                             +
                           |   {                           +
                           |     "Plan": {                 +
                           |       "Node Type": "Result",  +
                           |       "Parallel Aware": false,+
                           |       "Async Capable": false  +
                           |     }                         +
                           |   }                           +
                           | ]
                """;
        assertThat(PlanParser.parse(input)).isEqualTo(PlanParser.parse(PLAIN_JSON));
    }

    @Test
    void readsJsonWithoutTheArrayOrWithoutTheTopObject() {
        Plan expected = PlanParser.parse(PLAIN_JSON);
        assertThat(PlanParser.parse("{\"Plan\": {\"Node Type\": \"Result\", \"Parallel Aware\": false,"
                        + " \"Async Capable\": false}}"))
                .isEqualTo(expected);
        assertThat(PlanParser.parse("{\"Node Type\": \"Result\", \"Parallel Aware\": false, \"Async Capable\": false}")
                        .root())
                .isEqualTo(expected.root());
    }

    @Test
    void readsWindowsLineEndingsAndAByteOrderMark() {
        assertThat(PlanParser.parse("\uFEFF" + PLAIN_JSON.replace("\n", "\r\n")))
                .isEqualTo(PlanParser.parse(PLAIN_JSON));
    }

    @Test
    void readsTextInsidePsqlBorder2Frames() {
        String input =
                """
                +---------------------------------------------------------+
                |                       QUERY PLAN                        |
                +---------------------------------------------------------+
                | Index Scan using pg_class_relname_nsp_index on pg_class |
                |   Index Cond: (relname = 'x'::name)                     |
                +---------------------------------------------------------+
                (2 rows)
                """;
        Plan plan = PlanParser.parse(input);
        assertThat(plan.format()).isEqualTo(PlanFormat.TEXT);
        assertThat(plan.root().nodeType()).isEqualTo("Index Scan");
        assertThat(plan.root().text(PlanFields.INDEX_NAME)).isEqualTo("pg_class_relname_nsp_index");
        assertThat(plan.root().text("Index Cond")).isEqualTo("(relname = 'x'::name)");
    }

    @Test
    void joinsLinesCutByPsqlWrappedFormat() {
        String input =
                """
                                         QUERY PLAN
                ------------------------------------------------------------
                 Nested Loop  (cost=0.27..9.38 rows=1 width=382)
                   Join Filter: (c.relnamespace = n.oid)
                   ->  Index Scan using pg_class_relname_nsp_index on pg_cl.
                .ass c  (cost=0.27..8.29 rows=1 width=265)
                         Index Cond: (relname = 'x'::name)
                   ->  Seq Scan on pg_namespace n  (cost=0.00..1.04 rows=4 .
                .width=117)
                (5 rows)
                """;
        Plan plan = PlanParser.parse(input);
        PlanNode index = plan.root().children().get(0);
        assertThat(index.text(PlanFields.RELATION_NAME)).isEqualTo("pg_class");
        assertThat(index.text(PlanFields.ALIAS)).isEqualTo("c");
        assertThat(index.number(PlanFields.TOTAL_COST)).isEqualTo(8.29);
        assertThat(plan.root().children().get(1).number(PlanFields.PLAN_WIDTH)).isEqualTo(117.0);
        assertThat(plan.root().children().get(1).parentRelationship()).isEqualTo("Inner");
    }

    @Test
    void joinsLinesWrappedByAMailClientOntoTheLineBefore() {
        String input =
                """
                Seq Scan on orders  (cost=0.00..5764.00 rows=600 width=24) (actual time=0.010..19.990
                rows=600 loops=1)
                  Filter: (status = 'lost'::text)
                  Rows Removed by Filter: 299400
                """;
        PlanNode root = PlanParser.parse(input).root();
        assertThat(root.number(PlanFields.ACTUAL_ROWS)).isEqualTo(600.0);
        assertThat(root.number(PlanFields.ROWS_REMOVED_BY_FILTER)).isEqualTo(299400.0);
    }

    @Test
    void readsLabelsWorkersBuffersAndIoTimings() {
        String input =
                """
                Gather  (cost=1000.00..2000.00 rows=10 width=4) (actual time=1.000..10.000 rows=10 loops=1)
                  Workers Planned: 2
                  Workers Launched: 2
                  Buffers: shared hit=10 read=5 dirtied=1 written=2, temp read=3 written=4
                  I/O Timings: shared/local read=1.500 write=0.250
                  InitPlan 1 (returns $0)
                    ->  Result  (cost=0.00..0.01 rows=1 width=4) (actual time=0.001..0.001 rows=1 loops=1)
                  ->  Parallel Seq Scan on public.t x  (cost=0.00..900.00 rows=4 width=4) (actual time=0.100..5.000 rows=3 loops=3)
                        Filter: (a > $0)
                        Worker 0:  actual time=0.200..6.000 rows=4 loops=1
                          Buffers: shared hit=3
                        Worker 1:  actual time=0.300..4.000 rows=2 loops=1
                Planning:
                  Buffers: shared hit=7
                Planning Time: 0.123 ms
                Execution Time: 10.500 ms
                """;
        Plan plan = PlanParser.parse(input);
        PlanNode gather = plan.root();
        assertThat(gather.number("Shared Read Blocks")).isEqualTo(5.0);
        assertThat(gather.number("Temp Written Blocks")).isEqualTo(4.0);
        assertThat(gather.number("I/O Read Time")).isEqualTo(1.5);
        PlanNode init = gather.children().get(0);
        assertThat(init.parentRelationship()).isEqualTo("InitPlan");
        assertThat(init.subplanName()).isEqualTo("InitPlan 1 (returns $0)");
        PlanNode scan = gather.children().get(1);
        assertThat(scan.parentRelationship()).isEqualTo("Outer");
        assertThat(scan.text(PlanFields.SCHEMA)).isEqualTo("public");
        assertThat(scan.text(PlanFields.ALIAS)).isEqualTo("x");
        assertThat(scan.field(PlanFields.WORKERS).orElseThrow()).hasSize(2);
        assertThat(scan.field(PlanFields.WORKERS)
                        .orElseThrow()
                        .get(0)
                        .get("Shared Hit Blocks")
                        .asInt())
                .isEqualTo(3);
        assertThat(plan.summary().get("Planning").get("Shared Hit Blocks").asInt())
                .isEqualTo(7);
        assertThat(plan.planningTime()).isEqualTo(0.123);
        assertThat(plan.executionTime()).isEqualTo(10.5);
    }

    @Test
    void readsNodeNamesIntoPostgresFields() {
        String input =
                """
                Hash Right Anti Join  (cost=1.00..2.00 rows=1 width=4)
                  ->  Finalize HashAggregate  (cost=1.00..2.00 rows=1 width=4)
                        ->  Index Only Scan Backward using "My Index" on "Odd Table" "a b"  (cost=0.1..1 rows=1 width=4)
                  ->  Hash  (cost=1.00..2.00 rows=1 width=4)
                        ->  Update on t  (cost=0.00..1.00 rows=1 width=4)
                              ->  CTE Scan on c c_1  (never executed)
                """;
        List<PlanNode> nodes = PlanParser.parse(input).nodes();
        assertThat(nodes.get(0).nodeType()).isEqualTo("Hash Join");
        assertThat(nodes.get(0).text(PlanFields.JOIN_TYPE)).isEqualTo("Right Anti");
        assertThat(nodes.get(1).nodeType()).isEqualTo("Aggregate");
        assertThat(nodes.get(1).text(PlanFields.STRATEGY)).isEqualTo("Hashed");
        assertThat(nodes.get(1).text(PlanFields.PARTIAL_MODE)).isEqualTo("Finalize");
        assertThat(nodes.get(2).text(PlanFields.INDEX_NAME)).isEqualTo("My Index");
        assertThat(nodes.get(2).text(PlanFields.RELATION_NAME)).isEqualTo("Odd Table");
        assertThat(nodes.get(2).text(PlanFields.ALIAS)).isEqualTo("a b");
        assertThat(nodes.get(2).text(PlanFields.SCAN_DIRECTION)).isEqualTo("Backward");
        assertThat(nodes.get(4).nodeType()).isEqualTo("ModifyTable");
        assertThat(nodes.get(4).text(PlanFields.OPERATION)).isEqualTo("Update");
        assertThat(nodes.get(5).text(PlanFields.CTE_NAME)).isEqualTo("c");
        assertThat(nodes.get(5).number(PlanFields.ACTUAL_LOOPS)).isZero();
    }

    @Test
    void namesTheLineAndColumnOfBrokenJson() {
        String input =
                """
                [
                  {
                    "Plan": {
                      "Node Type": "Result",
                      "Actual Rows": 1
                      "Actual Loops": 1
                    }
                  }
                ]
                """;
        assertThatThrownBy(() -> PlanParser.parse(input))
                .isInstanceOf(PlanParseException.class)
                .hasMessageStartingWith("Cannot read the plan at line 6, column 7: invalid JSON")
                .satisfies(e -> assertThat(((PlanParseException) e).line()).isEqualTo(6));
    }

    @Test
    void namesTheLineOfAFieldWithTheWrongTypeInPsqlOutput() {
        String input =
                """
                                 QUERY PLAN
                ------------------------------------------
                 [                                       +
                   {                                     +
                     "Plan": {                           +
                       "Node Type": "Result",            +
                       "Actual Loops": "one"             +
                     }                                   +
                   }                                     +
                 ]
                (1 row)
                """;
        assertThatThrownBy(() -> PlanParser.parse(input))
                .isInstanceOf(PlanParseException.class)
                .hasMessage("Cannot read the plan at line 7, column 24: expected \"Actual Loops\" to be a number,"
                        + " found the string \"one\"");
    }

    @Test
    void saysWhatIsMissingFromAJsonPlanNode() {
        assertThatThrownBy(() -> PlanParser.parse("[{\"Plan\": {\"Plans\": []}}]"))
                .isInstanceOf(PlanParseException.class)
                .hasMessageContaining("line 1, column 11: expected a \"Node Type\" field");
        assertThatThrownBy(() -> PlanParser.parse("[{\"Plan\": {\"Node Type\": \"Sort\", \"Plans\": [1]}}]"))
                .hasMessageContaining("expected each entry of \"Plans\" to be a plan node object");
        assertThatThrownBy(() -> PlanParser.parse("[]")).hasMessageContaining("found an empty array");
        assertThatThrownBy(() -> PlanParser.parse("[{\"Plan\": {\"Node Type\": \"Result\"}}] [1]"))
                .hasMessageContaining("more JSON after it");
    }

    @Test
    void namesTheLineAndColumnOfBrokenTextFigures() {
        String input =
                """
                Sort  (cost=1.00..2.00 rows=10 width=4)
                  Sort Key: a
                  ->  Seq Scan on t  (cost=0.00..1.00 rows=ten width=4)
                """;
        assertThatThrownBy(() -> PlanParser.parse(input))
                .isInstanceOf(PlanParseException.class)
                .hasMessage("Cannot read the plan at line 3, column 22: expected \"(cost=STARTUP..TOTAL rows=N"
                        + " width=N)\"");
    }

    @Test
    void rejectsTextThatIsNotAPlan() {
        assertThatThrownBy(() -> PlanParser.parse("hello world\nthis is not a plan"))
                .isInstanceOf(PlanParseException.class)
                .hasMessageStartingWith("Cannot read the plan at line 1: expected a plan node");
        assertThatThrownBy(() -> PlanParser.parse("Seq Scan on t\n->  Sort"))
                .hasMessageContaining("line 2, column 1: expected this node to be indented under a parent node");
        assertThatThrownBy(() -> PlanParser.parse("Seq Scan on t\n  Buffers: shared hit=x"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("expected a number, found \"x\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n", "                 QUERY PLAN\n-----------\n(0 rows)\n"})
    void rejectsEmptyInput(String input) {
        assertThatThrownBy(() -> PlanParser.parse(input))
                .isInstanceOf(PlanParseException.class)
                .hasMessage("Cannot read the plan: the plan is empty; expected EXPLAIN output in JSON or TEXT format");
    }

    @Test
    void rejectsXmlAndYamlFormatsByName() {
        assertThatThrownBy(() -> PlanParser.parse("<explain xmlns=\"http://www.postgresql.org/2009/explain\">"))
                .hasMessageContaining("FORMAT XML");
        assertThatThrownBy(() -> PlanParser.parse("- Plan: \n    Node Type: \"Result\""))
                .hasMessageContaining("FORMAT YAML");
    }

    @Test
    void rejectsAbsurdlyDeepPlansInsteadOfOverflowingTheStack() {
        StringBuilder text = new StringBuilder("Result\n");
        for (int i = 1; i < 2000; i++) {
            text.append("      ".repeat(i)).append("->  Result\n");
        }
        assertThatThrownBy(() -> PlanParser.parse(text.toString()))
                .isInstanceOf(PlanParseException.class)
                .hasMessageContaining("nested deeper than");
        String json = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> PlanParser.parse(json)).isInstanceOf(PlanParseException.class);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "I/O Timings: read=1.500 write=0.250 | I/O Read Time | 1.5",
                "I/O Timings: shared/local read=1.500, temp read=0.300 write=0.400 | Temp I/O Write Time | 0.4",
                "I/O Timings: shared read=1.500 write=0.250, local read=0.100 | Local I/O Read Time | 0.1",
                "I/O Timings: shared read=1.500 write=0.250, local read=0.100 | Shared I/O Write Time | 0.25",
                "Buffers: shared hit=3 read=4 dirtied=5 written=6, local hit=7, temp read=8 written=9 | Local Hit Blocks | 7",
                "Batches: 5  Memory Usage: 4145kB  Disk Usage: 11304kB | HashAgg Batches | 5",
                "Batches: 5  Memory Usage: 4145kB  Disk Usage: 11304kB | Disk Usage | 11304",
                "Sort Method: external merge  Disk: 2560kB | Sort Space Used | 2560",
                "WAL: records=5 fpi=1 bytes=500 | WAL Bytes | 500",
                "Heap Blocks: exact=12 lossy=3 | Lossy Heap Blocks | 3",
                "Heap Fetches: 42 | Heap Fetches | 42"
            })
    void readsTheTextSpellingsOfEachServerVersion(String line, String field, double value) {
        Plan plan = PlanParser.parse(
                "Aggregate  (cost=1.00..2.00 rows=1 width=4) (actual time=0.1..0.2 rows=1 loops=1)\n  " + line + "\n");
        assertThat(plan.root().number(field)).isEqualTo(value);
    }

    @Test
    void readsHashBatchesWithTheirOriginalsAndTopLevelTriggersAndSettings() {
        Plan plan = PlanParser.parse(
                """
                Hash  (cost=1.00..2.00 rows=1 width=4) (actual time=0.1..0.2 rows=1 loops=1)
                  Buckets: 65536 (originally 1024)  Batches: 4 (originally 1)  Memory Usage: 3073kB
                Settings: work_mem = '64kB', max_parallel_workers_per_gather = '0'
                Trigger for constraint rental_customer_id_fkey: time=0.512 calls=10
                Execution Time: 1.000 ms
                """);
        PlanNode hash = plan.root();
        assertThat(hash.number(PlanFields.HASH_BATCHES)).isEqualTo(4.0);
        assertThat(hash.number(PlanFields.ORIGINAL_HASH_BATCHES)).isEqualTo(1.0);
        assertThat(hash.number(PlanFields.ORIGINAL_HASH_BUCKETS)).isEqualTo(1024.0);
        assertThat(hash.number(PlanFields.PEAK_MEMORY_USAGE)).isEqualTo(3073.0);
        assertThat(plan.summary().at("/Settings/work_mem").asText()).isEqualTo("64kB");
        assertThat(plan.summary().at("/Triggers/0/Trigger Name").asText())
                .isEqualTo("for constraint rental_customer_id_fkey");
        assertThat(plan.summary().at("/Triggers/0/Calls").asInt()).isEqualTo(10);
    }

    @Test
    void readsTheQueryTextAutoExplainWritesAboveThePlan() {
        String text =
                """
                Query Text: select *
                  from orders where status = 'lost'
                Seq Scan on orders  (cost=0.00..5764.00 rows=600 width=24) (actual time=0.010..19.990 rows=600 loops=1)
                  Filter: (status = 'lost'::text)
                """;
        Plan plan = PlanParser.parse(text);
        assertThat(plan.summary().get("Query Text").asText()).isEqualTo("select * from orders where status = 'lost'");
        assertThat(plan.root().nodeType()).isEqualTo("Seq Scan");
        String json = "{\"Query Text\": \"select 1\", \"Plan\": {\"Node Type\": \"Result\"}}";
        assertThat(PlanParser.parse(json).summary().get("Query Text").asText()).isEqualTo("select 1");
    }
}
