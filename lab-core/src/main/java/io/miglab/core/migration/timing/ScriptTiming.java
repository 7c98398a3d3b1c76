package io.miglab.core.migration.timing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.migration.bench.TableAccess;
import io.miglab.core.migration.lint.Finding;
import io.miglab.core.migration.lint.LintConfig;
import io.miglab.core.migration.lint.LintReport;
import io.miglab.core.migration.lint.PostgresTableStats;
import io.miglab.core.migration.lint.ScriptLint;
import io.miglab.core.migration.timing.TimingResult.Model;
import io.miglab.core.migration.timing.TimingResult.ProjectionFigures;
import io.miglab.core.migration.timing.TimingResult.Run;
import io.miglab.core.migration.timing.TimingResult.Server;
import io.miglab.core.migration.timing.TimingResult.SizePlans;
import io.miglab.core.migration.timing.TimingResult.Variant;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.units.Counts;
import io.miglab.core.units.Durations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Times a data-migration script at several sizes of a real database and projects it to production size: {@code
 * miglab script time}. For each size it copies the database ({@code CREATE DATABASE ... TEMPLATE}), keeps about
 * that fraction of the rows with every foreign key still satisfied ({@link DatabaseSampler}), then runs the script
 * on a fresh copy of that sample per run, timed, with the copy's buffer and temp-file counts. The growth models are
 * fitted to the runs and projected; with {@code tryFixes} each mechanical fix the lint suggests (the temporary
 * index on a batch predicate, an unbatched UPDATE rewritten in batches) is timed and projected beside it. One experiment of kind {@value #KIND} is stored.
 *
 * <p>Synchronous and cancellable; every database it creates is dropped before it returns.
 */
public final class ScriptTiming {
    public static final String KIND = "script-timing";
    /** The artifact with everything measured. */
    public static final String RESULTS = "results.json";
    /** The label of the script as the user wrote it. */
    public static final String AS_WRITTEN = "as written";
    /**
     * Bytes an index build sorts per row of a temporary index: a small key in an index tuple with its header and the
     * sort's own per-tuple overhead, as in the sample's benchmark.
     */
    static final long SORT_BYTES_PER_ROW = 48;
    /** setseed's argument: the same sample on every run. */
    static final double SEED = 0.42;
    /** How long a finished run's backend may take to leave, so that its statistics are flushed before we read. */
    private static final long BACKEND_EXIT_MILLIS = 5_000;

    private final Ledger ledger;
    private final Function<String, ? extends ConnectionFactory> connectors;
    private final String prefix;

    public ScriptTiming(Ledger ledger, TargetRegistry targets) {
        this(ledger, targets::connector);
    }

    public ScriptTiming(Ledger ledger, Function<String, ? extends ConnectionFactory> connectors) {
        this(ledger, connectors, "miglab_time_");
    }

    /**
     * @param prefix what the names of its scratch databases start with (a test tells its own from those of other
     *     runs on a shared server)
     */
    ScriptTiming(Ledger ledger, Function<String, ? extends ConnectionFactory> connectors, String prefix) {
        this.ledger = ledger;
        this.connectors = connectors;
        this.prefix = prefix;
    }

    public TimingResult time(TimingRequest request, ProgressListener progress, Cancellation cancellation) {
        String sql = read(request.script());
        String label = request.script().getFileName().toString();
        ConnectionFactory factory = connectors.apply(request.target());
        if (!factory.writable()) {
            throw new MigLabException("Target '" + request.target() + "' is guarded and locked: nothing was written;"
                    + " unlock it first (miglab target unlock " + request.target() + " --reason ...).");
        }
        String source = request.database() == null ? factory.defaultDatabase() : request.database();
        // CREATE DATABASE ... TEMPLATE needs nobody connected to the source: we work from another database.
        String admin = source.equals(factory.defaultDatabase()) ? "postgres" : factory.defaultDatabase();
        if (admin.equals(source)) {
            admin = "template1";
        }
        String prefix = this.prefix + Long.toHexString(System.nanoTime() & 0xffffffL);

        Plan plan = plan(factory, request, source, sql, label);
        List<Script> scripts = new ArrayList<>();
        scripts.add(new Script(AS_WRITTEN, null, null, null, sql));
        if (request.tryFixes()) {
            List<Finding> fixes = plan.lint().findings().stream()
                    .filter(Finding::hasMechanicalFix)
                    .toList();
            for (Finding f : fixes) {
                String name = fixLabel(f) + (fixes.size() > 1 ? " (line " + f.line() + ")" : "");
                // A rewrite ran in place of its statement: the variant keeps it as fixBefore, with no fixAfter.
                scripts.add(new Script(
                        name,
                        f.rule().id(),
                        f.rewrite() == null ? f.fixBefore() : f.rewrite().replacement(),
                        f.rewrite() == null ? f.fixAfter() : null,
                        f.fixed(sql)));
            }
        }

        ObjectNode params = Json.mapper().createObjectNode();
        params.put("file", label);
        params.put("database", source);
        params.put("table", plan.table());
        params.put("productionRows", plan.productionRows());
        params.put(
                "sizes",
                String.join(
                        ",",
                        request.fractions().stream().map(TimingRequest::percent).toList()));
        params.put("repeats", request.repeats());
        params.put("tryFixes", request.tryFixes());
        if (request.threshold() != null) {
            params.put("threshold", Durations.format(request.threshold()));
        }
        String title = "Script timing " + label + " at " + request.fractions().size() + " sizes of " + source
                + (scripts.size() > 1 ? " (" + scripts.size() + " variants)" : "");
        try (ExperimentRun run = ledger.begin(KIND, title, plan.fingerprint(), params)) {
            try {
                Lab lab = new Lab(
                        factory,
                        admin,
                        prefix,
                        request.script().toAbsolutePath().getParent(),
                        cancellation);
                List<List<Run>> runs = new ArrayList<>();
                List<List<SizePlans>> plans = new ArrayList<>();
                scripts.forEach(s -> {
                    runs.add(new ArrayList<>());
                    plans.add(new ArrayList<>());
                });
                int steps = request.fractions().size()
                        * (1 + (request.repeats() + (request.plans() ? 1 : 0)) * scripts.size());
                int step = 0;
                try {
                    String noPlans = request.plans() ? lab.plansUnavailable() : null;
                    for (double f : request.fractions()) {
                        cancellation.checkpoint();
                        progress.report(
                                Progress.of("Sampling " + source + " at " + TimingRequest.percent(f), step++, steps));
                        String sample = prefix + "_s";
                        lab.create(sample, source);
                        long[] size;
                        try (Connection c = factory.open(sample)) {
                            DatabaseSampler.sample(c, f, SEED, cancellation);
                            size = tableSize(c, plan.table());
                        } catch (SQLException e) {
                            throw new MigLabException(
                                    "Cannot sample " + source + " at " + TimingRequest.percent(f) + ": "
                                            + e.getMessage(),
                                    e);
                        }
                        for (int r = 0; r < request.repeats(); r++) {
                            for (int v = 0; v < scripts.size(); v++) {
                                // Alternate the order so that no variant always runs right after a sampling.
                                int i = r % 2 == 0 ? v : scripts.size() - 1 - v;
                                Script s = scripts.get(i);
                                cancellation.checkpoint();
                                progress.report(Progress.of(
                                        s.label() + " at " + TimingRequest.percent(f) + " (" + Counts.format(size[0])
                                                + " rows of " + plan.table() + ")",
                                        step++,
                                        steps));
                                runs.get(i).add(lab.run(s, sample, f, r, size[0], size[1]));
                            }
                        }
                        for (int i = 0; request.plans() && i < scripts.size(); i++) {
                            Script s = scripts.get(i);
                            cancellation.checkpoint();
                            progress.report(Progress.of(
                                    "Plans of " + s.label() + " at " + TimingRequest.percent(f), step++, steps));
                            plans.get(i)
                                    .add(
                                            noPlans != null
                                                    ? new SizePlans(f, size[0], 0, 0, 0, List.of(), noPlans)
                                                    : lab.explain(s, sample, f, size[0], median(runs.get(i), f)));
                        }
                        lab.drop(sample);
                    }
                } finally {
                    lab.dropAll();
                }
                List<Variant> variants = new ArrayList<>();
                for (int i = 0; i < scripts.size(); i++) {
                    variants.add(assess(scripts.get(i), runs.get(i), plans.get(i), plan, request.threshold()));
                }
                TimingResult result = new TimingResult(
                        label,
                        request.target(),
                        source,
                        plan.table(),
                        plan.productionRows(),
                        plan.productionSource(),
                        request.threshold() == null ? null : request.threshold().toNanos() / 1e9,
                        request.fractions(),
                        request.repeats(),
                        plan.server(),
                        variants,
                        run.id());
                record(run, result);
                run.succeed();
                return result;
            } catch (CancelledException e) {
                run.cancelled();
                throw e;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /**
     * "with the temporary index" for the batch predicate's index, "with orders_total_idx dropped and rebuilt" for an
     * index every update rewrites, the rewrite's own summary for a rewritten statement; the rule's id otherwise.
     */
    static String fixLabel(Finding f) {
        if (f.rewrite() != null) {
            return f.rewrite().summary(); // "batched by id, about 10,000 rows per transaction"
        }
        return switch (f.rule()) {
            case UNINDEXED_BATCH_PREDICATE -> "with the temporary index";
            case INDEX_ON_UPDATED_COLUMN -> "with "
                    + f.fixBefore().substring(f.fixBefore().lastIndexOf(' ') + 1) + " dropped and rebuilt";
            default -> "with the fix for " + f.rule().id();
        };
    }

    /** One variant of the script, ready to run. */
    private record Script(String label, String rule, String fixBefore, String fixAfter, String sql) {}

    /** What is read from the source database before anything is copied. */
    private record Plan(
            LintReport lint,
            String table,
            long productionRows,
            String productionSource,
            Server server,
            TargetFingerprint fingerprint) {}

    private static Plan plan(
            ConnectionFactory factory, TimingRequest request, String source, String sql, String label) {
        try (Connection c = factory.open(source)) {
            LintReport lint = ScriptLint.lint(
                    request.script(), label, new PostgresTableStats(c), LintConfig.near(request.script()));
            String table;
            if (request.productionTable() != null) {
                table = resolve(c, request.productionTable());
                if (table == null) {
                    throw new MigLabException("--production-rows names " + request.productionTable()
                            + ", which is no table of " + source + ".");
                }
            } else {
                table = measuredTable(c, sql, lint, source);
            }
            long production;
            String productionSource;
            if (request.productionRows() != null) {
                production = request.productionRows();
                productionSource = "--production-rows";
            } else {
                production = tableSize(c, table)[0];
                productionSource = "the rows of " + table + " in " + source;
                if (production < 1) {
                    throw new MigLabException(table + " in " + source + " is empty: give --production-rows " + table
                            + "=N to project to.");
                }
            }
            return new Plan(
                    lint,
                    table,
                    production,
                    productionSource,
                    server(c),
                    ServerFingerprint.capture(request.target(), c, source));
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot read database " + source + " on " + request.target() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The table whose rows are the size: the largest the script writes (TableAccess sees plain statements), else the
     * largest a lint finding names (the lint reads plpgsql bodies too), else the largest the script reads.
     */
    static String measuredTable(Connection c, String sql, LintReport lint, String source) throws SQLException {
        TableAccess access = TableAccess.of(sql);
        List<Set<String>> tiers = new ArrayList<>();
        tiers.add(access.writes());
        Set<String> named = new LinkedHashSet<>();
        lint.findings().stream().map(Finding::table).filter(t -> t != null).forEach(named::add);
        tiers.add(named);
        tiers.add(access.reads());
        for (Set<String> tier : tiers) {
            String best = null;
            long bestRows = -1;
            for (String name : tier) {
                String t = resolve(c, name);
                if (t != null) {
                    long rows = tableSize(c, t)[0];
                    if (rows > bestRows) {
                        best = t;
                        bestRows = rows;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        throw new MigLabException("The script touches no table of " + source
                + " that MigLab can see: name the table to size by with --production-rows TABLE=N.");
    }

    /** {@code schema.table} of an existing table or partitioned table, or null. */
    static String resolve(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? quoteIfNeeded(rs.getString(1)) + "." + quoteIfNeeded(rs.getString(2)) : null;
            }
        } catch (SQLException e) {
            if ("42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return null; // not a valid name, or a schema that does not exist
            }
            throw e;
        }
    }

    /** Rows (exact) and total bytes of {@code table}, a name {@link #resolve} returned. */
    static long[] tableSize(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM " + table + "), pg_total_relation_size('"
                        + table.replace("'", "''") + "'::regclass)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static String quoteIfNeeded(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : DatabaseSampler.quote(identifier);
    }

    /**
     * The server's version and the memory settings the projection's warnings compare with. RAM is this machine's,
     * read as the server's only when the server is local.
     */
    public static Server server(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version'),"
                        + " pg_size_bytes(current_setting('shared_buffers')),"
                        + " pg_size_bytes(current_setting('maintenance_work_mem')),"
                        + " inet_server_addr() IS NULL OR host(inet_server_addr()) IN ('127.0.0.1', '::1')")) {
            rs.next();
            Long ram = null;
            if (rs.getBoolean(4)
                    && ManagementFactory.getOperatingSystemMXBean()
                            instanceof com.sun.management.OperatingSystemMXBean os) {
                ram = os.getTotalMemorySize();
            }
            return new Server(rs.getString(1), rs.getLong(2), rs.getLong(3), ram);
        }
    }

    /** The median seconds of the runs at {@code fraction}. */
    private static double median(List<Run> runs, double fraction) {
        double[] s = runs.stream()
                .filter(r -> r.fraction() == fraction)
                .mapToDouble(Run::seconds)
                .sorted()
                .toArray();
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static Variant assess(Script script, List<Run> runs, List<SizePlans> plans, Plan plan, Duration threshold) {
        List<Measurement> points = runs.stream()
                .map(r -> new Measurement(r.rows(), r.bytes(), Math.max(r.seconds(), 1e-6)))
                .toList();
        long sizes = points.stream().mapToLong(Measurement::rows).distinct().count();
        if (points.size() < 3 || sizes < 2) {
            Verdict unknown = Verdict.unknown(script.label(), (int) sizes);
            return new Variant(
                    script.label(),
                    script.rule(),
                    script.fixBefore(),
                    script.fixAfter(),
                    runs,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    unknown.outcome().name(),
                    unknown.sentence(),
                    plans);
        }
        GrowthFit fit = GrowthModels.fit(points);
        Server s = plan.server();
        // An index built before or after (a rewrite, with no fixAfter, builds none).
        Long sort = script.fixAfter() != null ? plan.productionRows() * SORT_BYTES_PER_ROW : null;
        Regime regime = new Regime(null, s.sharedBuffers(), s.ram(), sort, s.maintenanceWorkMem());
        Projection p = fit.project(plan.productionRows(), regime);
        Verdict verdict;
        if (sizes < Verdict.MINIMUM_SIZES) {
            verdict = Verdict.unknown(script.label(), (int) sizes);
        } else if (threshold == null) {
            verdict = new Verdict(
                    Verdict.Outcome.UNKNOWN, script.label() + ": " + p.text() + ": no threshold: no verdict");
        } else {
            verdict = Verdict.of(script.label(), p, (int) sizes, threshold);
        }
        Interval k = fit.exponentInterval();
        return new Variant(
                script.label(),
                script.rule(),
                script.fixBefore(),
                script.fixAfter(),
                runs,
                fit.models().stream()
                        .map(m -> new Model(
                                m.model().label(),
                                m.formula(),
                                Double.isInfinite(m.looError()) ? null : m.looError(),
                                m.looText()))
                        .toList(),
                fit.chosen().label(),
                fit.exponent(),
                k.low(),
                k.high(),
                new ProjectionFigures(
                        p.rows(),
                        p.model().label(),
                        seconds(p.point()),
                        seconds(p.low()),
                        seconds(p.high()),
                        p.extrapolationFactor(),
                        p.text(),
                        p.warnings()),
                verdict.outcome().name(),
                verdict.sentence(),
                plans);
    }

    private void record(ExperimentRun run, TimingResult result) {
        List<String> notes = new ArrayList<>();
        for (Variant v : result.variants()) {
            notes.add(v.sentence());
            for (Run r : v.runs()) {
                run.measure(
                        v.label() + " at " + TimingRequest.percent(r.fraction()) + " run " + (r.repeat() + 1),
                        r.seconds(),
                        "s");
            }
            if (v.projection() != null) {
                run.measure(v.label() + " projected", v.projection().pointSeconds(), "s");
                run.measure(v.label() + " projected upper bound", v.projection().highSeconds(), "s");
            }
        }
        ledger.setNotes(run.id(), String.join("; ", notes));
        run.attachJson(RESULTS, result.withExperimentId(run.id()));
        run.tag(result.variants().size() > 1 ? "fixes-tried" : "as-written");
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static String read(Path script) {
        try {
            return new String(Files.readAllBytes(script), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MigLabException("Script file not found: " + script);
        } catch (MalformedInputException e) {
            throw new MigLabException("The script " + script + " is not valid UTF-8.");
        } catch (IOException e) {
            throw new MigLabException("Cannot read script file " + script + ": " + e.getMessage(), e);
        }
    }

    /** The databases of one timing: the sample copies and the run copies, dropped however the timing ends. */
    private static final class Lab {
        final ConnectionFactory factory;
        final String admin;
        final String prefix;
        final Path directory;
        final Cancellation cancellation;
        final List<String> created = new ArrayList<>();

        Lab(ConnectionFactory factory, String admin, String prefix, Path directory, Cancellation cancellation) {
            this.factory = factory;
            this.admin = admin;
            this.prefix = prefix;
            this.directory = directory;
            this.cancellation = cancellation;
        }

        void create(String database, String template) {
            try (Connection c = factory.open(admin);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DatabaseSampler.quote(database) + " TEMPLATE "
                        + DatabaseSampler.quote(template));
                created.add(database);
            } catch (SQLException e) {
                if ("55006".equals(e.getSQLState())) {
                    throw new MigLabException("Cannot copy " + template + ": other sessions are connected to it;"
                            + " CREATE DATABASE ... TEMPLATE needs nobody else connected (see pg_stat_activity).");
                }
                throw new MigLabException("Cannot copy " + template + " to " + database + ": " + e.getMessage(), e);
            }
        }

        void drop(String database) {
            try (Connection c = factory.open(admin);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + DatabaseSampler.quote(database) + " WITH (FORCE)");
                created.remove(database);
            } catch (SQLException e) {
                throw new MigLabException("Cannot drop the scratch copy " + database + ": " + e.getMessage(), e);
            }
        }

        void dropAll() {
            for (String database : List.copyOf(created)) {
                try {
                    drop(database);
                } catch (MigLabException e) {
                    // The failure that brought us here is reported; a leftover carries the run's prefix.
                }
            }
        }

        /** {@code script} on a fresh copy of {@code sample}, timed by the wall clock, with the copy's statistics. */
        Run run(Script script, String sample, double fraction, int repeat, long rows, long bytes) {
            String copy = prefix + "_r";
            create(copy, sample);
            long[] before = stats(copy);
            try (Connection c = factory.open(admin);
                    Statement s = c.createStatement()) {
                s.execute("CHECKPOINT"); // the copy's pages written out, so that no run pays for another's
            } catch (SQLException e) {
                // CHECKPOINT needs pg_checkpoint or superuser; without it the runs are only noisier.
            }
            double seconds = runScript(script, copy, new ScriptRunner(factory));
            awaitBackendsGone(copy);
            long[] after = stats(copy);
            drop(copy);
            return new Run(
                    fraction,
                    repeat,
                    rows,
                    bytes,
                    seconds,
                    after[0] - before[0],
                    after[1] - before[1],
                    after[2] - before[2],
                    after[3] - before[3]);
        }

        /** Seconds {@code script} took on {@code copy} by the wall clock, as psql would run it, stopping at an error. */
        double runScript(Script script, String copy, ScriptRunner runner) {
            long start = System.nanoTime();
            runner.run(
                    script.label(),
                    new ByteArrayInputStream(script.sql().getBytes(StandardCharsets.UTF_8)),
                    directory,
                    ScriptOptions.defaults().withDatabase(copy).withStopOnError(true),
                    ProgressListener.NONE,
                    cancellation);
            return (System.nanoTime() - start) / 1e9;
        }

        /** Why this server cannot give plans, or null when it can. */
        String plansUnavailable() {
            try (Connection c = factory.open(admin)) {
                return StatementPlans.unavailable(c);
            } catch (SQLException e) {
                return "no plans: " + e.getMessage();
            }
        }

        /**
         * {@code script} once more on a fresh copy of {@code sample}, with auto_explain on for that copy only: the
         * plans of its heaviest statements. {@code expectedSeconds} (the timed runs' median) sets the threshold.
         */
        SizePlans explain(Script script, String sample, double fraction, long rows, double expectedSeconds) {
            String copy = prefix + "_e";
            int threshold = StatementPlans.thresholdMillis(expectedSeconds);
            create(copy, sample);
            try {
                try (Connection c = factory.open(admin)) {
                    StatementPlans.enable(c, copy, threshold);
                } catch (SQLException e) {
                    return new SizePlans(fraction, rows, 0, threshold, 0, List.of(), "no plans: " + e.getMessage());
                }
                StatementPlans collector = new StatementPlans();
                double seconds = runScript(script, copy, new ScriptRunner(factory).withNotices(collector));
                List<TimingResult.HeavyStatement> heaviest = collector.heaviest();
                return new SizePlans(
                        fraction,
                        rows,
                        seconds,
                        threshold,
                        collector.plans(),
                        heaviest,
                        heaviest.isEmpty() ? "no statement took " + threshold + " ms or more" : null);
            } finally {
                drop(copy);
            }
        }

        /** blks_read, blks_hit, temp_files, temp_bytes of {@code database}. */
        long[] stats(String database) {
            try (Connection c = factory.open(admin);
                    Statement s = c.createStatement()) {
                s.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(blks_read), 0), coalesce(sum(blks_hit), 0),"
                        + " coalesce(sum(temp_files), 0), coalesce(sum(temp_bytes), 0) FROM pg_stat_database"
                        + " WHERE datname = '" + database.replace("'", "''") + "'")) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
                }
            } catch (SQLException e) {
                throw new MigLabException("Cannot read the statistics of " + database + ": " + e.getMessage(), e);
            }
        }

        /**
         * A backend flushes its statistics as it exits, after the client has closed: wait (bounded) until the run's
         * session has left, so that the counts read next include it.
         */
        void awaitBackendsGone(String database) {
            long deadline = System.nanoTime() + BACKEND_EXIT_MILLIS * 1_000_000;
            try (Connection c = factory.open(admin);
                    PreparedStatement ps =
                            c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
                ps.setString(1, database);
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            return;
                        }
                    }
                    Thread.sleep(5);
                }
            } catch (SQLException e) {
                // The counts may then miss the run's last moments; the timing does not depend on them.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
