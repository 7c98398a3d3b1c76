package io.miglab.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.analysis.PlanFindings;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.plan.render.PlanJsonWriter;
import io.miglab.core.plan.render.PlanTextRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Walks every golden case ({@code CASE.plan.json}, {@code CASE.plan.txt}, {@code CASE.expected.json}, and
 * {@code CASE.indexes.json} when the plan uses indexes) captured from real PostgreSQL by {@link FixtureCapture}.
 *
 * <p>Run with {@code -Dmiglab.updateGoldens=true} to rewrite the expected files in src/test/resources from what the
 * code computes now. That run always fails, listing the files it rewrote, so it can never pass silently (a CI run
 * with the property set is red); review the diff, then run without it. The figures that keep the golden files honest
 * are derived by hand in {@link PlanFiguresByHandTest}.
 */
class PlanFixturesTest {
    private static final boolean UPDATE = GoldenFiles.updating();
    private static final List<String> KINDS = List.of("plan.json", "plan.txt", "expected.json", "indexes.json");

    @Test
    void everyFixtureMatchesItsExpectedAnalysis() throws IOException {
        Map<String, List<String>> cases = new TreeMap<>();
        for (Path p : PlanFixtures.files()) {
            String name = p.getFileName().toString();
            String kind = name.substring(name.indexOf('.') + 1);
            cases.computeIfAbsent(PlanFixtures.caseName(p), k -> new ArrayList<>())
                    .add(kind);
        }
        assertThat(cases).as("fixture cases").hasSizeGreaterThanOrEqualTo(20);
        List<String> failures = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        for (var entry : cases.entrySet()) {
            String name = entry.getKey();
            List<String> kinds = entry.getValue();
            if (!kinds.containsAll(List.of("plan.json", "plan.txt")) || !KINDS.containsAll(kinds)) {
                failures.add(name + ": expected plan.json, plan.txt, expected.json (and indexes.json when the plan"
                        + " uses indexes), found " + kinds);
                continue;
            }
            Path dir = PlanFixtures.root().resolve(name).getParent();
            String base = Path.of(name).getFileName().toString();
            IndexCatalog indexes = PlanFixtures.indexes(dir, base);
            ObjectNode actual = JsonNodeFactory.instance.objectNode();
            actual.set("fromJson", derived(PlanFixtures.read(dir.resolve(base + ".plan.json")), indexes));
            actual.set("fromText", derived(PlanFixtures.read(dir.resolve(base + ".plan.txt")), indexes));
            assertIdempotent(dir.resolve(base + ".plan.json"), indexes);
            assertIdempotent(dir.resolve(base + ".plan.txt"), indexes);
            String text = PlanJsonWriter.toText(actual);
            if (UPDATE) {
                if (GoldenFiles.rewrite(PlanFixtures.sourceDir().resolve(name + ".expected.json"), text)) {
                    rewritten.add(PlanFixtures.SOURCE_DIR + "/" + name + ".expected.json");
                }
                continue;
            }
            if (!kinds.contains("expected.json")) {
                failures.add(name + ": no expected.json (unmatched pair); run with -D" + GoldenFiles.UPDATE_PROPERTY
                        + "=true");
                continue;
            }
            String expected = PlanFixtures.read(dir.resolve(base + ".expected.json"));
            if (!expected.equals(text)) {
                failures.add(name + ": analysis differs from expected.json:\n" + text);
            }
        }
        if (UPDATE) {
            failures.add(GoldenFiles.updateRunFailure(rewritten));
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static JsonNode derived(String text, IndexCatalog indexes) {
        Plan plan = PlanParser.parse(text);
        PlanAnalysis analysis = PlanAnalyzer.analyze(plan);
        return PlanJsonWriter.analysisAndFindings(plan, analysis, PlanFindings.find(plan, analysis, indexes));
    }

    /**
     * Reading the plan, writing it as EXPLAIN JSON and reading that again gives the same plan, the same analysis and
     * the same rendering; analysing twice gives the same result.
     */
    private static void assertIdempotent(Path p, IndexCatalog indexes) {
        Plan plan = PlanParser.parse(PlanFixtures.read(p));
        String once = plan.toExplainJson().toString();
        Plan again = PlanParser.parse(once);
        assertThat(again.root()).as(p.toString()).isEqualTo(plan.root());
        assertThat(again.summary()).as(p.toString()).isEqualTo(plan.summary());
        assertThat(again.toExplainJson().toString()).isEqualTo(once);
        PlanAnalysis a1 = PlanAnalyzer.analyze(plan);
        PlanAnalysis a2 = PlanAnalyzer.analyze(again);
        assertThat(a2).as(p.toString()).isEqualTo(a1);
        assertThat(PlanAnalyzer.analyze(plan)).isEqualTo(a1);
        assertThat(derived(PlanFixtures.read(p), indexes)).isEqualTo(derived(PlanFixtures.read(p), indexes));
        var findings = PlanFindings.find(plan, a1, indexes);
        assertThat(PlanTextRenderer.render(again, a2, PlanFindings.find(again, a2, indexes)))
                .isEqualTo(PlanTextRenderer.render(plan, a1, findings));
    }

    @Test
    void exclusiveTimesAddUpToTheRootWithinOnePercent() {
        int timed = 0;
        for (Path p : PlanFixtures.planFiles()) {
            Plan plan = PlanParser.parse(PlanFixtures.read(p));
            PlanAnalysis a = PlanAnalyzer.analyze(plan);
            if (!a.timed()) {
                continue;
            }
            timed++;
            assertThat(a.exclusiveTimeSum())
                    .as("sum of exclusive times of %s (root %.3f ms)", p, a.rootTime())
                    .isCloseTo(a.rootTime(), org.assertj.core.data.Offset.offset(Math.max(0.01, a.rootTime() * 0.01)));
        }
        assertThat(timed).isGreaterThan(30);
    }

    @Test
    void exclusiveSharedBuffersAddUpToTheRootsBuffers() {
        int checked = 0;
        for (Path p : PlanFixtures.planFiles()) {
            Plan plan = PlanParser.parse(PlanFixtures.read(p));
            Double root = plan.root().number("Shared Hit Blocks");
            if (root == null) {
                continue;
            }
            checked++;
            PlanAnalysis a = PlanAnalyzer.analyze(plan);
            double sum = a.all().stream()
                    .mapToDouble(m -> m.exclusiveCounters().getOrDefault("Shared Hit Blocks", 0.0))
                    .sum();
            assertThat(sum)
                    .as("exclusive shared hits of %s", p)
                    .isCloseTo(root, org.assertj.core.data.Offset.offset(0.5));
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void textAndJsonFormsOfEachCaseGiveTheSameTree() {
        for (Path p : PlanFixtures.planFiles()) {
            if (!p.toString().endsWith(".plan.json")) {
                continue;
            }
            Path txt = p.resolveSibling(p.getFileName().toString().replace(".plan.json", ".plan.txt"));
            Plan json = PlanParser.parse(PlanFixtures.read(p));
            Plan text = PlanParser.parse(PlanFixtures.read(txt));
            assertThat(shape(text)).as(txt.toString()).isEqualTo(shape(json));
        }
    }

    /** What both formats must agree on, node by node. */
    private static List<String> shape(Plan plan) {
        List<String> out = new ArrayList<>();
        for (PlanNode n : plan.nodes()) {
            out.add(n.id() + " " + n.nodeType() + " | " + n.parentRelationship() + " | " + n.subplanName() + " | "
                    + n.text(PlanFields.JOIN_TYPE) + " | " + n.text(PlanFields.RELATION_NAME) + " | "
                    + n.text(PlanFields.ALIAS) + " | " + n.text(PlanFields.INDEX_NAME) + " | "
                    + n.text(PlanFields.CTE_NAME) + " | " + n.text(PlanFields.STRATEGY) + " | "
                    + n.has(PlanFields.HASH_BATCHES) + " | " + n.text(PlanFields.SORT_SPACE_TYPE) + " | "
                    + (n.number(PlanFields.ROWS_REMOVED_BY_FILTER, 0) > 0) + " | "
                    + (n.number(PlanFields.HEAP_FETCHES, 0) > 0) + " | "
                    + (n.number("Shared Hit Blocks", 0) > 0) + " | " + n.has(PlanFields.ACTUAL_LOOPS) + " | "
                    + n.has(PlanFields.WORKERS_LAUNCHED));
        }
        return out;
    }
}
