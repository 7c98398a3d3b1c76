package io.miglab.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.Measurement;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import io.miglab.core.migrate.LoadReport;
import io.miglab.core.migrate.Loaders;
import io.miglab.core.plan.ExplainService;
import io.miglab.core.plan.Explained;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.analysis.NodeMetrics;
import io.miglab.core.plan.capture.PlanRecorder;
import io.miglab.core.report.Chart.Kind;
import io.miglab.core.report.Chart.Point;
import io.miglab.core.report.Chart.Series;
import io.miglab.core.report.ReportSection.CodeBlock;
import io.miglab.core.report.Table.Column;
import io.miglab.core.sizing.ManifestPatcher;
import io.miglab.core.sizing.Resources;
import io.miglab.core.sizing.jobs.JobExperiments;
import io.miglab.core.workload.AbRecorder;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.AbService;
import io.miglab.core.workload.BaselineRecorder;
import io.miglab.core.workload.BaselineResult;
import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.LatencySamples;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.StatementResult;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds a {@link Report} from experiments in the ledger, reading each kind through the code that recorded it
 * (baselines through {@link BaselineRecorder}, captures through {@link ExplainService#open}, A/B tests through
 * {@link AbService#open}), so no file is parsed twice in two ways. Every string of the result has been through
 * {@link Redaction}: a report never holds a password or a token.
 */
public final class ReportService {
    private static final int TOP_NODES = 5;

    private final Ledger ledger;

    public ReportService(Ledger ledger) {
        this.ledger = ledger;
    }

    public Report build(ReportRequest request) {
        List<Experiment> experiments = new ArrayList<>();
        List<ReportSection> sections = new ArrayList<>();
        List<Environment.Setting> settings = new ArrayList<>();
        for (long id : request.experiments()) {
            Experiment e = find(id);
            experiments.add(e);
            sections.add(section(e, request.goals(), settings));
        }
        for (ReportRequest.Comparison c : request.comparisons()) {
            Experiment before = find(c.before());
            Experiment after = find(c.after());
            experiments.add(before);
            experiments.add(after);
            sections.add(comparison(before, after, request.goals()));
        }
        String title = request.title() != null && !request.title().isBlank()
                ? request.title()
                : experiments.size() == 1
                        ? experiments.get(0).title()
                        : "Report of experiments "
                                + String.join(
                                        ", ",
                                        experiments.stream()
                                                .map(x -> Long.toString(x.id()))
                                                .distinct()
                                                .toList());
        Report report = new Report(title, summary(experiments, sections), environment(experiments, settings), sections);
        return report.mapText(Redaction::text);
    }

    private Experiment find(long id) {
        return ledger.find(id)
                .orElseThrow(() -> new MigLabException(
                        "There is no experiment " + id + " in the ledger.",
                        "List them with: miglab experiments list",
                        null));
    }

    private ReportSection section(Experiment e, MigrationGoals goals, List<Environment.Setting> settings) {
        try {
            return switch (e.kind()) {
                case BaselineRecorder.KIND -> baseline(e, goals);
                case PlanRecorder.KIND -> explain(e, settings);
                case AbRecorder.KIND -> ab(e);
                case Loaders.KIND -> load(e, goals);
                case Loaders.MATRIX_KIND -> loadMatrix(e);
                case io.miglab.core.migration.timing.ScriptTiming.KIND -> scriptTiming(e);
                default -> generic(e, goals);
            };
        } catch (MigLabException failure) {
            // An experiment that ended before it stored its result still belongs in the report, as what it holds.
            Builder b = toBuilder(generic(e, goals));
            b.paragraphs.add(0, "Its " + e.kind() + " result cannot be shown: " + failure.getMessage());
            return b.build();
        }
    }

    // ---- kinds ------------------------------------------------------------------------------------------------

    private ReportSection baseline(Experiment e, MigrationGoals goals) {
        BaselineResult r = new BaselineRecorder(ledger).load(e.id());
        Builder b = new Builder(e);
        b.paragraphs.add(String.format(
                Locale.ROOT,
                "Workload %s%s: %s executions (%s errors) in %s by %d client(s), %s per second.%s",
                r.workload(),
                r.database() == null ? "" : " on database " + r.database(),
                Figures.count(r.executions()),
                Figures.count(r.errors()),
                Figures.seconds(r.elapsedSeconds()),
                r.options().clients(),
                Figures.number(r.throughputPerSecond()),
                r.samplesTruncated() ? " The raw samples hold the first executions only." : ""));
        List<List<String>> rows = new ArrayList<>();
        List<Point> p50 = new ArrayList<>();
        List<Point> p95 = new ArrayList<>();
        List<Point> p99 = new ArrayList<>();
        LatencySamples samples = r.samples();
        for (StatementResult s : r.statements()) {
            MedianInterval ci = samples == null || !samples.statementNames().contains(s.name())
                    ? null
                    : MedianInterval.of(samples.latenciesNanos(s.name()));
            var l = s.latency();
            rows.add(List.of(
                    s.name(),
                    Figures.count(s.executions()),
                    Figures.count(s.errors()),
                    l == null ? "-" : Figures.ms(l.meanMs()),
                    l == null ? "-" : Figures.ms(l.p50Ms()),
                    ci == null ? "-" : Figures.interval(ci.low(), ci.high(), "ms"),
                    l == null ? "-" : Figures.ms(l.p95Ms()),
                    l == null ? "-" : Figures.ms(l.p99Ms()),
                    l == null ? "-" : Figures.ms(l.maxMs())));
            if (l != null) {
                p50.add(Point.category(
                        s.name(), l.p50Ms(), ci == null ? null : ci.low(), ci == null ? null : ci.high()));
                p95.add(Point.category(s.name(), l.p95Ms(), null, null));
                p99.add(Point.category(s.name(), l.p99Ms(), null, null));
                Double target = goals.p95TargetFor(s.name());
                if (target != null) {
                    b.goalChecks.add(new GoalCheck("p95 latency", s.name(), target, l.p95Ms(), "ms"));
                }
            }
            if (s.firstError() != null) {
                b.paragraphs.add("First error of " + s.name() + ": " + s.firstError());
            }
        }
        b.tables.add(new Table(
                "e" + e.id() + "-latency",
                "Latency per statement (p50 with its 95 % interval from ranks)",
                List.of(
                        Column.left("statement"),
                        Column.right("executions"),
                        Column.right("errors"),
                        Column.right("mean"),
                        Column.right("p50"),
                        Column.right("p50 95 % interval"),
                        Column.right("p95"),
                        Column.right("p99"),
                        Column.right("max")),
                rows));
        if (!p50.isEmpty()) {
            b.charts.add(new Chart(
                    "e" + e.id() + "-latency",
                    Kind.BARS_WITH_INTERVALS,
                    "Latency of " + r.workload() + " (experiment " + e.id() + ")",
                    "statement",
                    "latency (ms)",
                    List.of(new Series("p50", p50), new Series("p95", p95), new Series("p99", p99)),
                    List.of()));
        }
        b.artifacts(e, Set.of(BaselineRecorder.SAMPLES, BaselineRecorder.RESULT));
        return b.build();
    }

    private ReportSection explain(Experiment e, List<Environment.Setting> settings) {
        Explained x = new ExplainService(ledger, null).open(e.id());
        Builder b = new Builder(e);
        var a = x.analysis();
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "Total cost %.2f", a.totalCost()));
        if (a.executionTime() != null) {
            summary.append("; execution time ").append(Figures.ms(a.executionTime()));
        }
        if (a.planningTime() != null) {
            summary.append("; planning time ").append(Figures.ms(a.planningTime()));
        }
        summary.append(a.analyzed() ? "." : " (estimates only: EXPLAIN without ANALYZE).");
        b.paragraphs.add(summary.toString());
        if (!x.sql().isBlank()) {
            b.code.add(new CodeBlock("sql", x.sql().strip()));
        }
        Comparator<NodeMetrics> heaviest = a.timed()
                ? Comparator.comparing((NodeMetrics m) -> m.exclusiveTime() == null ? 0 : m.exclusiveTime())
                        .reversed()
                : Comparator.comparingDouble(NodeMetrics::exclusiveCost).reversed();
        List<List<String>> rows = new ArrayList<>();
        a.all().stream()
                .sorted(heaviest.thenComparingInt(NodeMetrics::nodeId))
                .limit(TOP_NODES)
                .forEach(m -> {
                    PlanNode node = x.plan().node(m.nodeId()).orElseThrow();
                    rows.add(List.of(
                            "#" + m.nodeId(),
                            node.label(),
                            Figures.ms(m.exclusiveTime()),
                            Figures.percent(m.timeShare()),
                            String.format(Locale.ROOT, "%.2f", m.exclusiveCost()),
                            Figures.percent(m.costShare()),
                            m.revisedRows() == null ? "-" : Figures.number(m.revisedRows()),
                            m.revisedPlanRows() == null ? "-" : Figures.number(m.revisedPlanRows())));
                });
        b.tables.add(new Table(
                "e" + e.id() + "-plan-nodes",
                "The " + TOP_NODES + " heaviest plan nodes (" + (a.timed() ? "by own time" : "by own cost") + ")",
                List.of(
                        Column.left("node"),
                        Column.left("operation"),
                        Column.right("own time"),
                        Column.right("time share"),
                        Column.right("own cost"),
                        Column.right("cost share"),
                        Column.right("rows"),
                        Column.right("planned rows")),
                rows));
        JsonNode settingsDoc = artifactJson(e.id(), "settings.json");
        if (settingsDoc != null && settingsDoc.path("settings").isObject()) {
            List<List<String>> srows = new ArrayList<>();
            // By name: the capture keeps them in no particular order, and a report should read the same each time.
            Map<String, JsonNode> byName = new TreeMap<>();
            settingsDoc.get("settings").fields().forEachRemaining(f -> byName.put(f.getKey(), f.getValue()));
            for (Iterator<Map.Entry<String, JsonNode>> it = byName.entrySet().iterator(); it.hasNext(); ) {
                var s = it.next();
                srows.add(List.of(s.getKey(), s.getValue().asText()));
                Environment.Setting setting =
                        new Environment.Setting(s.getKey(), s.getValue().asText());
                if (!settings.contains(setting)) {
                    settings.add(setting);
                }
            }
            if (!srows.isEmpty()) {
                b.tables.add(new Table(
                        "e" + e.id() + "-settings",
                        "Settings the plan was captured with",
                        List.of(Column.left("setting"), Column.left("value")),
                        srows));
            }
        }
        b.findings.addAll(x.findings());
        b.artifacts(e, null);
        return b.build();
    }

    private ReportSection ab(Experiment e) {
        AbRun run = new AbService(ledger, null, null).open(e.id());
        Builder b = new Builder(e);
        long pairs = run.rounds().stream().filter(AbRun.Round::counted).count() / 2;
        b.paragraphs.add("B = " + run.bLabel() + " against A = " + run.aLabel() + ", " + pairs
                + " pair(s) of interleaved rounds" + (run.cancelled() ? " (cancelled before all rounds ran)" : "")
                + ". The ratio is median(B) / median(A) with its 95 % interval; below 1 means B is faster.");
        comparisonParts(b, "e" + e.id(), run.comparison(), run.aLabel(), run.bLabel());
        b.artifacts(e, null);
        return b.build();
    }

    private ReportSection comparison(Experiment before, Experiment after, MigrationGoals goals) {
        Comparison c = new BaselineRecorder(ledger).compare(before.id(), after.id(), CompareOptions.defaults());
        Builder b = new Builder(
                "Comparison: experiment " + after.id() + " against experiment " + before.id(), null, "comparison");
        b.paragraphs.add("B = " + after.title() + " (experiment " + after.id() + ") against A = " + before.title()
                + " (experiment " + before.id() + "). The ratio is median(B) / median(A) with a 95 % bootstrap"
                + " interval; below 1 means B is faster.");
        comparisonParts(
                b,
                "c" + before.id() + "-" + after.id(),
                c,
                "experiment " + before.id() + " (before)",
                "experiment " + after.id() + " (after)");
        return b.build();
    }

    private static void comparisonParts(Builder b, String prefix, Comparison c, String aLabel, String bLabel) {
        List<List<String>> rows = new ArrayList<>();
        List<Point> a = new ArrayList<>();
        List<Point> bs = new ArrayList<>();
        for (StatementComparison s : c.statements()) {
            rows.add(List.of(
                    s.statement(),
                    Figures.count(s.samplesA()),
                    Figures.count(s.samplesB()),
                    Figures.ms(s.medianAMs()),
                    Figures.ms(s.medianBMs()),
                    Figures.ratio(s.ratio()),
                    Figures.interval(s.ciLow(), s.ciHigh(), ""),
                    s.verdict().label()));
            if (s.medianAMs() != null && s.medianBMs() != null) {
                a.add(Point.category(s.statement(), s.medianAMs(), null, null));
                // B's median as the ratio's interval places it: the interval of the change, drawn on B.
                bs.add(Point.category(
                        s.statement(), s.medianBMs(), s.medianAMs() * s.ciLow(), s.medianAMs() * s.ciHigh()));
            }
        }
        b.tables.add(new Table(
                prefix + "-comparison",
                "B against A per statement",
                List.of(
                        Column.left("statement"),
                        Column.right("samples A"),
                        Column.right("samples B"),
                        Column.right("median A"),
                        Column.right("median B"),
                        Column.right("ratio B/A"),
                        Column.right("95 % interval"),
                        Column.left("verdict")),
                rows));
        if (!c.onlyInA().isEmpty()) {
            b.paragraphs.add("Measured in A only: " + String.join(", ", c.onlyInA()) + ".");
        }
        if (!c.onlyInB().isEmpty()) {
            b.paragraphs.add("Measured in B only: " + String.join(", ", c.onlyInB()) + ".");
        }
        if (!a.isEmpty()) {
            b.charts.add(new Chart(
                    prefix + "-latency",
                    Kind.BARS_WITH_INTERVALS,
                    "Median latency before and after",
                    "statement",
                    "median latency (ms)",
                    List.of(new Series("A: " + aLabel, a), new Series("B: " + bLabel, bs)),
                    List.of()));
        }
    }

    private ReportSection load(Experiment e, MigrationGoals goals) {
        Builder b = new Builder(e);
        LoadReport r = artifactAs(e.id(), "load.json", LoadReport.class);
        if (r != null) {
            b.paragraphs.add(String.format(
                    Locale.ROOT,
                    "%s loaded %s rows (%s bytes) from %s into %s/%s in %s: %s rows/s, %s MB/s.",
                    r.settings().label(),
                    Figures.count(r.rows()),
                    Figures.count(r.bytes()),
                    r.source(),
                    r.destination(),
                    r.destinationDatabase(),
                    Figures.seconds(r.seconds()),
                    Figures.number(r.rowsPerSecond()),
                    Figures.number(r.megabytesPerSecond())));
            List<List<String>> rows = new ArrayList<>();
            for (LoadReport.TableLoad t : r.tables()) {
                rows.add(List.of(
                        t.table(),
                        Figures.count(t.rows()),
                        Figures.count(t.bytes()),
                        Figures.seconds(t.copySeconds()),
                        Figures.seconds(t.indexSeconds()),
                        Figures.seconds(t.constraintSeconds()),
                        Figures.seconds(t.analyzeSeconds())));
            }
            b.tables.add(new Table(
                    "e" + e.id() + "-tables",
                    "Tables loaded",
                    List.of(
                            Column.left("table"),
                            Column.right("rows"),
                            Column.right("bytes"),
                            Column.right("copy"),
                            Column.right("indexes"),
                            Column.right("constraints"),
                            Column.right("analyze")),
                    rows));
            b.charts.add(throughput(
                    "e" + e.id() + "-throughput",
                    List.of(Point.category(r.settings().label(), r.rowsPerSecond(), null, null))));
            windowCheck(b, goals, e.title(), r.seconds());
        }
        b.tables.add(measurements(e));
        samplesCharts(b, e, Resources.NONE);
        b.artifacts(e, null);
        return b.build();
    }

    /**
     * A migration script timed at several sizes, for the release documentation: each variant's verdict, model and
     * exponent, and the measured durations per size side by side.
     */
    private ReportSection scriptTiming(Experiment e) {
        Builder b = new Builder(e);
        io.miglab.core.migration.timing.TimingResult r = artifactAs(
                e.id(),
                io.miglab.core.migration.timing.ScriptTiming.RESULTS,
                io.miglab.core.migration.timing.TimingResult.class);
        if (r != null) {
            b.paragraphs.add(String.format(
                    Locale.ROOT,
                    "%s timed on %s at %s of %s, projected to %s rows%s.",
                    r.file(),
                    r.target(),
                    String.join(
                            ", ",
                            r.fractions().stream()
                                    .map(io.miglab.core.migration.timing.TimingRequest::percent)
                                    .toList()),
                    r.table(),
                    Figures.count(r.productionRows()),
                    r.thresholdSeconds() == null
                            ? " (no window given: no verdict)"
                            : " against a window of "
                                    + io.miglab.core.units.Durations.format(
                                            java.time.Duration.ofMillis(Math.round(r.thresholdSeconds() * 1000)))));
            List<Column> columns = new ArrayList<>(List.of(Column.right("size"), Column.right("rows")));
            for (io.miglab.core.migration.timing.TimingResult.Variant v : r.variants()) {
                columns.add(Column.right(v.label()));
                b.paragraphs.add(v.sentence()
                        + (v.chosen() == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " (%s%s)",
                                        v.chosen(),
                                        v.exponent() == null
                                                ? ""
                                                : String.format(
                                                        Locale.ROOT,
                                                        "; k = %.2f [%.2f, %.2f]",
                                                        v.exponent(),
                                                        v.exponentLow(),
                                                        v.exponentHigh()))));
                if (v.projection() != null) {
                    v.projection().warnings().forEach(w -> b.paragraphs.add("Warning (" + v.label() + "): " + w));
                }
            }
            List<List<String>> rows = new ArrayList<>();
            for (double fraction : r.fractions()) {
                List<String> row = new ArrayList<>();
                row.add(io.miglab.core.migration.timing.TimingRequest.percent(fraction));
                io.miglab.core.migration.timing.TimingResult.Run first = r.variants().get(0).runs().stream()
                        .filter(x -> x.fraction() == fraction)
                        .findFirst()
                        .orElse(null);
                row.add(first == null ? "-" : Figures.count(first.rows()));
                for (io.miglab.core.migration.timing.TimingResult.Variant v : r.variants()) {
                    row.add(v.runs().stream()
                            .filter(x -> x.fraction() == fraction)
                            .map(x -> Figures.seconds(x.seconds()))
                            .reduce((x, y) -> x + ", " + y)
                            .orElse("-"));
                }
                rows.add(row);
            }
            b.tables.add(new Table("e" + e.id() + "-timing", "Durations per size", columns, rows));
            List<List<String>> heavy = new ArrayList<>();
            for (io.miglab.core.migration.timing.TimingResult.Variant v : r.variants()) {
                io.miglab.core.migration.timing.TimingResult.SizePlans p = v.largestPlans();
                if (p == null) {
                    continue;
                }
                for (io.miglab.core.migration.timing.TimingResult.HeavyStatement h : p.statements()) {
                    heavy.add(List.of(
                            v.label(),
                            io.miglab.core.migration.timing.TimingRequest.percent(p.fraction()),
                            h.queryLine(120),
                            Figures.count(h.calls()),
                            Figures.seconds(h.totalMillis() / 1000),
                            Figures.seconds(h.maxMillis() / 1000),
                            h.summary()));
                }
            }
            if (!heavy.isEmpty()) {
                b.tables.add(new Table(
                        "e" + e.id() + "-heaviest",
                        "Heaviest statements at the largest size (auto_explain, one more run, not timed for the fit)",
                        List.of(
                                Column.left("variant"),
                                Column.right("size"),
                                Column.left("statement"),
                                Column.right("calls"),
                                Column.right("total"),
                                Column.right("slowest"),
                                Column.left("what its slowest plan did")),
                        heavy));
            }
        }
        b.tables.add(measurements(e));
        b.artifacts(e, null);
        return b.build();
    }

    private ReportSection loadMatrix(Experiment e) {
        Builder b = new Builder(e);
        Loaders.Matrix m = artifactAs(e.id(), "matrix.json", Loaders.Matrix.class);
        if (m != null) {
            List<List<String>> rows = new ArrayList<>();
            List<Point> bars = new ArrayList<>();
            for (Loaders.MatrixRow row : m.rows()) {
                rows.add(List.of(
                        row.settings().label(),
                        row.seconds().stream()
                                .map(Figures::seconds)
                                .reduce((x, y) -> x + ", " + y)
                                .orElse("-"),
                        Figures.seconds(row.medianSeconds()),
                        Figures.number(row.rowsPerSecond()),
                        Figures.number(row.megabytesPerSecond()),
                        row.failure() == null ? "" : row.failure()));
                if (row.failure() == null) {
                    bars.add(Point.category(row.settings().label(), row.rowsPerSecond(), null, null));
                }
            }
            b.tables.add(new Table(
                    "e" + e.id() + "-loaders",
                    "Loaders, fastest first",
                    List.of(
                            Column.left("loader"),
                            Column.right("runs"),
                            Column.right("median"),
                            Column.right("rows/s"),
                            Column.right("MB/s"),
                            Column.left("failure")),
                    rows));
            if (!Double.isNaN(m.margin())) {
                b.paragraphs.add(String.format(
                        Locale.ROOT,
                        "The next loader takes %.3f times as long as the best%s.",
                        m.margin(),
                        Double.isNaN(m.marginLow())
                                ? ""
                                : String.format(
                                        Locale.ROOT, " (95 %% interval %.3f to %.3f)", m.marginLow(), m.marginHigh())));
            }
            if (!bars.isEmpty()) {
                b.charts.add(throughput("e" + e.id() + "-throughput", bars));
            }
        }
        b.tables.add(measurements(e));
        b.artifacts(e, null);
        return b.build();
    }

    private ReportSection generic(Experiment e, MigrationGoals goals) {
        Builder b = new Builder(e);
        if (e.parameters() != null && !e.parameters().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            flatten("", Redaction.json(e.parameters()), rows);
            b.tables.add(new Table(
                    "e" + e.id() + "-parameters",
                    "Parameters",
                    List.of(Column.left("parameter"), Column.left("value")),
                    rows));
        }
        b.tables.add(measurements(e));
        if (JobExperiments.RUN_KIND.equals(e.kind())) {
            e.measurements().stream()
                    .filter(m -> m.name().equals("duration"))
                    .findFirst()
                    .ifPresent(d -> windowCheck(b, goals, e.title(), d.value()));
        }
        samplesCharts(b, e, jobResources(e));
        b.artifacts(e, null);
        return b.build();
    }

    // ---- parts --------------------------------------------------------------------------------------------

    private static Chart throughput(String name, List<Point> bars) {
        return new Chart(
                name,
                Kind.BARS,
                "Throughput per loader",
                "loader",
                "rows per second",
                List.of(new Series("rows/s", bars)),
                List.of());
    }

    private static void windowCheck(Builder b, MigrationGoals goals, String subject, double seconds) {
        if (goals.migrationWindow() != null) {
            b.goalChecks.add(new GoalCheck(
                    "migration window", subject, goals.migrationWindow().toMillis() / 1000.0, seconds, "s"));
        }
    }

    private static Table measurements(Experiment e) {
        List<List<String>> rows = new ArrayList<>();
        for (Measurement m : e.measurements()) {
            rows.add(List.of(m.name(), Figures.number(m.value()), m.unit()));
        }
        return new Table(
                "e" + e.id() + "-measurements",
                "Measurements",
                List.of(Column.left("measurement"), Column.right("value"), Column.left("unit")),
                rows);
    }

    /** CPU and memory over time from a samples.csv, with the container's requests and limits when known. */
    private void samplesCharts(Builder b, Experiment e, Resources resources) {
        Artifact samples = artifact(e.id(), SamplesCsv.ARTIFACT);
        if (samples == null) {
            return;
        }
        List<PodSample> read;
        try (var in = new InputStreamReader(
                new java.io.ByteArrayInputStream(ledger.artifactContent(samples.id())), StandardCharsets.UTF_8)) {
            read = SamplesCsv.read(in, SamplesCsv.ARTIFACT);
        } catch (IOException | MigLabException bad) {
            b.paragraphs.add("The samples cannot be charted: " + bad.getMessage());
            return;
        }
        Map<String, List<Point>> cpu = new TreeMap<>();
        Map<String, List<Point>> memory = new TreeMap<>();
        for (PodSample s : read) {
            String key = s.pod() + "/" + s.container();
            double at = s.at().toEpochMilli();
            cpu.computeIfAbsent(key, k -> new ArrayList<>()).add(Point.at(at, s.cpuMillicores()));
            memory.computeIfAbsent(key, k -> new ArrayList<>()).add(Point.at(at, s.memoryBytes() / 1048576.0));
        }
        List<Chart.Line> cpuLines = new ArrayList<>();
        List<Chart.Line> memoryLines = new ArrayList<>();
        if (!Double.isNaN(resources.cpuRequest())) {
            cpuLines.add(
                    new Chart.Line("request " + Resources.cpuQuantity(resources.cpuRequest()), resources.cpuRequest()));
        }
        if (resources.hasCpuLimit()) {
            cpuLines.add(new Chart.Line("limit " + Resources.cpuQuantity(resources.cpuLimit()), resources.cpuLimit()));
        }
        if (resources.memoryRequest() >= 0) {
            memoryLines.add(new Chart.Line(
                    "request " + Resources.memoryQuantity(resources.memoryRequest()),
                    resources.memoryRequest() / 1048576.0));
        }
        if (resources.hasMemoryLimit()) {
            memoryLines.add(new Chart.Line(
                    "limit " + Resources.memoryQuantity(resources.memoryLimit()), resources.memoryLimit() / 1048576.0));
        }
        b.charts.add(new Chart(
                "e" + e.id() + "-cpu",
                Kind.TIME_SERIES,
                "CPU over time (experiment " + e.id() + ")",
                "time",
                "CPU (millicores)",
                series(cpu),
                cpuLines));
        b.charts.add(new Chart(
                "e" + e.id() + "-memory",
                Kind.TIME_SERIES,
                "Memory over time (experiment " + e.id() + ")",
                "time",
                "memory working set (MiB)",
                series(memory),
                memoryLines));
    }

    private static List<Series> series(Map<String, List<Point>> byKey) {
        return byKey.entrySet().stream()
                .map(en -> new Series(en.getKey(), en.getValue()))
                .toList();
    }

    /** The requests and limits of a Job run's container, from the job.yaml it stored. */
    private Resources jobResources(Experiment e) {
        Artifact job = artifact(e.id(), "job.yaml");
        String container =
                e.parameters() == null ? null : e.parameters().path("container").asText(null);
        if (job == null || container == null) {
            return Resources.NONE;
        }
        try {
            var found = ManifestPatcher.find(
                    new String(ledger.artifactContent(job.id()), StandardCharsets.UTF_8), container, "job.yaml");
            return found.isEmpty() ? Resources.NONE : found.get(0).resources();
        } catch (MigLabException unreadable) {
            return Resources.NONE;
        }
    }

    private static void flatten(String prefix, JsonNode node, List<List<String>> rows) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(f ->
                            flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), rows));
        } else if (node.isArray() && node.size() > 0 && !node.get(0).isValueNode()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), rows);
            }
        } else {
            rows.add(List.of(prefix, node.isValueNode() ? node.asText() : node.toString()));
        }
    }

    private Artifact artifact(long experimentId, String name) {
        return ledger.artifacts(experimentId).stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private JsonNode artifactJson(long experimentId, String name) {
        return artifactAs(experimentId, name, JsonNode.class);
    }

    private <T> T artifactAs(long experimentId, String name, Class<T> type) {
        Artifact a = artifact(experimentId, name);
        if (a == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(ledger.artifactContent(a.id()), type);
        } catch (IOException e) {
            throw new MigLabException(
                    "The " + name + " of experiment " + experimentId + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String summary(List<Experiment> experiments, List<ReportSection> sections) {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        experiments.stream()
                .map(Experiment::id)
                .distinct()
                .map(id -> experiments.stream()
                        .filter(x -> x.id() == id)
                        .findFirst()
                        .orElseThrow())
                .forEach(x -> kinds.merge(x.kind(), 1, Integer::sum));
        StringBuilder s = new StringBuilder();
        int n = kinds.values().stream().mapToInt(Integer::intValue).sum();
        s.append(n).append(n == 1 ? " experiment" : " experiments").append(": ");
        s.append(String.join(
                ", ",
                kinds.entrySet().stream()
                        .map(k -> k.getValue() + " " + k.getKey())
                        .toList()));
        long comparisons =
                sections.stream().filter(x -> "comparison".equals(x.kind())).count();
        if (comparisons > 0) {
            s.append("; ").append(comparisons).append(comparisons == 1 ? " comparison" : " comparisons");
        }
        s.append('.');
        List<GoalCheck> checks =
                sections.stream().flatMap(x -> x.goalChecks().stream()).toList();
        if (!checks.isEmpty()) {
            long passed = checks.stream().filter(GoalCheck::passed).count();
            s.append(" Goal checks: ")
                    .append(passed)
                    .append(" passed, ")
                    .append(checks.size() - passed)
                    .append(" failed.");
        }
        long findings = sections.stream().mapToLong(x -> x.findings().size()).sum();
        if (findings > 0) {
            s.append(' ').append(findings).append(findings == 1 ? " finding." : " findings.");
        }
        return s.toString();
    }

    private static Environment environment(List<Experiment> experiments, List<Environment.Setting> settings) {
        return new Environment(
                joined(experiments, TargetFingerprint::targetName),
                joined(experiments, TargetFingerprint::serverVersion),
                joined(experiments, TargetFingerprint::dataset),
                settings);
    }

    private static String joined(List<Experiment> experiments, Function<TargetFingerprint, String> part) {
        Set<String> values = new LinkedHashSet<>();
        for (Experiment e : experiments) {
            if (e.target() != null) {
                String v = part.apply(e.target());
                if (v != null && !v.isBlank()) {
                    values.add(v);
                }
            }
        }
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** A section being put together. */
    private final class Builder {
        final String heading;
        final Long experimentId;
        final String kind;
        final List<String> paragraphs = new ArrayList<>();
        final List<CodeBlock> code = new ArrayList<>();
        final List<GoalCheck> goalChecks = new ArrayList<>();
        final List<Table> tables = new ArrayList<>();
        final List<io.miglab.core.finding.Finding> findings = new ArrayList<>();
        final List<Chart> charts = new ArrayList<>();
        final List<ReportArtifact> artifacts = new ArrayList<>();

        Builder(String heading, Long experimentId, String kind) {
            this.heading = heading;
            this.experimentId = experimentId;
            this.kind = kind;
        }

        Builder(Experiment e) {
            this("Experiment " + e.id() + ": " + e.title(), e.id(), e.kind());
            StringBuilder about = new StringBuilder();
            about.append("Kind ")
                    .append(e.kind())
                    .append(", ")
                    .append(e.status().label());
            about.append(", started ").append(e.startedAt());
            if (e.duration() != null) {
                about.append(", took ").append(io.miglab.core.units.Durations.format(e.duration()));
            }
            if (e.target() != null && e.target().targetName() != null) {
                about.append(", on target ").append(e.target().targetName());
            }
            about.append('.');
            if (e.error() != null) {
                about.append(" Error: ").append(e.error());
            }
            paragraphs.add(about.toString());
            if (!e.tags().isEmpty()) {
                paragraphs.add("Tags: " + String.join(", ", e.tags()) + ".");
            }
            if (e.notes() != null && !e.notes().isBlank()) {
                paragraphs.add("Notes: " + e.notes().strip());
            }
        }

        /** The experiment's artifacts: only those named, or all when {@code only} is null. */
        void artifacts(Experiment e, Set<String> only) {
            for (Artifact a : ledger.artifacts(e.id())) {
                if (only != null && !only.contains(a.name())) {
                    continue;
                }
                long id = a.id();
                artifacts.add(new ReportArtifact(
                        "e" + e.id() + "-" + a.name(),
                        a.mediaType(),
                        a.name() + " of experiment " + e.id() + " (" + Figures.count(a.sizeBytes()) + " bytes)",
                        () -> ledger.artifactContent(id)));
            }
        }

        ReportSection build() {
            return new ReportSection(
                    heading,
                    experimentId,
                    kind,
                    paragraphs,
                    code,
                    goalChecks,
                    tables.stream().filter(t -> !t.rows().isEmpty()).toList(),
                    findings.stream()
                            .sorted(io.miglab.core.finding.Finding.ORDER)
                            .toList(),
                    charts,
                    artifacts);
        }
    }

    private Builder toBuilder(ReportSection s) {
        Builder b = new Builder(s.heading(), s.experimentId(), s.kind());
        b.paragraphs.addAll(s.paragraphs());
        b.code.addAll(s.code());
        b.goalChecks.addAll(s.goalChecks());
        b.tables.addAll(s.tables());
        b.findings.addAll(s.findings());
        b.charts.addAll(s.charts());
        b.artifacts.addAll(s.artifacts());
        return b;
    }
}
