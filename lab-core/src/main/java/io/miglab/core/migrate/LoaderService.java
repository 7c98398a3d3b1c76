package io.miglab.core.migrate;

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
import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import io.miglab.core.migrate.ClientTools.ClientTool;
import io.miglab.core.migrate.LoadReport.PhaseTime;
import io.miglab.core.migrate.LoadReport.ResourceUsage;
import io.miglab.core.migrate.LoadReport.TableLoad;
import io.miglab.core.migrate.SchemaPlan.Kind;
import io.miglab.core.migrate.SchemaPlan.PostStatement;
import io.miglab.core.migrate.SourceCatalog.LoadTable;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * {@link Loaders} on a workspace's ledger and targets. Every connection comes from the targets' connectors, so on a
 * guarded destination every statement passes the statement gate (and a locked one is refused before anything is
 * written).
 *
 * <p>A run, in order: the destination database is created when missing; the schema comes from the source
 * ({@code pg_dump --schema-only} when a compatible pg_dump exists and every table is loaded, else MigLab's catalog
 * DDL); indexes, keys and check constraints are built before the copy, or after it with {@code dropIndexes};
 * foreign keys are always added after the copy, because tables load in any order (and in parallel) and a foreign key
 * checks every row against the referenced table, which is what pg_restore does too; then SET LOGGED for
 * {@code unlogged}, the sequences set to the source's values, and ANALYZE. Each part is a phase of the report.
 *
 * <p>The loaders read the source with {@code COPY (SELECT ...) TO STDOUT} (COPY kinds, streamed straight into
 * {@code COPY ... FROM STDIN} on the destination, one CopyData message at a time: constant memory) or a cursor
 * (INSERT kinds, every value as text cast back to the destination column's type, so enums, domains, arrays and bytea
 * round-trip exactly). Binary COPY moves user-defined types too: arrays and composites carry their element types'
 * oids, which differ between databases, but PostgreSQL's receive functions only compare oids of built-in types
 * (checked on 15: an enum array and a composite with an enum, between two databases).
 */
public final class LoaderService implements Loaders {
    private final Ledger ledger;
    private final Function<String, TargetConnector> connectors;
    private final ClientTools clientTools;
    private final ExternalLoader external;
    private final boolean catalogOnly;
    /** Tables above this size (and above 1/N of the total) are split by key ranges for parallel COPY. */
    private final long minSplitBytes;

    static final long MIN_SPLIT_BYTES = 8L << 20;
    /** Bytes gathered into one CopyData message on the way to the destination. */
    static final int COPY_CHUNK = 64 * 1024;

    /** Moves the rows instead of MigLab's own loaders: the benchmark's {@code psql \copy} anchor. */
    interface CopyOverride {
        /** Copies every table, returning rows per table (qualified name). */
        Map<String, Long> copy(
                TargetConnector source,
                String sourceDatabase,
                TargetConnector destination,
                String destinationDatabase,
                List<LoadTable> tables,
                Cancellation cancellation);
    }

    private CopyOverride copyOverride;
    private String extraTag;

    public LoaderService(Ledger ledger, TargetRegistry targets) {
        this(ledger, targets, ClientTools.onThisMachine(System.getenv()), null);
    }

    /** @param external runs the pg_dump/pg_restore loader kinds; null refuses them */
    public LoaderService(Ledger ledger, TargetRegistry targets, ClientTools clientTools, ExternalLoader external) {
        this(ledger, targets::connector, clientTools, external, false, MIN_SPLIT_BYTES);
    }

    LoaderService(
            Ledger ledger,
            Function<String, TargetConnector> connectors,
            ClientTools clientTools,
            ExternalLoader external,
            boolean catalogOnly,
            long minSplitBytes) {
        this.ledger = ledger;
        this.connectors = connectors;
        this.clientTools = clientTools;
        this.external = external;
        this.catalogOnly = catalogOnly;
        this.minSplitBytes = minSplitBytes;
    }

    /** The same service with MigLab's catalog DDL even where pg_dump could dump the schema (tests). */
    LoaderService catalogDdlOnly() {
        return new LoaderService(ledger, connectors, clientTools, external, true, minSplitBytes);
    }

    /** The same service with the copy phase done by {@code override}, its runs tagged {@code tag}. */
    LoaderService withCopy(CopyOverride override, String tag) {
        LoaderService s = new LoaderService(ledger, connectors, clientTools, external, catalogOnly, minSplitBytes);
        s.copyOverride = override;
        s.extraTag = tag;
        return s;
    }

    /** The same service splitting smaller tables by key ranges (tests, on small tables). */
    LoaderService splittingAbove(long bytes) {
        return new LoaderService(ledger, connectors, clientTools, external, catalogOnly, bytes);
    }

    /** The same service with the pg_dump/pg_restore loaders plugged in. */
    public LoaderService withExternalLoader(ExternalLoader loader) {
        return new LoaderService(ledger, connectors, clientTools, loader, catalogOnly, minSplitBytes);
    }

    Ledger ledger() {
        return ledger;
    }

    TargetConnector connector(String name) {
        return connectors.apply(name);
    }

    ClientTools clientTools() {
        return clientTools;
    }

    // ---- one run ---------------------------------------------------------------------------------------------

