package io.miglab.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.plan.ExplainRequest;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report of a baseline, an EXPLAIN capture, an A/B test and a comparison of two baselines, all recorded on the
 * machine's PostgreSQL through the workspace's services, rendered in every format.
 */
@Tag("postgres")
@NeedsMachinePostgres
class ReportServiceTest {
    private static final String INDEX = "CREATE INDEX IF NOT EXISTS report_items_k ON items (k)";
    private static final String NO_INDEX = "DROP INDEX IF EXISTS report_items_k";
    private static final BaselineOptions QUICK =
            BaselineOptions.defaults().withWarmup(1).withIterations(12).withStatStatements(false);

    @TempDir
    static Path home;

    @TempDir
    Path out;

    static ScratchDatabase scratch;
    static Workspace workspace;
    static long baseline;
    static long baselineWithIndex;
    static long explain;
    static long ab;

    @BeforeAll
    static void record() {
        scratch = ScratchDatabase.create("report");
        scratch.execute(
                "CREATE TABLE items (k int, payload text)",
                "INSERT INTO items SELECT g % 20000, md5(g::text) FROM generate_series(1, 200000) g",
                "ANALYZE items");
        workspace = Workspace.open(new MigLabHome(home), Map.of());
        workspace
                .targets()
                .add(
                        "src",
                        new ConnectionSpec(
                                ScratchDatabase.HOST,
                                ScratchDatabase.PORT,
                                scratch.name(),
                                ScratchDatabase.USER,
                                "disable",
                                Map.of()),
                        TargetRole.LAB);
        baseline = runBaseline();
        scratch.execute(INDEX, "ANALYZE items");
        baselineWithIndex = runBaseline();
        scratch.execute(NO_INDEX);
        explain = workspace
                .explains()
                .capture(
                        ExplainRequest.of(
                                "src", null, "SELECT payload FROM items WHERE k = 7", true, Duration.ofSeconds(30)),
                        Cancellation.none())
                .experimentId();
        ab = workspace
                .abTests()
                .run(
                        new AbRequest(
                                "src",
                                null,
                                new BaselineRequest.WorkloadSource.Given(lookup()),
                                AbRequest.AbSide.of("no index", NO_INDEX),
                                AbRequest.AbSide.of("index on k", INDEX),
                                4,
                                QUICK,
                                null),
                        ProgressListener.NONE,
                        Cancellation.none())
                .experimentId();
    }

