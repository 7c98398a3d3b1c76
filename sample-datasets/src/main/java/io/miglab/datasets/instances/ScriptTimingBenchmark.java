package io.miglab.datasets.instances;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.migration.timing.GrowthFit;
import io.miglab.core.migration.timing.GrowthModels;
import io.miglab.core.migration.timing.Measurement;
import io.miglab.core.migration.timing.ModelFit;
import io.miglab.core.migration.timing.Projection;
import io.miglab.core.migration.timing.Regime;
import io.miglab.core.migration.timing.TimingResult.Server;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.units.Counts;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Sizes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the story's migration as written and with the temporary index at several table sizes, fits the growth
 * models to each and projects both to production size against the release window, side by side. Each size is
 * generated once into a template database; every timed run works on a fresh copy of it ({@code CREATE DATABASE ...
 * TEMPLATE}) after a CHECKPOINT, the variants alternating. Every database it creates is dropped at the end.
 *
 * <p>Nothing is asserted (STYLE: a timing goal is a benchmark, not a test). Run by hand on a server you may create
 * databases on: {@code java -cp ... io.miglab.datasets.instances.ScriptTimingBenchmark --sizes
 * 10000,20000,40000,80000}; the password, if any, comes from ~/.pgpass as pgjdbc reads it.
 */
public final class ScriptTimingBenchmark {
    /** The figures of docs/script-timing.md. */
    public static final List<Long> DEFAULT_SIZES = List.of(2_500L, 5_000L, 10_000L, 20_000L);
    /**
     * Rows per batch in the lab: the scripts' 1000 over 16M rows make 16,000 batches; at 20,000 rows 100 per batch
     * still make 200, enough that the scan per batch shows at sizes a laptop times in a minute.
     */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** The story's tenant. */
    public static final long PRODUCTION_ROWS = 16_000_000L;
    /** "Usually acceptable." */
    public static final Duration WINDOW = Duration.ofHours(2);
    /**
     * Bytes an index build sorts per row of the temporary index: a 16-byte uuid in an index tuple with its header
     * and the sort's own per-tuple overhead, about 48 bytes as PostgreSQL's tuplesort counts them.
     */
    static final long SORT_BYTES_PER_ROW = 48;

    private final ConnectionFactory connections;
    private final String prefix;

    public ScriptTimingBenchmark(ConnectionFactory connections) {
        this(connections, "miglab_growth_" + Long.toHexString(System.nanoTime() & 0xffffffL));
    }

    ScriptTimingBenchmark(ConnectionFactory connections, String prefix) {
        this.connections = connections;
        this.prefix = prefix;
    }

