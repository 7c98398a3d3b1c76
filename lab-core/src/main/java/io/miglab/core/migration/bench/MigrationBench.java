package io.miglab.core.migration.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.migration.bench.BenchResult.Comparison;
import io.miglab.core.migration.bench.BenchResult.FileResult;
import io.miglab.core.migration.bench.BenchResult.Gate;
import io.miglab.core.migration.bench.BenchResult.KindTotal;
import io.miglab.core.migration.bench.BenchResult.StatementTiming;
import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.targets.ConnectionFactory;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.workload.Bootstrap;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Times a folder of migration files on scratch copies of a start database, sequentially or in parallel batches,
 * keeps the results in the ledger, caches an unchanged set's end state as a template database, and gates a run
 * against an earlier one. Every statement goes through the target's {@link ConnectionFactory}, so the guard sees
 * them all.
 */
public final class MigrationBench {
    public static final String KIND = "migrations-bench";
    public static final String RESULTS = "results.json";
    /** Prefix of the cache templates; the scratch copies use {@value #COPY_PREFIX}. */
    public static final String CACHE_PREFIX = "miglab_bench_";

    static final String COPY_PREFIX = "miglab_benchrun_";
    /**
     * A file fails the gate only when it also got slower by more than this many seconds: a 3 ms file that takes
     * 5 ms after a scheduler hiccup is noise whatever its interval says.
     */
    static final double NOISE_FLOOR_SECONDS = 0.02;

    private static final int RESAMPLES = 2000;
    static final int MIN_FILES_FOR_DRIFT = 5;
    /** SQLSTATE object_in_use: the database has other sessions. */
    private static final String BUSY = "55006";

    private static final long IDLE_WAIT_NANOS = 5_000_000_000L;

    private final Ledger ledger;
    private final Function<String, ? extends ConnectionFactory> connectors;

    public MigrationBench(Ledger ledger, TargetRegistry targets) {
        this(ledger, targets::connector);
    }

    public MigrationBench(Ledger ledger, Function<String, ? extends ConnectionFactory> connectors) {
        this.ledger = ledger;
        this.connectors = connectors;
    }

    /** Reads the set and its dependency graph without touching a database. */
    public static DependencyGraph plan(java.nio.file.Path folder) {
        return DependencyGraph.of(MigrationSet.read(folder));
    }