    @AfterAll
    static void close() {
        if (workspace != null) {
            workspace.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    static Workload lookup() {
        return Workload.parse(
                "lookup.sql",
                """
                -- name: by_k
                -- params: 7
                -- params: 1234
                SELECT payload FROM items WHERE k = ?
                -- name: one
                SELECT 1
                """);
    }

    static long runBaseline() {
        return workspace
                .baselines()
                .run(
                        new BaselineRequest("src", null, new BaselineRequest.WorkloadSource.Given(lookup()), QUICK),
                        ProgressListener.NONE,
                        s -> {},
                        Cancellation.none())
                .experimentId();
    }

    private static Report report() {
        MigrationGoals goals =
                new MigrationGoals(null, null, null, null, null, null, null, 10_000.0, Map.of("by_k", 0.001), null);
        return workspace
                .reports()
                .build(new ReportRequest(
                        List.of(baseline, explain, ab),
                        List.of(new ReportRequest.Comparison(baseline, baselineWithIndex)),
                        null,
                        goals));
    }

    @Test
    void eachKindIsReadThroughItsRecorderIntoItsOwnSection() {
        Report report = report();

        assertThat(report.title())
                .isEqualTo("Report of experiments " + baseline + ", " + explain + ", " + ab + ", " + baselineWithIndex);
        assertThat(report.summary()).startsWith("4 experiments: 2 baseline, 1 explain, 1 ab; 1 comparison.");
        assertThat(report.summary()).contains("Goal checks: 1 passed, 1 failed.");
        assertThat(report.environment().target()).isEqualTo("src");
        assertThat(report.environment().serverVersion()).isNotBlank();
        assertThat(report.sections())
                .extracting(ReportSection::kind)
                .containsExactly("baseline", "explain", "ab", "comparison");

        ReportSection b = report.sections().get(0);
        Table latency = b.tables().get(0);
        assertThat(latency.name()).isEqualTo("e" + baseline + "-latency");
        assertThat(latency.rows()).extracting(r -> r.get(0)).containsExactly("by_k", "one");
        assertThat(latency.rows().get(0).get(1)).isEqualTo("12");
        assertThat(latency.rows().get(0).get(5)).matches("[0-9.]+ to [0-9.]+ ms");
        assertThat(b.goalChecks())
                .extracting(GoalCheck::subject, GoalCheck::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("by_k", false),
                        org.assertj.core.groups.Tuple.tuple("one", true));
        assertThat(b.charts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Chart.Kind.BARS_WITH_INTERVALS);
            Chart.Point p50 = c.series().get(0).points().get(0);
            assertThat(p50.low()).isLessThanOrEqualTo(p50.y());
            assertThat(p50.high()).isGreaterThanOrEqualTo(p50.y());
        });
        assertThat(b.artifacts())
                .extracting(ReportArtifact::name)
                .containsExactlyInAnyOrder("e" + baseline + "-latencies.csv", "e" + baseline + "-baseline.json");

        ReportSection x = report.sections().get(1);
        assertThat(x.code()).singleElement().satisfies(c -> assertThat(c.text())
                .isEqualTo("SELECT payload FROM items WHERE k = 7"));
        assertThat(x.paragraphs())
                .anySatisfy(p -> assertThat(p).startsWith("Total cost ").contains("execution time"));
        assertThat(x.tables().get(0).rows().get(0).get(1)).contains("Seq Scan on items");
        assertThat(x.artifacts()).extracting(ReportArtifact::name).contains("e" + explain + "-plan.json");

        ReportSection a = report.sections().get(2);
        Table comparison = a.tables().get(0);
        assertThat(comparison.rows().get(0).get(0)).isEqualTo("by_k");
        assertThat(comparison.rows().get(0).get(7)).isEqualTo("faster");
        assertThat(a.charts()).singleElement().satisfies(c -> assertThat(c.series())
                .extracting(Chart.Series::name)
                .containsExactly("A: no index", "B: index on k"));

        ReportSection c = report.sections().get(3);
        assertThat(c.heading())
                .isEqualTo("Comparison: experiment " + baselineWithIndex + " against experiment " + baseline);
        assertThat(c.tables().get(0).rows()).extracting(r -> r.get(0)).containsExactly("by_k", "one");
        assertThat(c.tables().get(0).rows()).extracting(r -> r.get(7)).containsOnly("insufficient data");
    }

    @Test
    void theReportRendersInEveryFormatWithValidAdfAndTheSameTextTwice() throws Exception {
        Report report = report();
        ChartRenderer charts = new ChartRenderer(640, 360);
        for (ReportFormat f : List.of(ReportFormat.MD, ReportFormat.JIRA, ReportFormat.ADF, ReportFormat.HTML)) {
            String text = f.renderer(charts).render(report);
            // Markdown and wiki escape the underscore; ADF and HTML hold it as it is.
            boolean escapes = f == ReportFormat.MD || f == ReportFormat.JIRA;
            assertThat(text)
                    .as(f.id())
                    .contains(escapes ? "by\\_k" : "by_k")
                    .isEqualTo(f.renderer(charts).render(report));
            if (f == ReportFormat.ADF) {
                JsonNode doc = Json.mapper().readTree(text);
                assertThat(AdfSchema.validate(doc)).isEmpty();
            }
            if (f == ReportFormat.HTML) {
                // The baseline's and the A/B test's; 12 executions are too few for the comparison's verdict.
                assertThat(report.charts()).hasSize(2);
                assertThat(HtmlRendererTest.parse(text)
                                .getElementsByTagName("img")
                                .getLength())
                        .isEqualTo(2);
            }
        }
        assertThat(new CsvRenderer().render(report)).containsKeys("table-e" + baseline + "-latency.csv");

        new ReportBundle(charts).writeFolder(report, out);
        String keep = System.getProperty("miglab.test.reportDir");
        if (keep != null) {
            // To look at a real report: -Dmiglab.test.reportDir=/tmp/report
            new ReportBundle(charts).writeFolder(report, Path.of(keep));
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains(
                            "04-report.html",
                            "10-e" + baseline + "-latency.png",
                            "10-e" + ab + "-latency.png",
                            "30-e" + explain + "-plan.json",
                            "manifest.json");
        }
    }

    @Test
    void anUnknownExperimentIsRefusedNamingIt() {
        assertThatThrownBy(() -> workspace.reports().build(ReportRequest.of(List.of(baseline, 999_999L))))
                .isInstanceOf(MigLabException.class)
                .hasMessage("There is no experiment 999999 in the ledger.");
        assertThatThrownBy(() -> ReportRequest.of(List.of()))
                .isInstanceOf(MigLabException.class)
                .hasMessage("A report needs at least one experiment id.");
    }
}