    @Override
    public Load load(LoadRequest request, LoadObserver observer, ProgressListener progress, Cancellation cancellation) {
        requireAvailable(request.settings());
        TargetConnector source = connectors.apply(request.source());
        TargetConnector destination = connectors.apply(request.destination());
        requireWritable(destination);
        Destination dest = prepareDestination(request, source, destination);
        return loadInto(request, source, destination, dest, observer, progress, cancellation);
    }

    /** Refuses the pg_dump/pg_restore loaders while no {@link ExternalLoader} is plugged in. */
    void requireAvailable(LoaderSettings settings) {
        if (settings.kind().external() && external == null) {
            throw new MigLabException(
                    "The " + settings.kind().id() + " loader (pg_dump and pg_restore) is not available"
                            + " in this build yet; choose insert-row, insert-batch, insert-multirow, copy, copy-binary or"
                            + " copy-parallel.");
        }
    }

    /** Refuses a locked guarded destination up front, in one line, before anything is written. */
    static void requireWritable(TargetConnector destination) {
        if (destination.target().guarded() && !destination.writable()) {
            String name = destination.target().name();
            throw new MigLabException("Target '" + name + "' is guarded and locked: nothing was written; unlock it"
                    + " first (miglab target unlock " + name + " --reason ...).");
        }
    }

    /** The destination database, resolved and created when missing; {@code created} when this call created it. */
    record Destination(String database, boolean created) {}

    Destination prepareDestination(LoadRequest request, TargetConnector source, TargetConnector destination) {
        String database = request.destinationDatabase();
        if (database == null) {
            try (Connection sc = source.openOrExplain(request.sourceDatabase());
                    Statement st = sc.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                database = rs.getString(1);
            } catch (SQLException e) {
                throw new MigLabException("Cannot read the source's database name: " + e.getMessage(), e);
            }
        }
        boolean created = createDatabaseIfMissing(destination, database);
        return new Destination(database, created);
    }

    static String maintenanceDatabase(String database) {
        return database.equals("postgres") ? "template1" : "postgres";
    }