    public BenchResult bench(BenchRequest request, ProgressListener progress, Cancellation cancellation) {
        MigrationSet set = MigrationSet.read(request.folder());
        DependencyGraph graph = DependencyGraph.of(set);
        ConnectionFactory factory = connectors.apply(request.target());
        if (!factory.writable()) {
            throw new MigLabException("Target '" + request.target() + "' is guarded and locked: nothing was written;"
                    + " unlock it first (miglab target unlock " + request.target() + " --reason ...).");
        }
        String start = request.database() == null ? factory.defaultDatabase() : request.database();
        String admin = start.equals(factory.defaultDatabase()) ? "postgres" : factory.defaultDatabase();
        Earlier earlier = request.against() == null ? null : earlier(request.against());
        String startFingerprint;
        TargetFingerprint targetFingerprint;
        try (Connection c = factory.open(start)) {
            startFingerprint = EndState.fingerprint(c);
            targetFingerprint = ServerFingerprint.capture(request.target(), c, start);
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot read the start database " + start + " on " + request.target() + ": " + e.getMessage(), e);
        }
        StringBuilder keyText = new StringBuilder(startFingerprint);
        set.files().forEach(f -> keyText.append('\n').append(f.sha256()));
        String setKey = MigrationSet.sha256(keyText.toString());
        String cacheDatabase = CACHE_PREFIX + setKey.substring(0, 12);
        String mode = request.parallel() ? "parallel" : "sequential";
        ObjectNode params = parameters(request, set, start, mode, setKey);
        String title = "Migrations bench " + set.folder().getFileName() + " ("
                + set.files().size() + " files, " + mode
                + (request.repeats() > 1 ? ", " + request.repeats() + " repeats" : "") + ")";
        try (ExperimentRun run = ledger.begin(KIND, title, targetFingerprint, params)) {
            try {
                Runner runner =
                        new Runner(factory, admin, set, graph, request.statementTimeout(), progress, cancellation);
                BenchResult result;
                Optional<BenchResult> previous = request.cacheable() && runner.exists(cacheDatabase)
                        ? previousWithKey(setKey)
                        : Optional.empty();
                if (previous.isPresent()) {
                    result = restore(runner, request, run.id(), cacheDatabase, previous.get());
                } else {
                    result = replay(runner, request, run.id(), start, setKey, cacheDatabase);
                    if (result.cacheDatabase() != null) {
                        dropOlderCaches(runner, request.target(), start, result);
                    }
                }
                if (earlier != null) {
                    result = gate(result, earlier, request.maxRegression());
                }
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

    private BenchResult restore(
            Runner runner, BenchRequest request, long id, String cacheDatabase, BenchResult previous) {
        runner.progress.report(Progress.indeterminate("The set is unchanged: restoring its end state from the"
                + " template " + cacheDatabase + " instead of replaying it"));
        String copy = runner.copy(cacheDatabase);
        List<String> kept = new ArrayList<>();
        EndState state;
        try {
            state = runner.endState(copy);
        } finally {
            if (request.keepCopies()) {
                kept.add(copy);
            } else {
                runner.drop(copy);
            }
        }
        if (previous.endState() != null && !previous.endState().equals(state)) {
            throw new MigLabException("The cache template " + cacheDatabase + " no longer holds the end state"
                    + " recorded in experiment " + previous.experimentId() + "; drop it (DROP DATABASE "
                    + cacheDatabase + ") and bench again.");
        }
        return new BenchResult(
                id,
                previous.folder(),
                previous.mode(),
                true,
                previous.setKey(),
                cacheDatabase,
                previous.files().stream().map(FileResult::cachedCopy).toList(),
                previous.batches(),
                previous.problems(),
                previous.slowestKinds(),
                previous.totals(),
                state,
                kept,
                null);
    }

    private BenchResult replay(
            Runner runner, BenchRequest request, long id, String start, String setKey, String cacheDatabase) {
        int n = runner.set.files().size();
        List<List<Double>> seconds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seconds.add(new ArrayList<>());
        }
        List<Double> totals = new ArrayList<>();
        List<String> cacheKeys = new ArrayList<>();
        List<List<StatementTiming>> statements = new ArrayList<>();
        Map<String, double[]> kinds = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        EndState last = null;
        boolean cacheMade = false;
        for (int r = 0; r < request.repeats(); r++) {
            runner.cancellation.checkpoint();
            runner.repeat = r;
            runner.repeats = request.repeats();
            String copy = runner.copy(start);
            boolean keepThis = request.keepCopies();
            try {
                Run one = request.parallel() ? runner.parallel(copy) : runner.sequential(copy, r == 0);
                totals.add(one.total);
                for (int i = 0; i < n; i++) {
                    seconds.get(i).add(one.seconds[i]);
                }
                statements = one.statements;
                if (r == 0 && !request.parallel()) {
                    cacheKeys = one.startFingerprints;
                }
                for (List<StatementTiming> file : one.statements) {
                    for (StatementTiming s : file) {
                        double[] k = kinds.computeIfAbsent(s.kind(), x -> new double[2]);
                        k[0] += 1.0 / request.repeats();
                        k[1] += s.seconds() / request.repeats();
                    }
                }
                EndState state = runner.endState(copy);
                if (last != null && !last.equals(state)) {
                    throw new MigLabException("The set's end state differs between repeats " + r + " and " + (r + 1)
                            + ": the migrations are not deterministic (now(), random(), a sequence shared between"
                            + " files), so runs cannot be compared.");
                }
                last = state;
                if (!request.parallel() && !cacheMade && !runner.exists(cacheDatabase)) {
                    runner.rename(copy, cacheDatabase);
                    cacheMade = true;
                    if (keepThis) {
                        kept.add(runner.copy(cacheDatabase));
                    }
                    keepThis = true; // renamed: nothing left to drop
                } else if (keepThis) {
                    kept.add(copy);
                }
            } finally {
                if (!keepThis) {
                    runner.drop(copy);
                }
            }
        }
        List<FileResult> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MigrationFile f = runner.set.files().get(i);
            TableAccess a = runner.graph.accesses().get(i);
            String cacheKey = cacheKeys.isEmpty() ? null : MigrationSet.sha256(f.sha256() + "\n" + cacheKeys.get(i));
            files.add(new FileResult(
                    f.fileName(),
                    f.sha256(),
                    cacheKey,
                    runner.graph.batch().get(i),
                    a.reads().stream().sorted().toList(),
                    a.writes().stream().sorted().toList(),
                    seconds.get(i),
                    statements.get(i),
                    false,
                    null));
        }
        List<KindTotal> kindTotals = kinds.entrySet().stream()
                .map(e -> new KindTotal(e.getKey(), (int) Math.round(e.getValue()[0]), e.getValue()[1]))
                .sorted(java.util.Comparator.comparingDouble(KindTotal::seconds).reversed())
                .toList();
        boolean cacheExists = !request.parallel() || runner.exists(cacheDatabase);
        return new BenchResult(
                id,
                runner.set.folder().getFileName().toString(),
                request.parallel() ? "parallel" : "sequential",
                false,
                setKey,
                cacheExists ? cacheDatabase : null,
                files,
                runner.graph.batchNames(),
                runner.graph.problems(),
                kindTotals,
                totals,
                last,
                kept,
                null);
    }

    /** Compares each file's repeats with the earlier experiment's, by file name. */
    static BenchResult gate(BenchResult now, Earlier earlier, double maxRegression) {
        Map<String, Bootstrap.Interval> intervals = new LinkedHashMap<>();
        for (FileResult f : now.files()) {
            List<Double> before = earlier.seconds.get(f.file());
            if (before != null && !before.isEmpty()) {
                intervals.put(
                        f.file(),
                        Bootstrap.medianRatio(
                                nanos(before),
                                null,
                                nanos(f.seconds()),
                                null,
                                RESAMPLES,
                                0.95,
                                14L,
                                Integer.MAX_VALUE,
                                1));
            }
        }
        // Files below the noise floor say more about the scheduler than about the machine's pace: left out.
        double drift = drift(intervals.entrySet().stream()
                .filter(e -> FileResult.median(earlier.seconds.get(e.getKey())) >= NOISE_FLOOR_SECONDS)
                .map(e -> e.getValue().ratio())
                .toList());
        List<FileResult> files = new ArrayList<>();
        List<String> regressed = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (FileResult f : now.files()) {
            Bootstrap.Interval interval = intervals.get(f.file());
            if (interval == null) {
                unmatched.add(f.file());
                files.add(f);
                continue;
            }
            double earlierMedian = FileResult.median(earlier.seconds.get(f.file()));
            boolean slower = interval.low() / drift > 1 + maxRegression
                    && f.medianSeconds() / drift - earlierMedian > NOISE_FLOOR_SECONDS;
            if (slower) {
                regressed.add(f.file());
            }
            files.add(f.withComparison(
                    new Comparison(earlierMedian, interval.ratio(), interval.low(), interval.high(), slower)));
        }
        return new BenchResult(
                now.experimentId(),
                now.folder(),
                now.mode(),
                now.cached(),
                now.setKey(),
                now.cacheDatabase(),
                files,
                now.batches(),
                now.problems(),
                now.slowestKinds(),
                now.totals(),
                now.endState(),
                now.keptDatabases(),
                new Gate(earlier.id, maxRegression, drift, regressed, unmatched));
    }

    /**
     * How much slower the machine runs now than then, judged by the whole set: the median of the files' ratios,
     * taken only from {@value #MIN_FILES_FOR_DRIFT} files on (fewer cannot outvote one slowed file), leaving out
     * files below the noise floor, and never below 1. A busy CI runner slows every file
     * alike; one slowed migration moves the median little. Dividing it out keeps the gate on what changed in a file,
     * at the price of not failing a set that got uniformly slower (which the output shows as the drift).
     */
    static double drift(List<Double> ratios) {
        if (ratios.size() < MIN_FILES_FOR_DRIFT) {
            return 1;
        }
        return Math.max(1, FileResult.median(ratios));
    }

    private static long[] nanos(List<Double> seconds) {
        // At least 1 ns, so a ratio never divides by zero.
        return seconds.stream().mapToLong(s -> Math.max(1, Math.round(s * 1e9))).toArray();
    }

    /** An earlier bench's per-file durations, by file name. */
    record Earlier(long id, Map<String, List<Double>> seconds) {}

    private Earlier earlier(long id) {
        Experiment e = ledger.find(id)
                .orElseThrow(
                        () -> new MigLabException("--against " + id + ": the ledger has no experiment " + id + "."));
        if (!e.kind().equals(KIND)) {
            throw new MigLabException("--against " + id + ": experiment " + id + " is a " + e.kind()
                    + " experiment, not a " + KIND + ".");
        }
        if (e.status() != ExperimentStatus.SUCCEEDED) {
            throw new MigLabException("--against " + id + ": experiment " + id + " did not succeed ("
                    + e.status().label() + ").");
        }
        BenchResult r = results(id)
                .orElseThrow(() ->
                        new MigLabException("--against " + id + ": experiment " + id + " has no " + RESULTS + "."));
        Map<String, List<Double>> seconds = new HashMap<>();
        r.files().forEach(f -> seconds.put(f.file(), f.seconds()));
        return new Earlier(id, seconds);
    }

    /** The stored results of an experiment, when it has them. */
    public Optional<BenchResult> results(long experimentId) {
        for (Artifact a : ledger.artifacts(experimentId)) {
            if (a.name().equals(RESULTS)) {
                try {
                    return Optional.of(Json.mapper().readValue(ledger.artifactContent(a.id()), BenchResult.class));
                } catch (IOException ex) {
                    throw new MigLabException(
                            "The " + RESULTS + " of experiment " + experimentId + " cannot be read: " + ex.getMessage(),
                            ex);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Drops the cache templates that earlier versions of the same folder (by name, on the same target and start
     * database) left, so a set edited a hundred times holds one template, not a hundred.
     */
    private void dropOlderCaches(Runner runner, String target, String start, BenchResult now) {
        for (Experiment e : ledger.list(new ExperimentFilter(KIND, ExperimentStatus.SUCCEEDED, null, null, 0))) {
            JsonNode p = e.parameters();
            if (e.id() == now.experimentId()
                    || p == null
                    || !now.folder().equals(p.path("folder").asText())
                    || !start.equals(p.path("database").asText())
                    || !target.equals(e.target().targetName())) {
                continue;
            }
            String old = results(e.id()).map(BenchResult::cacheDatabase).orElse(null);
            if (old != null && !old.equals(now.cacheDatabase()) && old.startsWith(CACHE_PREFIX) && runner.exists(old)) {
                runner.progress.report(Progress.indeterminate(
                        "Dropping the cache " + old + " of an earlier version" + " of " + now.folder()));
                runner.drop(old);
            }
        }
    }

    /** The newest succeeded sequential, replayed bench of the same set, whose timings a cached rerun reports. */
    private Optional<BenchResult> previousWithKey(String setKey) {
        for (Experiment e : ledger.list(new ExperimentFilter(KIND, ExperimentStatus.SUCCEEDED, null, null, 0))) {
            JsonNode p = e.parameters();
            if (p != null
                    && setKey.equals(p.path("setKey").asText())
                    && "sequential".equals(p.path("mode").asText())) {
                Optional<BenchResult> r = results(e.id());
                if (r.isPresent() && !r.get().cached()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    private static ObjectNode parameters(
            BenchRequest request, MigrationSet set, String start, String mode, String key) {
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("folder", set.folder().getFileName().toString());
        params.put("database", start);
        params.put("mode", mode);
        params.put("repeats", request.repeats());
        params.put("setKey", key);
        if (request.against() != null) {
            params.put("against", request.against());
            params.put("maxRegression", request.maxRegression());
        }
        ArrayNode files = params.putArray("files");
        for (MigrationFile f : set.files()) {
            files.addObject().put("file", f.fileName()).put("sha256", f.sha256());
        }
        return params;
    }

    /** One line for the experiment's notes: the slowest files and statement kinds. */
    static String summary(BenchResult r) {
        return "Slowest files: "
                + String.join(
                        ", ",
                        r.slowestFiles().stream()
                                .limit(3)
                                .map(f -> f.file() + String.format(java.util.Locale.ROOT, " %.3f s", f.medianSeconds()))
                                .toList())
                + ". Slowest statement kinds: "
                + String.join(
                        ", ",
                        r.slowestKinds().stream()
                                .limit(3)
                                .map(k -> k.kind() + String.format(java.util.Locale.ROOT, " %.3f s", k.seconds()))
                                .toList())
                + ".";
    }

    private void record(ExperimentRun run, BenchResult result) {
        ledger.setNotes(run.id(), summary(result));
        run.attachJson(RESULTS, result);
        for (FileResult f : result.files()) {
            run.measure("file " + f.file(), f.medianSeconds(), "s");
        }
        run.measure("total", result.medianTotal(), "s");
        for (KindTotal k : result.slowestKinds().stream().limit(5).toList()) {
            run.measure("kind " + k.kind(), k.seconds(), "s");
        }
        run.tag(result.cached() ? "cached" : result.mode());
        if (result.gate() != null) {
            run.tag(result.gate().passed() ? "gate-passed" : "gate-failed");
        }
    }

    /** One run of the whole set. */
    private record Run(
            double total, double[] seconds, List<List<StatementTiming>> statements, List<String> startFingerprints) {}

    /** The database work of one bench: copies, runs, end states. */
    private static final class Runner {
        final ConnectionFactory factory;
        final String admin;
        final MigrationSet set;
        final DependencyGraph graph;
        final java.time.Duration statementTimeout;
        final ProgressListener progress;
        final Cancellation cancellation;
        int repeat;
        int repeats = 1;

        Runner(
                ConnectionFactory factory,
                String admin,
                MigrationSet set,
                DependencyGraph graph,
                java.time.Duration statementTimeout,
                ProgressListener progress,
                Cancellation cancellation) {
            this.factory = factory;
            this.admin = admin;
            this.set = set;
            this.graph = graph;
            this.statementTimeout = statementTimeout;
            this.progress = progress;
            this.cancellation = cancellation;
        }

        Run sequential(String database, boolean fingerprints) {
            int n = set.files().size();
            double[] seconds = new double[n];
            List<List<StatementTiming>> statements = new ArrayList<>();
            List<String> starts = new ArrayList<>();
            try (Connection c = open(database)) {
                long started = System.nanoTime();
                long excluded = 0;
                for (int i = 0; i < n; i++) {
                    if (fingerprints) {
                        long t = System.nanoTime();
                        starts.add(EndState.fingerprint(c));
                        excluded += System.nanoTime() - t;
                    }
                    report(i, n, set.files().get(i).fileName());
                    long t0 = System.nanoTime();
                    statements.add(runFile(c, set.files().get(i), cancellation));
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                }
                return new Run((System.nanoTime() - started - excluded) / 1e9, seconds, statements, starts);
            } catch (SQLException e) {
                throw new MigLabException(
                        "The bench lost its connection to " + database + ": " + oneLine(e.getMessage()), e);
            }
        }

        Run parallel(String database) {
            int n = set.files().size();
            double[] seconds = new double[n];
            List<List<StatementTiming>> statements = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                statements.add(List.of());
            }
            List<List<Integer>> batches = graph.batches();
            int width = batches.stream().mapToInt(List::size).max().orElse(1);
            List<Connection> connections = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(width, r -> {
                Thread t = new Thread(r, "migrations-bench");
                t.setDaemon(true);
                return t;
            });
            // A file that fails stops its batch's other files, without cancelling the caller's token.
            Cancellation local = new Cancellation();
            try (Cancellation.Registration forward = cancellation.onCancel(local::cancel)) {
                // Connections are opened before the clock starts: connecting is not migrating.
                for (int i = 0; i < width; i++) {
                    connections.add(open(database));
                }
                long started = System.nanoTime();
                int done = 0;
                for (int b = 0; b < batches.size(); b++) {
                    List<Integer> batch = batches.get(b);
                    cancellation.checkpoint();
                    report(
                            done,
                            n,
                            "batch " + (b + 1) + "/" + batches.size() + ": "
                                    + String.join(
                                            ", ",
                                            batch.stream()
                                                    .map(i -> set.files().get(i).fileName())
                                                    .toList()));
                    CompletionService<Void> running = new ExecutorCompletionService<>(pool);
                    for (int k = 0; k < batch.size(); k++) {
                        int index = batch.get(k);
                        Connection c = connections.get(k);
                        running.submit(() -> {
                            long t0 = System.nanoTime();
                            statements.set(index, runFile(c, set.files().get(index), local));
                            seconds[index] = (System.nanoTime() - t0) / 1e9;
                            return null;
                        });
                    }
                    waitFor(running, batch.size(), local);
                    done += batch.size();
                }
                return new Run((System.nanoTime() - started) / 1e9, seconds, List.copyOf(statements), List.of());
            } catch (SQLException e) {
                throw new MigLabException(
                        "The bench cannot connect to " + database + ": " + oneLine(e.getMessage()), e);
            } finally {
                pool.shutdownNow();
                for (Connection c : connections) {
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // The copy is dropped next; a connection that will not close is of no consequence.
                    }
                }
            }
        }

        /** Waits for a batch's files as they end; the first failure stops the others and is thrown. */
        private void waitFor(CompletionService<Void> running, int count, Cancellation local) {
            RuntimeException failure = null;
            for (int i = 0; i < count; i++) {
                try {
                    running.take().get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re
                                ? re
                                : new MigLabException(
                                        String.valueOf(e.getCause().getMessage()), e.getCause());
                        local.cancel();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    local.cancel();
                    throw new CancelledException();
                }
            }
            if (failure != null) {
                throw cancellation.isCancelled() ? new CancelledException() : failure;
            }
        }

        private void report(int done, int n, String what) {
            long total = (long) n * repeats;
            progress.report(
                    Progress.of("Run " + (repeat + 1) + "/" + repeats + ": " + what, (long) repeat * n + done, total));
        }

        /** Runs one file statement by statement in auto-commit, timing each; a failure names file and line. */
        List<StatementTiming> runFile(Connection c, MigrationFile file, Cancellation cancellation) {
            List<StatementTiming> out = new ArrayList<>();
            for (SqlStatement s : SqlStatements.split(file.sql())) {
                cancellation.checkpoint();
                try (Statement st = c.createStatement();
                        Cancellation.Registration ignored = cancellation.onCancel(() -> cancel(st))) {
                    long t0 = System.nanoTime();
                    st.execute(s.text());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    out.add(new StatementTiming(s.line(), TableAccess.kind(s.tokens()), s.firstLine(), seconds));
                } catch (SQLException e) {
                    cancellation.checkpoint();
                    throw new MigLabException(
                            file.fileName() + " line " + s.line() + ": " + oneLine(e.getMessage()) + " ("
                                    + s.firstLine() + ")",
                            e);
                }
            }
            return out;
        }

        private static void cancel(Statement st) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // The statement ended meanwhile.
            }
        }

        EndState endState(String database) {
            try (Connection c = open(database)) {
                return EndState.capture(c);
            } catch (SQLException e) {
                throw new MigLabException(
                        "Cannot read the end state of " + database + ": " + oneLine(e.getMessage()), e);
            }
        }

        /** A fresh copy of {@code template}; its name. */
        String copy(String template) {
            String name =
                    COPY_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try {
                whenIdle(template, "CREATE DATABASE " + EndState.quote(name) + " TEMPLATE " + EndState.quote(template));
            } catch (SQLException e) {
                if (BUSY.equals(e.getSQLState())) {
                    throw new MigLabException(
                            "Cannot copy the database " + template + ": other sessions are"
                                    + " connected to it, and CREATE DATABASE ... TEMPLATE needs it to itself. Close them"
                                    + " (pg_stat_activity lists them) and bench again.",
                            e);
                }
                throw new MigLabException("Cannot copy the database " + template + ": " + oneLine(e.getMessage()), e);
            }
            return name;
        }

        void rename(String from, String to) {
            try {
                whenIdle(from, "ALTER DATABASE " + EndState.quote(from) + " RENAME TO " + EndState.quote(to));
            } catch (SQLException e) {
                throw new MigLabException(
                        "Cannot keep " + from + " as the cache " + to + ": " + oneLine(e.getMessage()), e);
            }
        }

        /**
         * Runs {@code sql}, which needs {@code database} to have no sessions. A connection this bench just closed
         * can linger on the server for some milliseconds, so a busy database is waited for (its sessions gone
         * from pg_stat_activity) for up to {@link #IDLE_WAIT_NANOS} before giving up.
         */
        private void whenIdle(String database, String sql) throws SQLException {
            try {
                admin(sql);
                return;
            } catch (SQLException e) {
                if (!BUSY.equals(e.getSQLState())) {
                    throw e;
                }
            }
            long deadline = System.nanoTime() + IDLE_WAIT_NANOS;
            try (Connection c = factory.open(admin);
                    var ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
                ps.setString(1, database);
                while (System.nanoTime() < deadline) {
                    cancellation.checkpoint();
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            break;
                        }
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                }
            }
            admin(sql);
        }

        void drop(String database) {
            try {
                admin("DROP DATABASE IF EXISTS " + EndState.quote(database) + " WITH (FORCE)");
            } catch (SQLException e) {
                progress.report(Progress.indeterminate(
                        "Could not drop the scratch database " + database + ": " + oneLine(e.getMessage())));
            }
        }

        boolean exists(String database) {
            try (Connection c = factory.open(admin);
                    var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new MigLabException("Cannot list the databases: " + oneLine(e.getMessage()), e);
            }
        }

        private void admin(String sql) throws SQLException {
            try (Connection c = factory.open(admin);
                    Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }

        private Connection open(String database) throws SQLException {
            Connection c = factory.open(database);
            c.setAutoCommit(true);
            if (statementTimeout != null) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET statement_timeout = " + statementTimeout.toMillis());
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
            }
            return c;
        }

        static String oneLine(String message) {
            String m = String.valueOf(message).strip();
            int nl = m.indexOf('\n');
            return nl < 0 ? m : m.substring(0, nl);
        }
    }
}
