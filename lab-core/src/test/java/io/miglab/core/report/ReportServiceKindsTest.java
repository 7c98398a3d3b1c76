package io.miglab.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Json;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import io.miglab.core.migrate.LoadReport;
import io.miglab.core.migrate.LoaderKind;
import io.miglab.core.migrate.LoaderSettings;
import io.miglab.core.migrate.Loaders;
import io.miglab.core.sizing.jobs.JobExperiments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kinds recorded without a server here: a loader matrix, a Job run with its samples, and an unknown kind. */
class ReportServiceKindsTest {
    @TempDir
    Path dir;

    @Test
    void aLoaderMatrixGivesItsLoadersFastestFirstAndAThroughputChart() {
        try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"))) {
            Loaders.Matrix matrix = new Loaders.Matrix(
                    0,
                    List.of(
                            new Loaders.MatrixRow(
                                    LoaderSettings.of(LoaderKind.COPY_BINARY),
                                    List.of(2.0, 2.2),
                                    2.1,
                                    100_000,
                                    12.5,
                                    List.of(2L, 3L),
                                    null),
                            new Loaders.MatrixRow(
                                    LoaderSettings.of(LoaderKind.INSERT_BATCH),
                                    List.of(6.0, 6.4),
                                    6.2,
                                    33_870.968,
                                    4.2,
                                    List.of(4L, 5L),
                                    null)),
                    2.95,
                    2.7,
                    3.2);
            long id;
            try (ExperimentRun run = ledger.begin(Loaders.MATRIX_KIND, "Loader matrix", TargetFingerprint.NONE, null)) {
                run.attachJson("matrix.json", matrix);
                run.measure("best seconds", 2.1, "s");
                run.succeed();
                id = run.id();
            }
            ReportSection s = new ReportService(ledger)
                    .build(ReportRequest.of(List.of(id)))
                    .sections()
                    .get(0);
            Table loaders = s.tables().get(0);
            assertThat(loaders.rows())
                    .extracting(r -> r.get(0))
                    .containsExactly(
                            LoaderSettings.of(LoaderKind.COPY_BINARY).label(),
                            LoaderSettings.of(LoaderKind.INSERT_BATCH).label());
            assertThat(loaders.rows().get(0).get(3)).isEqualTo("100,000");
            assertThat(s.paragraphs()).anySatisfy(p -> assertThat(p).contains("2.950 times", "2.700 to 3.200"));
            assertThat(s.charts()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(Chart.Kind.BARS);
                assertThat(c.series().get(0).points())
                        .extracting(Chart.Point::y)
                        .containsExactly(100_000.0, 33_870.968);
            });
        }
    }

    @Test
    void aLoadRunGivesItsTablesAThroughputBarAndItsProcessSamplesOverTime() {
        try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"))) {
            LoadReport report = new LoadReport(
                    "src",
                    "lab",
                    "copy",
                    "16.4",
                    LoaderSettings.of(LoaderKind.COPY_TEXT),
                    "catalog",
                    List.of(new LoadReport.TableLoad("public.rental", 16_044, 1_220_608, 0.4, 0.1, 0.05, 0.02)),
                    List.of(new LoadReport.PhaseTime("copy", 0.4)),
                    16_044,
                    1_220_608,
                    0.8,
                    null,
                    null);
            Instant start = Instant.parse("2026-12-01T10:00:00Z");
            List<PodSample> samples = List.of(
                    new PodSample(start, "local", "miglab", "client", 800, 200L << 20),
                    new PodSample(start.plusSeconds(1), "local", "miglab", "client", 950, 220L << 20));
            long id;
            try (ExperimentRun run = ledger.begin(Loaders.KIND, "Load", TargetFingerprint.NONE, null)) {
                run.attachJson("load.json", report);
                run.attach(SamplesCsv.ARTIFACT, "text/csv", SamplesCsv.bytes(samples));
                run.measure("rows/s", report.rowsPerSecond(), "rows/s");
                run.succeed();
                id = run.id();
            }
            ReportSection s = new ReportService(ledger)
                    .build(ReportRequest.of(List.of(id)))
                    .sections()
                    .get(0);
            assertThat(s.paragraphs())
                    .anySatisfy(p -> assertThat(p).contains("loaded 16,044 rows", "in 0.800 s: 20,055 rows/s"));
            assertThat(s.tables()).extracting(Table::title).containsExactly("Tables loaded", "Measurements");
            assertThat(s.tables().get(0).rows().get(0)).startsWith("public.rental", "16,044");
            assertThat(s.charts())
                    .extracting(Chart::kind)
                    .containsExactly(Chart.Kind.BARS, Chart.Kind.TIME_SERIES, Chart.Kind.TIME_SERIES);
            assertThat(s.charts().get(0).series().get(0).points())
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.label())
                                .isEqualTo(
                                        LoaderSettings.of(LoaderKind.COPY_TEXT).label());
                        assertThat(p.y()).isEqualTo(20_055.0);
                    });
            assertThat(s.charts().get(1).lines())
                    .as("no limits for local processes")
                    .isEmpty();
        }
    }

    @Test
    void aJobRunChartsCpuAndMemoryWithTheRequestsAndLimitsOfItsManifest() {
        try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"))) {
            List<PodSample> samples = new ArrayList<>();
            Instant start = Instant.parse("2026-12-01T10:00:00Z");
            for (int i = 0; i < 20; i++) {
                samples.add(new PodSample(
                        start.plusSeconds(5L * i), "jobs", "load-abc", "loader", 200 + 30 * i, (300L + 10 * i) << 20));
            }
            String job =
                    """
                    apiVersion: batch/v1
                    kind: Job
                    metadata:
                      name: load
                    spec:
                      template:
                        spec:
                          containers:
                            - name: loader
                              image: loader:1
                              resources:
                                requests: {cpu: 500m, memory: 256Mi}
                                limits: {cpu: "1", memory: 1Gi}
                    """;
            long id;
            try (ExperimentRun run = ledger.begin(
                    JobExperiments.RUN_KIND,
                    "Job load",
                    TargetFingerprint.NONE,
                    Json.mapper().createObjectNode().put("container", "loader").put("job", "load"))) {
                run.attach("job.yaml", "application/yaml", job.getBytes(StandardCharsets.UTF_8));
                run.attach(SamplesCsv.ARTIFACT, "text/csv", SamplesCsv.bytes(samples));
                run.measure("duration", 95, "s");
                run.succeed();
                id = run.id();
            }
            ReportSection s = new ReportService(ledger)
                    .build(new ReportRequest(
                            List.of(id),
                            List.of(),
                            "Job",
                            io.miglab.core.goals.MigrationGoals.none()
                                    .withMigrationWindow(java.time.Duration.ofMinutes(1))))
                    .sections()
                    .get(0);
            assertThat(s.charts()).extracting(Chart::name).containsExactly("e" + id + "-cpu", "e" + id + "-memory");
            Chart cpu = s.charts().get(0);
            assertThat(cpu.kind()).isEqualTo(Chart.Kind.TIME_SERIES);
            assertThat(cpu.series()).singleElement().satisfies(x -> {
                assertThat(x.name()).isEqualTo("load-abc/loader");
                assertThat(x.points()).hasSize(20);
            });
            assertThat(cpu.lines())
                    .containsExactly(new Chart.Line("request 500m", 500), new Chart.Line("limit 1", 1000));
            assertThat(s.charts().get(1).lines())
                    .containsExactly(new Chart.Line("request 256Mi", 256), new Chart.Line("limit 1Gi", 1024));
            assertThat(s.charts().get(1).series().get(0).points().get(0).y()).isEqualTo(300);
            assertThat(s.goalChecks()).singleElement().satisfies(g -> {
                assertThat(g.goal()).isEqualTo("migration window");
                assertThat(g.threshold()).isEqualTo(60);
                assertThat(g.observed()).isEqualTo(95);
                assertThat(g.passed()).isFalse();
            });
            assertThat(s.tables()).extracting(Table::title).containsExactly("Parameters", "Measurements");
        }
    }
}