    /** CREATE DATABASE through the connector, on the maintenance database; true when it was missing. */
    static boolean createDatabaseIfMissing(TargetConnector destination, String database) {
        try (Connection c = destination.openOrExplain(maintenanceDatabase(database))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + Quote.ident(database));
            }
            return true;
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot create database '" + database + "' on "
                            + destination.target().name() + ": " + e.getMessage(),
                    e);
        }
    }

    static void dropDatabase(TargetConnector destination, String database) {
        try (Connection c = destination.openOrExplain(maintenanceDatabase(database));
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + Quote.ident(database) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot drop database '" + database + "' on "
                            + destination.target().name() + ": " + e.getMessage(),
                    e);
        }
    }

    private Load loadInto(
            LoadRequest request,
            TargetConnector source,
            TargetConnector destination,
            Destination dest,
            LoadObserver observer,
            ProgressListener progress,
            Cancellation cancellation) {
        LoaderSettings settings = request.settings();
        progress.report(Progress.indeterminate("Reading the source's tables"));
        // The run's own flag: a failing worker stops the others without cancelling the caller's matrix.
        Cancellation runCancellation = new Cancellation();
        Context ctx = new Context(request, source, destination, dest.database(), observer, progress, runCancellation);
        try (Cancellation.Registration forward = cancellation.onCancel(runCancellation::cancel);
                Connection sc = source.openOrExplain(request.sourceDatabase());
                Connection dc = destination.openOrExplain(dest.database())) {
            sc.setAutoCommit(false);
            SourceCatalog.prepareSession(sc);
            ctx.tables = SourceCatalog.tables(sc, request.tables());
            if (ctx.tables.isEmpty()) {
                throw new MigLabException("The source database has no tables to load.");
            }
            ctx.sequenceValues = SourceCatalog.sequenceValues(sc);
            int sourceMajor = sc.getMetaData().getDatabaseMajorVersion();
            refuseOrDropExisting(dc, ctx.tables, request.replace(), dest.database());
            TargetFingerprint fingerprint = ServerFingerprint.capture(request.destination(), dc, dest.database());
            String destinationVersion = dc.getMetaData().getDatabaseProductVersion();
            ObjectNode params = Json.mapper().createObjectNode();
            params.put("source", request.source());
            params.put("destination", request.destination());
            params.put("database", request.sourceDatabase());
            params.put("destinationDatabase", dest.database());
            params.set("tables", Json.mapper().valueToTree(request.tables()));
            params.set("settings", Json.mapper().valueToTree(settings));
            params.put("replace", request.replace());
            params.put("sourceVersion", sc.getMetaData().getDatabaseProductVersion());
            try (ExperimentRun run = ledger.begin(
                    KIND,
                    "Load " + request.source() + " into " + request.destination() + "/" + dest.database() + " with "
                            + settings.label(),
                    fingerprint,
                    params)) {
                try {
                    LoadReport report;
                    if (settings.kind().external()) {
                        sc.commit();
                        report = external.load(
                                request, source, destination, dest.database(), observer, progress, cancellation);
                    } else {
                        SchemaPlan plan = schemaPlan(sc, source, request, ctx.tables, sourceMajor);
                        sc.commit();
                        report = run(ctx, plan, destinationVersion);
                    }
                    store(run, report);
                    if (extraTag != null) {
                        run.tag(extraTag);
                    }
                    run.succeed();
                    progress.report(Progress.of(
                            "Loaded " + report.tables().size() + " table(s), " + report.rows() + " rows", 1, 1));
                    return new Load(run.id(), report);
                } catch (CancelledException e) {
                    run.cancelled();
                    throw e;
                } catch (RuntimeException | SQLException e) {
                    run.fail(e);
                    if (e instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new MigLabException("The load failed: " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new MigLabException("The load lost a connection: " + e.getMessage(), e);
        }
    }

    static void store(ExperimentRun run, LoadReport report) {
        run.attachJson("load.json", report);
        run.measure("rows", report.rows(), "rows");
        run.measure("bytes", report.bytes(), "bytes");
        run.measure("seconds", report.seconds(), "s");
        run.measure("rows/s", report.rowsPerSecond(), "rows/s");
        run.measure("MB/s", report.megabytesPerSecond(), "MB/s");
        for (PhaseTime p : report.phases()) {
            run.measure("phase " + p.phase(), p.seconds(), "s");
        }
        if (report.client() != null) {
            run.measure("client cpu", report.client().cpuSeconds(), "s");
            run.measure("client peak memory", report.client().peakMemoryBytes(), "bytes");
        }
        if (report.server() != null) {
            run.measure("server cpu", report.server().cpuSeconds(), "s");
            run.measure("server peak memory", report.server().peakMemoryBytes(), "bytes");
        }
        List<PodSample> samples = new ArrayList<>();
        if (report.client() != null) {
            samples.addAll(report.client().asPodSamples("miglab", "loader"));
        }
        if (report.server() != null) {
            samples.addAll(report.server().asPodSamples(report.destination(), "postgres"));
        }
        if (!samples.isEmpty()) {
            // The run's CPU and memory in the recordings' format, so Pod sizing reads a load like a pod.
            run.attach(SamplesCsv.ARTIFACT, "text/csv", SamplesCsv.bytes(samples));
        }
        run.tag(report.settings().kind().id());
    }

    private SchemaPlan schemaPlan(
            Connection sc, TargetConnector source, LoadRequest request, List<LoadTable> tables, int sourceMajor)
            throws SQLException {
        Optional<ClientTool> pgDump = Optional.empty();
        if (!catalogOnly && request.tables().isEmpty()) {
            try {
                pgDump = Optional.of(clientTools.forServer(ClientTools.Tool.PG_DUMP, sourceMajor));
            } catch (MigLabException noneFits) {
                pgDump = Optional.empty();
            }
        }
        if (pgDump.isPresent()) {
            String database;
            try (Statement st = sc.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                database = rs.getString(1);
            }
            return PgDumpSchema.plan(
                    pgDump.get(),
                    source.target().connection(),
                    database,
                    tables,
                    List.copyOf(SourceCatalog.sequenceValues(sc).keySet()));
        }
        return SourceCatalog.ddl(sc, tables);
    }

    private static void refuseOrDropExisting(Connection dc, List<LoadTable> tables, boolean replace, String database)
            throws SQLException {
        List<String> existing = new ArrayList<>();
        try (PreparedStatement ps = dc.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            for (LoadTable t : tables) {
                ps.setString(1, t.schema());
                ps.setString(2, t.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        existing.add(t.qualified());
                    }
                }
            }
        }
        if (existing.isEmpty()) {
            return;
        }
        if (!replace) {
            throw new MigLabException("Database '" + database + "' on the destination already has "
                    + (existing.size() == 1 ? "table " : existing.size() + " tables: ")
                    + String.join(", ", existing.stream().limit(5).toList()) + (existing.size() > 5 ? ", ..." : "")
                    + "; pass --replace to drop them first, or choose another destination database.");
        }
        boolean auto = dc.getAutoCommit();
        dc.setAutoCommit(true);
        try (Statement st = dc.createStatement()) {
            for (LoadTable t : tables) {
                st.execute("DROP TABLE IF EXISTS " + t.quoted() + " CASCADE");
            }
        } finally {
            dc.setAutoCommit(auto);
        }
    }

    // ---- the phases ------------------------------------------------------------------------------------------

    /** What one run shares between its phases and workers. */
    static final class Context {
        final LoadRequest request;
        final TargetConnector source;
        final TargetConnector destination;
        final String database;
        final LoadObserver observer;
        final ProgressListener progress;
        final Cancellation cancellation;
        List<LoadTable> tables;
        Map<String, Long> sequenceValues;
        final Map<String, double[]> times = new ConcurrentHashMap<>(); // copy, index, constraint, analyze
        final Map<String, AtomicLong> rows = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> streamed = new ConcurrentHashMap<>();
        final List<PhaseTime> phases = Collections.synchronizedList(new ArrayList<>());
        ProcSampler client;
        ProcSampler server;
        long totalBytes;
        volatile long lastReport;

        Context(
                LoadRequest request,
                TargetConnector source,
                TargetConnector destination,
                String database,
                LoadObserver observer,
                ProgressListener progress,
                Cancellation cancellation) {
            this.request = request;
            this.source = source;
            this.destination = destination;
            this.database = database;
            this.observer = observer;
            this.progress = progress;
            this.cancellation = cancellation;
        }

        void addTime(String table, int slot, double seconds) {
            if (table == null) {
                return;
            }
            double[] t = times.computeIfAbsent(table, k -> new double[4]);
            synchronized (t) {
                t[slot] += seconds;
            }
        }

        LoadTable table(String qualified) {
            return tables.stream()
                    .filter(t -> t.qualified().equals(qualified))
                    .findFirst()
                    .orElseThrow();
        }

        /** Progress by bytes: each table's share of its size on disk, by what has streamed so far. */
        void reportProgress(String message, boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastReport < 200_000_000L) {
                return;
            }
            lastReport = now;
            long done = 0;
            for (LoadTable t : tables) {
                AtomicLong s = streamed.get(t.qualified());
                if (s != null) {
                    done += Math.min(Math.max(1, t.bytes()), s.get());
                }
            }
            progress.report(Progress.of(message, Math.min(done, totalBytes - 1), totalBytes));
        }

        boolean localDestination() {
            String host = destination.target().connection().host();
            return host == null
                    || host.equals("127.0.0.1")
                    || host.equalsIgnoreCase("localhost")
                    || host.equals("::1")
                    || host.startsWith("/");
        }

        /** Registers a destination session's backend for the server sampler. */
        void watchBackend(Connection dc) throws SQLException {
            if (server == null) {
                return;
            }
            try (Statement st = dc.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                server.add(rs.getLong(1));
            }
        }
    }

    private LoadReport run(Context ctx, SchemaPlan plan, String destinationVersion) throws SQLException {
        LoaderSettings settings = ctx.request.settings();
        long started = System.nanoTime();
        ctx.totalBytes = Math.max(
                1, ctx.tables.stream().mapToLong(t -> Math.max(1, t.bytes())).sum());
        ctx.client = ProcSampler.local(
                        "MigLab (pid " + ProcessHandle.current().pid() + ")",
                        (s, sample) -> ctx.observer.resources(sample, null))
                .orElse(null);
        if (ctx.client != null) {
            ctx.client.add(ProcessHandle.current().pid());
            ctx.client.start();
        }
        if (ctx.localDestination()) {
            ctx.server = ProcSampler.local(
                            "PostgreSQL backends of " + ctx.destination.target().name(),
                            (s, sample) -> ctx.observer.resources(null, sample))
                    .orElse(null);
            if (ctx.server != null) {
                ctx.server.start();
            }
        }
        try {
            ctx.cancellation.checkpoint();
            // Schema.
            ctx.progress.report(Progress.indeterminate("Creating the tables (" + plan.from() + ")"));
            long t0 = System.nanoTime();
            runScript(ctx, plan.preData());
            if (settings.unlogged()) {
                try (Connection dc = ctx.destination.openOrExplain(ctx.database);
                        Statement st = dc.createStatement()) {
                    for (String leaf : plan.leaves()) {
                        st.execute("ALTER TABLE " + leaf + " SET UNLOGGED");
                    }
                }
            }
            ctx.phases.add(new PhaseTime("schema", seconds(t0)));
            try (Connection ddl = ctx.destination.openOrExplain(ctx.database)) {
                ctx.watchBackend(ddl);
                if (!settings.dropIndexes()) {
                    postData(ctx, ddl, plan.except(Kind.FOREIGN_KEY));
                }
                ctx.cancellation.checkpoint();
                t0 = System.nanoTime();
                copyAll(ctx, ddl);
                ctx.phases.add(new PhaseTime("copy", seconds(t0)));
                ctx.cancellation.checkpoint();
                if (settings.dropIndexes()) {
                    postData(ctx, ddl, plan.except(Kind.FOREIGN_KEY));
                }
                if (settings.unlogged()) {
                    ctx.progress.report(Progress.indeterminate("SET LOGGED"));
                    t0 = System.nanoTime();
                    try (Statement st = ddl.createStatement()) {
                        for (String leaf : plan.leaves()) {
                            st.execute("ALTER TABLE " + leaf + " SET LOGGED");
                        }
                    }
                    ctx.phases.add(new PhaseTime("set logged", seconds(t0)));
                }
                List<PostStatement> fks = plan.of(Kind.FOREIGN_KEY);
                if (!fks.isEmpty()) {
                    ctx.progress.report(Progress.indeterminate("Adding " + fks.size() + " foreign key(s)"));
                    t0 = System.nanoTime();
                    foreignKeys(ctx, ddl, fks);
                    ctx.phases.add(new PhaseTime("foreign keys", seconds(t0)));
                }
                t0 = System.nanoTime();
                int set = 0;
                try (Statement st = ddl.createStatement()) {
                    for (String seq : plan.sequences()) {
                        Long value = ctx.sequenceValues.get(seq);
                        if (value != null) {
                            st.execute("SELECT setval(" + Quote.literal(seq) + ", " + value + ", true)");
                            set++;
                        }
                    }
                }
                if (set > 0) {
                    ctx.phases.add(new PhaseTime("sequences", seconds(t0)));
                }
                ctx.progress.report(Progress.indeterminate("ANALYZE"));
                t0 = System.nanoTime();
                List<LoadTable> bySize = new ArrayList<>(ctx.tables);
                bySize.sort(Comparator.comparingLong(LoadTable::bytes).reversed());
                parallel(ctx, workers(ctx), bySize, (c, t) -> {
                    long a = System.nanoTime();
                    try (Statement st = c.createStatement()) {
                        st.execute("ANALYZE " + t.quoted());
                    }
                    ctx.addTime(t.qualified(), 3, seconds(a));
                    ctx.observer.table(t.qualified(), "analyze", rowsOf(ctx, t), rowsOf(ctx, t));
                });
                ctx.phases.add(new PhaseTime("analyze", seconds(t0)));
            }
            double total = seconds(started);
            ResourceUsage client = ctx.client == null ? null : ctx.client.finish();
            ResourceUsage server = ctx.server == null ? null : ctx.server.finish();
            if (server != null && !ctx.server.sawAny()) {
                // The backends were not readable here (another user's processes, a container). Judged by whether
                // they could be read, not by what was used: a load shorter than a sampling tick uses next to none.
                server = null;
            }
            List<TableLoad> loads = new ArrayList<>();
            long rows = 0;
            long bytes = 0;
            for (LoadTable t : ctx.tables) {
                double[] times = ctx.times.getOrDefault(t.qualified(), new double[4]);
                long r = rowsOf(ctx, t);
                rows += r;
                bytes += t.bytes();
                loads.add(new TableLoad(t.qualified(), r, t.bytes(), times[0], times[1], times[2], times[3]));
            }
            return new LoadReport(
                    ctx.request.source(),
                    ctx.request.destination(),
                    ctx.database,
                    destinationVersion,
                    settings,
                    plan.from(),
                    loads,
                    List.copyOf(ctx.phases),
                    rows,
                    bytes,
                    total,
                    client,
                    server);
        } finally {
            if (ctx.client != null) {
                ctx.client.close();
            }
            if (ctx.server != null) {
                ctx.server.close();
            }
        }
    }

    private static long rowsOf(Context ctx, LoadTable t) {
        AtomicLong r = ctx.rows.get(t.qualified());
        return r == null ? 0 : r.get();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** pg_dump's pre-data, or the catalog DDL, through MigLab's psql-compatible runner on the destination. */
    private static void runScript(Context ctx, String script) {
        new ScriptRunner(ctx.destination)
                .run(
                        "schema",
                        new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                        null,
                        ScriptOptions.defaults().withDatabase(ctx.database),
                        io.miglab.core.ProgressListener.NONE,
                        ctx.cancellation);
    }

    /**
     * Indexes, keys, checks and the rest of post-data, in order; phases {@code indexes} and {@code constraints}. With
     * several workers (copy-parallel) the tables' statements run on that many connections at once, largest table
     * first, each table's in order (as pg_restore -j does), and statements naming no loaded table (ALTER INDEX ...
     * ATTACH PARTITION) after them; the phase is then {@code indexes and constraints}, in wall-clock time.
     */
    private static void postData(Context ctx, Connection ddl, List<PostStatement> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        ctx.progress.report(Progress.indeterminate("Building " + statements.size() + " index(es) and constraint(s)"));
        int workers = workers(ctx);
        if (workers > 1) {
            long t0 = System.nanoTime();
            Map<String, List<PostStatement>> byTable = new LinkedHashMap<>();
            List<PostStatement> rest = new ArrayList<>();
            for (PostStatement p : statements) {
                if (p.table() == null) {
                    rest.add(p);
                } else {
                    byTable.computeIfAbsent(p.table(), k -> new ArrayList<>()).add(p);
                }
            }
            List<List<PostStatement>> groups = new ArrayList<>(byTable.values());
            groups.sort(Comparator.comparingLong((List<PostStatement> g) ->
                            ctx.table(g.get(0).table()).bytes())
                    .reversed());
            parallel(ctx, workers, groups, (c, group) -> runPost(ctx, c, group));
            runPost(ctx, ddl, rest);
            ctx.phases.add(new PhaseTime("indexes and constraints", seconds(t0)));
            return;
        }
        double[] sums = runPost(ctx, ddl, statements);
        ctx.phases.add(new PhaseTime("indexes", sums[0]));
        ctx.phases.add(new PhaseTime("constraints", sums[1]));
    }

    private static int workers(Context ctx) {
        LoaderSettings s = ctx.request.settings();
        return s.kind() == LoaderKind.COPY_PARALLEL ? s.workers() : 1;
    }

    /** Runs statements in order on one connection; the seconds spent on indexes and on the rest. */
    private static double[] runPost(Context ctx, Connection c, List<PostStatement> statements) throws SQLException {
        double[] sums = new double[2];
        try (Statement st = c.createStatement()) {
            for (PostStatement p : statements) {
                ctx.cancellation.checkpoint();
                long t0 = System.nanoTime();
                st.execute(p.sql());
                double s = seconds(t0);
                int slot = p.kind() == Kind.INDEX ? 0 : 1;
                sums[slot] += s;
                ctx.addTime(p.table(), slot + 1, s);
                if (p.table() != null) {
                    ctx.observer.table(p.table(), slot == 0 ? "indexes" : "constraints", 0, -1);
                }
            }
        }
        return sums;
    }

    interface Work<T> {
        void run(Connection destination, T item) throws SQLException;
    }

    /** Runs {@code work} over {@code items} on {@code workers} destination connections, first failure wins. */
    private static <T> void parallel(Context ctx, int workers, List<T> items, Work<T> work) {
        if (items.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        int threads = Math.min(workers, items.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "miglab-loader-post");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = ctx.destination.openOrExplain(ctx.database)) {
                        ctx.watchBackend(c);
                        T item;
                        while ((item = queue.poll()) != null) {
                            ctx.cancellation.checkpoint();
                            work.run(c, item);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                } catch (ExecutionException e) {
                    queue.clear();
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new MigLabException("Building the indexes failed: " + cause.getMessage(), cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Foreign keys, each validated by a scan of its table. With several workers they run concurrently when they
     * touch different relations: adding one locks its table and the referenced table in SHARE ROW EXCLUSIVE mode,
     * which conflicts with itself, so two on overlapping tables would wait on each other (or deadlock, for tables
     * referencing each other). A statement whose relations are unknown runs alone.
     */
    private static void foreignKeys(Context ctx, Connection ddl, List<PostStatement> fks) throws SQLException {
        int workers = workers(ctx);
        if (workers <= 1 || fks.stream().anyMatch(f -> f.locks().isEmpty())) {
            execute(ctx, ddl, fks, 2);
            return;
        }
        List<PostStatement> pending = new ArrayList<>(fks);
        java.util.Set<String> busy = new java.util.HashSet<>();
        Object monitor = new Object();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < Math.min(workers, fks.size()); i++) {
            slots.add(i);
        }
        parallel(ctx, workers, slots, (c, slot) -> {
            while (true) {
                PostStatement next = null;
                synchronized (monitor) {
                    while (next == null) {
                        if (pending.isEmpty()) {
                            return;
                        }
                        for (PostStatement p : pending) {
                            if (java.util.Collections.disjoint(p.locks(), busy)) {
                                next = p;
                                break;
                            }
                        }
                        if (next == null) {
                            try {
                                monitor.wait(1000); // woken when a running statement ends
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new CancelledException();
                            }
                            ctx.cancellation.checkpoint();
                        }
                    }
                    pending.remove(next);
                    busy.addAll(next.locks());
                }
                try {
                    execute(ctx, c, List.of(next), 2);
                } finally {
                    synchronized (monitor) {
                        busy.removeAll(next.locks());
                        monitor.notifyAll();
                    }
                }
            }
        });
    }

    private static void execute(Context ctx, Connection ddl, List<PostStatement> statements, int slot)
            throws SQLException {
        try (Statement st = ddl.createStatement()) {
            for (PostStatement p : statements) {
                ctx.cancellation.checkpoint();
                long t0 = System.nanoTime();
                st.execute(p.sql());
                ctx.addTime(p.table(), slot, seconds(t0));
            }
        }
    }

    // ---- the copy --------------------------------------------------------------------------------------------

    /** One unit of a worker's work: a table, or one key range of it. */
    record Task(LoadTable table, String where, long weight) {}

    private void copyAll(Context ctx, Connection ddl) throws SQLException {
        LoaderSettings settings = ctx.request.settings();
        if (copyOverride != null) {
            Map<String, Long> copied = copyOverride.copy(
                    ctx.source,
                    ctx.request.sourceDatabase(),
                    ctx.destination,
                    ctx.database,
                    ctx.tables,
                    ctx.cancellation);
            copied.forEach((table, n) -> ctx.rows.put(table, new AtomicLong(n)));
            return;
        }
        Map<String, Map<String, String>> types = destinationTypes(ddl, ctx.tables);
        List<Task> tasks = new ArrayList<>();
        int workers = settings.kind() == LoaderKind.COPY_PARALLEL ? settings.workers() : 1;
        if (workers > 1) {
            long total = ctx.tables.stream().mapToLong(LoadTable::bytes).sum();
            try (Connection sc = ctx.source.openOrExplain(ctx.request.sourceDatabase())) {
                sc.setAutoCommit(false);
                for (LoadTable t : ctx.tables) {
                    if (!settings.freeze()
                            && !t.key().isEmpty()
                            && t.bytes() >= total / workers
                            && t.bytes() > minSplitBytes) {
                        List<String> ranges = KeyRanges.split(sc, t, workers);
                        for (String where : ranges) {
                            tasks.add(new Task(t, where, t.bytes() / ranges.size()));
                        }
                    } else {
                        tasks.add(new Task(t, null, t.bytes()));
                    }
                }
                sc.commit();
            }
            tasks.sort(Comparator.comparingLong(Task::weight).reversed());
        } else {
            ctx.tables.forEach(t -> tasks.add(new Task(t, null, t.bytes())));
        }
        ctx.tables.forEach(t -> {
            ctx.rows.put(t.qualified(), new AtomicLong());
            ctx.streamed.put(t.qualified(), new AtomicLong());
        });
        ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
        int threads = Math.min(workers, tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "miglab-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < Math.max(1, threads); w++) {
                futures.add(pool.submit(() -> {
                    worker(ctx, queue, types);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                } catch (ExecutionException e) {
                    queue.clear();
                    ctx.cancellation.cancel(); // stops the other workers at their next checkpoint
                    Throwable cause = e.getCause();
                    if (cause instanceof CancelledException ce) {
                        throw ce;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new MigLabException("Loading failed: " + cause.getMessage(), cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        ctx.reportProgress("Copied " + ctx.tables.size() + " table(s)", true);
    }

    private void worker(Context ctx, ConcurrentLinkedQueue<Task> queue, Map<String, Map<String, String>> types)
            throws SQLException {
        LoaderSettings settings = ctx.request.settings();
        try (Connection sc = ctx.source.openOrExplain(ctx.request.sourceDatabase());
                Connection dc = ctx.destination.openOrExplain(ctx.database)) {
            sc.setAutoCommit(false);
            sameTextForms(sc);
            sameTextForms(dc);
            ctx.watchBackend(dc);
            if (settings.asyncCommit()) {
                try (Statement st = dc.createStatement()) {
                    st.execute("SET synchronous_commit = off");
                }
            }
            Task task;
            while ((task = queue.poll()) != null) {
                ctx.cancellation.checkpoint();
                LoadTable t = task.table();
                ctx.reportProgress("Loading " + t.qualified(), true);
                long t0 = System.nanoTime();
                long rows =
                        switch (settings.kind()) {
                            case COPY_TEXT, COPY_PARALLEL -> copy(ctx, sc, dc, task, false);
                            case COPY_BINARY -> copy(ctx, sc, dc, task, true);
                            case INSERT_ROW, INSERT_BATCH, INSERT_MULTIROW -> insert(
                                    ctx, sc, dc, task, types.get(t.qualified()));
                            default -> throw new IllegalStateException(
                                    settings.kind().id());
                        };
                sc.commit();
                ctx.addTime(t.qualified(), 0, seconds(t0));
                long total = ctx.rows.get(t.qualified()).get();
                ctx.observer.table(t.qualified(), "copy", total, t.estimatedRows() > 0 ? t.estimatedRows() : -1);
            }
        }
    }

    /**
     * The settings that change how values print as text, the same on both sides, so text COPY and the INSERT
     * loaders' text values read back exactly whatever the two servers' defaults (floats at full precision).
     */
    static final List<String> TEXT_FORMS = List.of(
            "SET TimeZone = 'UTC'",
            "SET DateStyle = 'ISO, MDY'",
            "SET IntervalStyle = 'postgres'",
            "SET extra_float_digits = 3",
            "SET bytea_output = 'hex'",
            "SET lc_monetary = 'C'");

    private static void sameTextForms(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : TEXT_FORMS) {
                st.execute(sql);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** COPY (SELECT ...) TO STDOUT on the source, each message written on into COPY ... FROM STDIN. */
    private static long copy(Context ctx, Connection sc, Connection dc, Task task, boolean binary) throws SQLException {
        LoadTable t = task.table();
        boolean freeze = ctx.request.settings().freeze() && !t.partitioned();
        String select = "SELECT " + t.columnList() + " FROM " + t.quoted()
                + (task.where() == null ? "" : " WHERE " + task.where());
        String out = "COPY (" + select + ") TO STDOUT" + (binary ? " (FORMAT binary)" : "");
        List<String> options = new ArrayList<>();
        if (binary) {
            options.add("FORMAT binary");
        }
        if (freeze) {
            options.add("FREEZE");
        }
        String in = "COPY " + t.quoted() + " (" + t.columnList() + ") FROM STDIN"
                + (options.isEmpty() ? "" : " (" + String.join(", ", options) + ")");
        if (freeze) {
            // COPY FREEZE writes frozen rows only into a table created or truncated in the same transaction.
            dc.setAutoCommit(false);
            try (Statement st = dc.createStatement()) {
                st.execute("TRUNCATE " + t.quoted());
            }
        }
        CopyManager source = sc.unwrap(PGConnection.class).getCopyAPI();
        CopyManager destination = dc.unwrap(PGConnection.class).getCopyAPI();
        AtomicLong streamed = ctx.streamed.get(t.qualified());
        AtomicLong rows = ctx.rows.get(t.qualified());
        CopyOut reader = source.copyOut(out);
        CopyIn writer = null;
        long messages = 0;
        try {
            writer = destination.copyIn(in);
            // The source sends one CopyData message per row; COPY FROM STDIN takes the stream in any cut, so rows
            // are gathered into one fixed buffer and sent in large messages (constant memory either way).
            byte[] chunk = new byte[COPY_CHUNK];
            int filled = 0;
            byte[] buf;
            while ((buf = reader.readFromCopy()) != null) {
                if (filled + buf.length > chunk.length) {
                    writer.writeToCopy(chunk, 0, filled);
                    streamed.addAndGet(filled);
                    filled = 0;
                }
                if (buf.length > chunk.length) {
                    writer.writeToCopy(buf, 0, buf.length);
                    streamed.addAndGet(buf.length);
                } else {
                    System.arraycopy(buf, 0, chunk, filled, buf.length);
                    filled += buf.length;
                }
                if (++messages % 4096 == 0) {
                    ctx.cancellation.checkpoint();
                    ctx.reportProgress("Loading " + t.qualified(), false);
                    // One CopyData message per row (the binary header rides on the first).
                    ctx.observer.table(
                            t.qualified(),
                            "copy",
                            rows.get() + messages,
                            t.estimatedRows() > 0 ? t.estimatedRows() : -1);
                }
            }
            if (filled > 0) {
                writer.writeToCopy(chunk, 0, filled);
                streamed.addAndGet(filled);
            }
            long copied = writer.endCopy();
            writer = null;
            rows.addAndGet(copied);
            if (freeze) {
                dc.commit();
                dc.setAutoCommit(true);
            }
            return copied;
        } finally {
            if (writer != null && writer.isActive()) {
                try {
                    writer.cancelCopy();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
            }
            if (reader.isActive()) {
                try {
                    reader.cancelCopy();
                } catch (SQLException ignored) {
                    // as above
                }
            }
            if (freeze && !dc.getAutoCommit()) {
                try {
                    dc.rollback();
                    dc.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // as above
                }
            }
        }
    }

    /** The destination's column types, by table and quoted column, for the casts of the INSERT loaders. */
    private static Map<String, Map<String, String>> destinationTypes(Connection dc, List<LoadTable> tables)
            throws SQLException {
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        try (PreparedStatement ps = dc.prepareStatement("SELECT a.attname, format_type(a.atttypid,"
                + " a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0"
                + " AND NOT a.attisdropped")) {
            for (LoadTable t : tables) {
                ps.setString(1, t.schema());
                ps.setString(2, t.name());
                Map<String, String> columns = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.put(rs.getString(1), rs.getString(2));
                    }
                }
                types.put(t.qualified(), columns);
            }
        }
        // format_type qualifies by the session's search_path: run it with pg_catalog only, as on the source.
        return types;
    }

    /** The INSERT loaders: every value read as text and cast back to the destination column's type. */
    private static long insert(Context ctx, Connection sc, Connection dc, Task task, Map<String, String> types)
            throws SQLException {
        LoaderSettings settings = ctx.request.settings();
        LoadTable t = task.table();
        List<String> columns = t.columns();
        int n = columns.size();
        List<String> casts = new ArrayList<>();
        for (String c : columns) {
            String type = types.get(c.substring(1, c.length() - 1).replace("\"\"", "\""));
            casts.add(type == null ? "?" : "?::" + type);
        }
        String tuple = "(" + String.join(", ", casts) + ")";
        String head = "INSERT INTO " + t.quoted() + " (" + t.columnList() + ")"
                + (t.identity() ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES ";
        List<String> reads = new ArrayList<>();
        for (String c : columns) {
            reads.add(c + "::text");
        }
        String select = "SELECT " + String.join(", ", reads) + " FROM " + t.quoted()
                + (task.where() == null ? "" : " WHERE " + task.where());
        AtomicLong rows = ctx.rows.get(t.qualified());
        AtomicLong streamed = ctx.streamed.get(t.qualified());
        int perStatement = settings.kind() == LoaderKind.INSERT_MULTIROW
                ? Math.max(1, Math.min(settings.batchSize(), 65_535 / Math.max(1, n)))
                : 1;
        boolean batch = settings.kind() == LoaderKind.INSERT_BATCH;
        dc.setAutoCommit(!batch);
        long done = 0;
        try (Statement read = sc.createStatement()) {
            read.setFetchSize(2_000);
            try (ResultSet rs = read.executeQuery(select)) {
                if (settings.kind() == LoaderKind.INSERT_MULTIROW) {
                    String full = head + String.join(", ", Collections.nCopies(perStatement, tuple));
                    try (PreparedStatement ps = dc.prepareStatement(full)) {
                        List<String[]> pending = new ArrayList<>(perStatement);
                        while (rs.next()) {
                            pending.add(row(rs, n, streamed));
                            if (pending.size() == perStatement) {
                                bind(ps, pending, n);
                                ps.executeUpdate();
                                done += pending.size();
                                rows.addAndGet(pending.size());
                                pending.clear();
                                ctx.cancellation.checkpoint();
                                ctx.reportProgress("Loading " + t.qualified(), false);
                            }
                        }
                        if (!pending.isEmpty()) {
                            String rest = head + String.join(", ", Collections.nCopies(pending.size(), tuple));
                            try (PreparedStatement last = dc.prepareStatement(rest)) {
                                bind(last, pending, n);
                                last.executeUpdate();
                            }
                            done += pending.size();
                            rows.addAndGet(pending.size());
                        }
                    }
                } else {
                    try (PreparedStatement ps = dc.prepareStatement(head + tuple)) {
                        int inBatch = 0;
                        while (rs.next()) {
                            String[] values = row(rs, n, streamed);
                            for (int i = 0; i < n; i++) {
                                ps.setString(i + 1, values[i]);
                            }
                            if (batch) {
                                ps.addBatch();
                                if (++inBatch == settings.batchSize()) {
                                    ps.executeBatch();
                                    dc.commit();
                                    rows.addAndGet(inBatch);
                                    done += inBatch;
                                    inBatch = 0;
                                    ctx.cancellation.checkpoint();
                                    ctx.reportProgress("Loading " + t.qualified(), false);
                                }
                            } else {
                                ps.executeUpdate();
                                rows.incrementAndGet();
                                if (++done % 500 == 0) {
                                    ctx.cancellation.checkpoint();
                                    ctx.reportProgress("Loading " + t.qualified(), false);
                                }
                            }
                        }
                        if (batch && inBatch > 0) {
                            ps.executeBatch();
                            dc.commit();
                            rows.addAndGet(inBatch);
                            done += inBatch;
                        }
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (!dc.getAutoCommit()) {
                dc.rollback();
            }
            throw e;
        } finally {
            dc.setAutoCommit(true);
        }
        return done;
    }

    private static String[] row(ResultSet rs, int n, AtomicLong streamed) throws SQLException {
        String[] values = new String[n];
        long size = 0;
        for (int i = 0; i < n; i++) {
            values[i] = rs.getString(i + 1);
            size += values[i] == null ? 1 : values[i].length() + 1;
        }
        streamed.addAndGet(size);
        return values;
    }

    private static void bind(PreparedStatement ps, List<String[]> rows, int n) throws SQLException {
        int p = 1;
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                ps.setString(p++, r[i]);
            }
        }
    }

    // ---- the matrix ------------------------------------------------------------------------------------------

    @Override
    public Matrix matrix(
            MatrixRequest request, LoadObserver observer, ProgressListener progress, Cancellation cancellation) {
        return LoaderMatrix.run(this, request, observer, progress, cancellation).matrix();
    }

    Load loadPrepared(
            LoadRequest request,
            Destination dest,
            LoadObserver observer,
            ProgressListener progress,
            Cancellation cancellation) {
        TargetConnector source = connectors.apply(request.source());
        TargetConnector destination = connectors.apply(request.destination());
        requireWritable(destination);
        return loadInto(request, source, destination, dest, observer, progress, cancellation);
    }
}