    /** What to run: sizes in rows, runs per size and variant, and what to project to. */
    public record Options(
            List<Long> sizes, int batchSize, int repeats, long productionRows, Duration window, long seed) {
        public Options {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
                throw new MigLabException("Sizes must be positive row counts, not " + sizes + ".");
            }
            if (repeats < 1) {
                throw new MigLabException("Repeats must be at least 1, not " + repeats + ".");
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_SIZES, DEFAULT_BATCH_SIZE, 3, PRODUCTION_ROWS, WINDOW, 1);
        }
    }

    /** One timed run of one variant on a fresh copy of one size. */
    public record Run(InstanceScripts variant, long rows, long tableBytes, Duration elapsed) {}

    /** The runs, each variant's fit, projection and verdict, and the report lines. */
    public record Result(
            List<Run> runs, Map<InstanceScripts, GrowthModels.Assessment> assessments, List<String> lines) {
        public Result {
            runs = List.copyOf(runs);
            assessments = Map.copyOf(assessments);
            lines = List.copyOf(lines);
        }
    }

    public Result run(Options options, ProgressListener progress, Cancellation cancellation) {
        if (!connections.writable()) {
            throw new MigLabException("The script timing benchmark creates databases: run it on a lab instance.");
        }
        List<String> created = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        try {
            Server server = server();
            int step = 0;
            int steps = options.sizes().size() * options.repeats() * InstanceScripts.values().length;
            for (long rows : options.sizes()) {
                String template = prefix + "_t" + rows;
                create(template, null, created);
                progress.report(Progress.of("Generating " + Counts.format(rows) + " instances", step, steps));
                InstanceGenerator.Generated generated;
                try (Connection c = connections.open(template)) {
                    generated =
                            InstanceGenerator.generate(c, rows, options.seed(), ProgressListener.NONE, cancellation);
                }
                for (int r = 0; r < options.repeats(); r++) {
                    List<InstanceScripts> order = new ArrayList<>(Arrays.asList(InstanceScripts.values()));
                    if (r % 2 == 1) {
                        java.util.Collections.reverse(order); // neither variant always runs second
                    }
                    for (InstanceScripts variant : order) {
                        cancellation.checkpoint();
                        progress.report(
                                Progress.of(variant.label() + " at " + Counts.format(rows) + " rows", step++, steps));
                        String copy = prefix + "_run";
                        create(copy, template, created);
                        Duration elapsed = time(copy, variant, options.batchSize(), rows, cancellation);
                        drop(copy, created);
                        runs.add(new Run(variant, rows, generated.tableBytes(), elapsed));
                    }
                }
                drop(template, created);
            }
            Map<InstanceScripts, GrowthModels.Assessment> assessments = new EnumMap<>(InstanceScripts.class);
            for (InstanceScripts variant : InstanceScripts.values()) {
                // Every run is a point: the repeats tell the fit how noisy one run is, which a prediction
                // interval for one production run needs.
                List<Measurement> points = runs.stream()
                        .filter(run -> run.variant() == variant)
                        .map(run -> new Measurement(
                                run.rows(), run.tableBytes(), run.elapsed().toNanos() / 1e9))
                        .toList();
                Long sort = variant == InstanceScripts.WITH_TEMPORARY_INDEX
                        ? options.productionRows() * SORT_BYTES_PER_ROW
                        : null;
                Regime regime =
                        new Regime(null, server.sharedBuffers(), server.ram(), sort, server.maintenanceWorkMem());
                assessments.put(
                        variant,
                        GrowthModels.assess(
                                variant.label(), points, options.productionRows(), regime, options.window()));
            }
            return new Result(runs, assessments, lines(options, server, runs, assessments));
        } catch (SQLException e) {
            throw new MigLabException("Script timing benchmark failed: " + e.getMessage(), e);
        } finally {
            for (String database : List.copyOf(created)) {
                dropQuietly(database);
            }
        }
    }

    /**
     * Runs {@code variant} on {@code database} through MigLab's script runner (psql's rules, auto-commit, stop on
     * the first error) and checks that it migrated every one of the {@code rows}.
     */
    Duration time(String database, InstanceScripts variant, int batchSize, long rows, Cancellation cancellation)
            throws SQLException {
        try (Connection c = connections.open(database);
                Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        long start = System.nanoTime();
        try (InputStream script = new java.io.ByteArrayInputStream(
                variant.withBatchSize(batchSize).getBytes(StandardCharsets.UTF_8))) {
            new ScriptRunner(connections)
                    .run(
                            variant.fileName(),
                            script,
                            null,
                            ScriptOptions.defaults().withDatabase(database).withStopOnError(true),
                            ProgressListener.NONE,
                            cancellation);
        } catch (java.io.IOException e) {
            throw new MigLabException("Cannot read " + variant.fileName() + ": " + e.getMessage(), e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        try (Connection c = connections.open(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE jsonb ? 'publicationPeriod'),"
                        + " (SELECT count(*) FROM pg_indexes WHERE tablename = 'instance') FROM instance")) {
            rs.next();
            if (rs.getLong(1) != rows) {
                throw new MigLabException(variant.fileName() + " migrated " + rs.getLong(1) + " of " + rows + " rows.");
            }
            if (rs.getLong(2) != 1) {
                throw new MigLabException(variant.fileName() + " left " + (rs.getLong(2) - 1) + " extra index(es).");
            }
        }
        return elapsed;
    }

    /** What the projection's warnings compare with. RAM is this machine's, read as the server's when it is local. */
    private Server server() throws SQLException {
        try (Connection c = connections.open()) {
            return io.miglab.core.migration.timing.ScriptTiming.server(c);
        }
    }

    private static List<String> lines(
            Options options, Server server, List<Run> runs, Map<InstanceScripts, GrowthModels.Assessment> assessments) {
        List<String> lines = new ArrayList<>();
        lines.add("Migration script timing: instance(id uuid, jsonb) documents, publicationPeriod from free-text dates,"
                + " batches of " + options.batchSize() + " (the script says 1000).");
        lines.add("PostgreSQL " + server.version() + ", shared_buffers " + size(server.sharedBuffers())
                + ", maintenance_work_mem " + size(server.maintenanceWorkMem()) + ", RAM " + size(server.ram()) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores; " + options.repeats()
                + " run(s) per size and variant, each on a fresh copy; medians shown, every run fitted.");
        lines.add("");
        lines.add(String.format(
                Locale.ROOT,
                "%12s %10s %14s %26s %8s",
                "rows",
                "table",
                "as written",
                "with the temporary index",
                "ratio"));
        for (long rows : options.sizes()) {
            List<Run> at = runs.stream().filter(r -> r.rows() == rows).toList();
            double written = median(at, InstanceScripts.AS_WRITTEN);
            double indexed = median(at, InstanceScripts.WITH_TEMPORARY_INDEX);
            lines.add(String.format(
                    Locale.ROOT,
                    "%12s %10s %14s %26s %7.1fx",
                    Counts.format(rows),
                    Sizes.format(at.get(0).tableBytes()),
                    Durations.seconds(written),
                    Durations.seconds(indexed),
                    written / indexed));
        }
        for (InstanceScripts variant : InstanceScripts.values()) {
            GrowthModels.Assessment a = assessments.get(variant);
            lines.add("");
            lines.add(variant.label() + ":");
            if (a.fit() != null) {
                GrowthFit fit = a.fit();
                for (ModelFit model : fit.models()) {
                    lines.add(String.format(
                            Locale.ROOT,
                            "  %-10s LOO error %8s   %s%s",
                            model.model().label(),
                            model.looText(),
                            model.formula(),
                            model.model() == fit.chosen() ? "   <- chosen" : ""));
                }
                lines.add("  exponent k (t ~ n^k): " + fit.exponentText() + " (95 %)");
                Projection p = a.projection();
                lines.add(String.format(
                        Locale.ROOT,
                        "  at %s rows (%s): %s (95 %% prediction interval), %.0fx the largest size measured",
                        Counts.format(p.rows()),
                        p.model().label(),
                        p.text(),
                        p.extrapolationFactor()));
                p.warnings().forEach(w -> lines.add("  warning: " + w));
            }
            lines.add("  " + a.verdict().sentence());
        }
        Projection written = assessments.get(InstanceScripts.AS_WRITTEN).projection();
        Projection indexed =
                assessments.get(InstanceScripts.WITH_TEMPORARY_INDEX).projection();
        if (written != null && indexed != null) {
            lines.add("");
            lines.add(String.format(
                    Locale.ROOT,
                    "At %s rows the temporary index is projected %.1fx faster (%s against %s).",
                    Counts.format(written.rows()),
                    seconds(written.point()) / seconds(indexed.point()),
                    Durations.format(written.point()),
                    Durations.format(indexed.point())));
        }
        return lines;
    }

    /** The median of {@code variant}'s runs among {@code runs}, in seconds. */
    private static double median(List<Run> runs, InstanceScripts variant) {
        double[] s = runs.stream()
                .filter(r -> r.variant() == variant)
                .mapToDouble(r -> r.elapsed().toNanos() / 1e9)
                .sorted()
                .toArray();
        int m = s.length;
        return m % 2 == 1 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static String size(Long bytes) {
        return bytes == null ? "unknown" : Sizes.format(bytes);
    }

    private void create(String database, String template, List<String> created) throws SQLException {
        try (Connection c = connections.open();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + quote(database) + (template == null ? "" : " TEMPLATE " + quote(template)));
            created.add(database);
        }
    }

    private void drop(String database, List<String> created) throws SQLException {
        try (Connection c = connections.open();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
            created.remove(database);
        }
    }

    private void dropQuietly(String database) {
        try {
            drop(database, new ArrayList<>());
        } catch (SQLException e) {
            // Reported by the failure that brought us here; a leftover carries the run's prefix.
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
