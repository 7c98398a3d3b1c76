package io.miglab.core.migrate.dump;

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
import io.miglab.core.migrate.ClientTools;
import io.miglab.core.migrate.ClientTools.ClientTool;
import io.miglab.core.migrate.ClientTools.Tool;
import io.miglab.core.script.ScriptException;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptResult;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.PgPass;
import io.miglab.core.targets.PgVersion;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@link DumpRestore} on a workspace's ledger, targets and the client programs of this machine. */
public final class DumpRestoreService implements DumpRestore {
    private static final Pattern DUMPED_BY = Pattern.compile("Dumped by pg_dump version:?\\s+(\\d+)(\\.\\d+)?");
    private static final Pattern TABLE_DATA = Pattern.compile("^\\d+; \\d+ \\d+ TABLE DATA (\\S+) (.+) (\\S+)$");

    /** Options every restore gets: roles and grants of the source need not exist on the destination. */
    static final List<String> PORTABLE = List.of("--no-owner", "--no-privileges");

    private final Ledger ledger;
    private final Function<String, TargetConnector> connectors;
    private final ClientTools tools;
    private final Map<String, String> environment;

    public DumpRestoreService(
            Ledger ledger, TargetRegistry targets, ClientTools tools, Map<String, String> environment) {
        this(ledger, targets::connector, tools, environment);
    }

    DumpRestoreService(
            Ledger ledger,
            Function<String, TargetConnector> connectors,
            ClientTools tools,
            Map<String, String> environment) {
        this.ledger = ledger;
        this.connectors = connectors;
        this.tools = tools;
        this.environment = Map.copyOf(environment);
    }

    // ---- dump ----------------------------------------------------------------------------------------------------

    @Override
    public Dump dump(DumpRequest request, TableListener tables, ProgressListener progress, Cancellation cancellation) {
        TargetConnector connector = connectors.apply(request.target());
        Target target = connector.target();
        String database = request.database() != null ? request.database() : connector.defaultDatabase();
        progress.report(Progress.indeterminate("Reading the catalog of " + database + " on " + target.name()));
        PgVersion version;
        TargetFingerprint fingerprint;
        Map<String, Long> sizes;
        try (Connection c = connector.openOrExplain(database)) {
            version = PgVersion.of(c);
            fingerprint = ServerFingerprint.capture(target.name(), c, database);
            sizes = tableSizes(c);
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot read the catalog of " + database + " on '" + target.name() + "': " + e.getMessage(), e);
        }
        ClientTool pgDump = dumpTool(target.name(), version);
        Path out = outputPath(request, database);
        boolean existed = Files.exists(out);
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("target", target.name());
        params.put("database", database);
        params.put("format", request.format().id());
        params.put("jobs", request.jobs());
        params.set("tables", Json.mapper().valueToTree(request.tables()));
        params.put("out", out.toAbsolutePath().toString());
        params.put("tool", pgDump.path().toString());
        params.put("toolVersion", pgDump.version());
        try (ExperimentRun run = ledger.begin(
                DUMP_KIND,
                "Dump " + database + " of " + target.name() + " ("
                        + request.format().id() + (request.jobs() > 1 ? ", -j " + request.jobs() : "") + ")",
                fingerprint,
                params)) {
            try {
                List<String> command = new ArrayList<>(List.of(
                        pgDump.path().toString(),
                        "--verbose",
                        "--format=" + request.format().flag(),
                        "--file=" + out.toAbsolutePath()));
                if (request.jobs() > 1) {
                    command.add("--jobs=" + request.jobs());
                }
                for (String t : request.tables()) {
                    command.add("--table=" + t);
                }
                command.add("--dbname=" + conninfo(target.connection(), database));
                long total = request.tables().isEmpty()
                        ? sizes.values().stream().mapToLong(Long::longValue).sum()
                        : -1;
                AtomicLong doneBytes = new AtomicLong();
                AtomicInteger doneTables = new AtomicInteger();
                VerboseLog log = new VerboseLog();
                VerboseTables tracker = new VerboseTables(request.jobs() > 1, (table, finished) -> {
                    if (finished) {
                        doneBytes.addAndGet(sizes.getOrDefault(table, 0L));
                        doneTables.incrementAndGet();
                    } else {
                        tables.started(table);
                    }
                    progress.report(
                            total > 0
                                    ? Progress.of(
                                            (finished ? "Dumped " : "Dumping ") + table + " (" + doneTables.get()
                                                    + " of " + sizes.size() + " tables)",
                                            doneBytes.get(),
                                            total)
                                    : Progress.indeterminate((finished ? "Dumped " : "Dumping ") + table));
                });
                progress.report(Progress.indeterminate("Running " + pgDump.path() + " (pg_dump " + pgDump.major()
                        + ") on " + database + " of " + target.name()));
                double seconds;
                try (ChildProcess p = ChildProcess.start(
                        command,
                        childEnvironment(target, database, target.guarded()),
                        log.and(tracker::accept),
                        cancellation)) {
                    p.succeedOrThrow(cancellation, "pg_dump of " + database + " on '" + target.name() + "'");
                    seconds = p.seconds();
                }
                tracker.finishAll();
                List<TableTime> times = tracker.tables().stream()
                        .map(t -> new TableTime(t.table(), sizes.getOrDefault(t.table(), -1L), t.seconds()))
                        .toList();
                times.forEach(t -> tables.finished(t.table(), t.seconds()));
                long bytes = sizeOnDisk(out);
                Dump dump = new Dump(
                        run.id(),
                        target.name(),
                        database,
                        version.toString(),
                        request.format(),
                        out.toAbsolutePath().toString(),
                        pgDump.path() + " (" + pgDump.version() + ")",
                        request.jobs(),
                        times,
                        bytes,
                        seconds);
                run.attachJson("dump.json", dump);
                log.attachTo(run, "pg_dump.log");
                run.measure("elapsed", seconds, "s");
                run.measure("dump size", bytes, "bytes");
                run.measure("tables", times.size(), "tables");
                run.measure("jobs", request.jobs(), "workers");
                run.tag(request.format().id());
                run.succeed();
                progress.report(Progress.of("Dumped " + times.size() + " table(s) of " + database, 1, 1));
                return dump;
            } catch (RuntimeException e) {
                if (!existed) {
                    deleteQuietly(out);
                }
                if (e instanceof CancelledException) {
                    run.cancelled();
                } else {
                    run.fail(e);
                }
                throw e;
            }
        }
    }

    /** The pg_dump for the server, or one line naming what is missing and what to install. */
    private ClientTool dumpTool(String targetName, PgVersion version) {
        try {
            return tools.forServer(Tool.PG_DUMP, version.major());
        } catch (MigLabException e) {
            List<ClientTool> found = tools.all(Tool.PG_DUMP);
            String has = found.isEmpty()
                    ? "this machine has none"
                    : "this machine has pg_dump " + found.get(0).major() + " ("
                            + found.get(0).path() + ")";
            throw new MigLabException(
                    "pg_dump " + version.major() + " or newer is needed for PostgreSQL " + version + " on '"
                            + targetName + "'; " + has + ".",
                    e.hint(),
                    e);
        }
    }

    private static Path outputPath(DumpRequest request, String database) {
        Path out = request.out();
        if (request.format() == DumpFormat.DIRECTORY) {
            if (Files.isRegularFile(out)) {
                throw new MigLabException("A directory-format dump is a folder, and " + out + " is a file.");
            }
            if (Files.isDirectory(out)) {
                try (Stream<Path> children = Files.list(out)) {
                    if (children.findAny().isPresent()) {
                        throw new MigLabException("The folder " + out + " is not empty; pg_dump writes a"
                                + " directory-format dump into a new or empty folder.");
                    }
                } catch (IOException e) {
                    throw new MigLabException("Cannot read the folder " + out + ": " + e.getMessage(), e);
                }
            }
            createParent(out);
            return out;
        }
        if (Files.isDirectory(out)) {
            out = out.resolve(safeFileName(database) + (request.format() == DumpFormat.PLAIN ? ".sql" : ".dump"));
        }
        createParent(out);
        return out;
    }

    private static String safeFileName(String database) {
        String name = database.replaceAll("[^A-Za-z0-9_.-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "database" + name : name;
    }

    private static void createParent(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new MigLabException("Cannot create the folder " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Each ordinary, partitioned or materialised table's size ({@code schema.table} as pg_dump prints it). */
    static Map<String, Long> tableSizes(Connection c) throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname, pg_table_size(c.oid)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
                        + " ORDER BY 1, 2")) {
            while (rs.next()) {
                sizes.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
            }
        }
        return sizes;
    }

    // ---- restore -------------------------------------------------------------------------------------------------

    @Override
    public Restore restore(
            RestoreRequest request, TableListener tables, ProgressListener progress, Cancellation cancellation) {
        TargetConnector connector = connectors.apply(request.target());
        Target target = connector.target();
        // The gate first: a locked guarded destination is refused before anything is read, started or written.
        requireWritable(connector);
        DumpFormat format = detectFormat(request.from());
        if (format == DumpFormat.PLAIN && request.clean()) {
            throw new MigLabException("--clean applies to custom and directory dumps; a plain SQL dump drops what it"
                    + " replaces only when pg_dump wrote it with --clean.");
        }
        if (format == DumpFormat.PLAIN && request.jobs() > 1) {
            throw new MigLabException("A plain SQL dump runs as one script; -j applies to custom and directory dumps.");
        }
        String database = request.database() != null ? request.database() : connector.defaultDatabase();
        Archive archive = format == DumpFormat.PLAIN ? plainHeader(request.from()) : archiveHeader(request.from());
        PgVersion version;
        TargetFingerprint fingerprint;
        boolean created;
        try (Connection c = connector.openOrExplain(null)) {
            version = PgVersion.of(c);
            created = ensureDatabase(c, target.name(), database, request.create());
        } catch (SQLException e) {
            throw new MigLabException("Cannot read '" + target.name() + "': " + e.getMessage(), e);
        }
        try (Connection c = connector.openOrExplain(database)) {
            fingerprint = ServerFingerprint.capture(target.name(), c, database);
        } catch (SQLException e) {
            throw new MigLabException("Cannot read " + database + " on '" + target.name() + "': " + e.getMessage(), e);
        }
        boolean throughGate = target.guarded() || format == DumpFormat.PLAIN;
        ClientTool pgRestore = format == DumpFormat.PLAIN
                ? null
                : tools.forRestore(Tool.PG_RESTORE, archive.dumpMajor() > 0 ? archive.dumpMajor() : 1, version.major());
        List<String> notes = new ArrayList<>();
        if (created) {
            notes.add("Created the database " + database + ".");
        }
        if (format != DumpFormat.PLAIN) {
            notes.add("pg_restore " + String.join(" ", PORTABLE)
                    + ": objects belong to the restoring role, grants are not restored.");
        }
        int jobs = throughGate ? 1 : request.jobs();
        if (throughGate && target.guarded()) {
            notes.add("Guarded destination: the SQL runs through MigLab's gated script runner, statement by statement"
                    + (request.jobs() > 1 ? "; -j " + request.jobs() + " is not used through the gate" : "") + ".");
        } else if (throughGate && request.jobs() > 1) {
            notes.add("-j " + request.jobs() + " is not used: the SQL runs through MigLab's script runner.");
        }
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("from", request.from().toAbsolutePath().toString());
        params.put("format", format.id());
        params.put("target", target.name());
        params.put("database", database);
        params.put("jobs", jobs);
        params.put("create", request.create());
        params.put("clean", request.clean());
        params.put("dumpedBy", archive.dumpedBy());
        params.put("throughGate", throughGate);
        try (ExperimentRun run = ledger.begin(
                RESTORE_KIND,
                "Restore " + request.from().getFileName() + " into " + database + " on " + target.name()
                        + (jobs > 1 ? " (-j " + jobs + ")" : ""),
                fingerprint,
                params)) {
            try {
                long started = System.nanoTime();
                List<TableTime> times;
                long rows = -1;
                String tool;
                AtomicInteger done = new AtomicInteger();
                int total = archive.tables();
                TableListener counting = new TableListener() {
                    @Override
                    public void started(String table) {
                        tables.started(table);
                        progress.report(
                                total > 0
                                        ? Progress.of(
                                                "Restoring " + table + " (" + done.get() + " of " + total + " tables)",
                                                done.get(),
                                                total)
                                        : Progress.indeterminate("Restoring " + table));
                    }

                    @Override
                    public void finished(String table, double seconds) {
                        tables.finished(table, seconds);
                        int n = done.incrementAndGet();
                        progress.report(
                                total > 0
                                        ? Progress.of(
                                                "Restored " + table + " (" + n + " of " + total + " tables)", n, total)
                                        : Progress.indeterminate("Restored " + table));
                    }
                };
                if (!throughGate) {
                    tool = pgRestore.path() + " (" + pgRestore.version() + ")";
                    List<String> command =
                            new ArrayList<>(List.of(pgRestore.path().toString(), "--verbose", "--exit-on-error"));
                    command.addAll(PORTABLE);
                    if (jobs > 1) {
                        command.add("--jobs=" + jobs);
                    }
                    if (request.clean()) {
                        command.addAll(List.of("--clean", "--if-exists"));
                    }
                    command.add("--dbname=" + conninfo(target.connection(), database));
                    command.add(request.from().toAbsolutePath().toString());
                    VerboseLog log = new VerboseLog();
                    VerboseTables tracker = new VerboseTables(jobs > 1, (table, finished) -> {
                        if (!finished) {
                            counting.started(table);
                        }
                    });
                    progress.report(Progress.indeterminate("Running " + tool));
                    try (ChildProcess p = ChildProcess.start(
                            command,
                            childEnvironment(target, database, false),
                            log.and(tracker::accept),
                            cancellation)) {
                        p.succeedOrThrow(cancellation, "pg_restore into " + database + " on '" + target.name() + "'");
                    }
                    tracker.finishAll();
                    log.attachTo(run, "pg_restore.log");
                    times = tracker.tables().stream()
                            .map(t -> new TableTime(t.table(), -1, t.seconds()))
                            .toList();
                    times.forEach(t -> counting.finished(t.table(), t.seconds()));
                } else {
                    ScriptResult result;
                    ScriptOptions options = ScriptOptions.defaults().withDatabase(database);
                    ProgressListener scriptProgress = p -> progress.report(
                            total > 0
                                    ? Progress.of(p.message(), done.get(), total)
                                    : Progress.indeterminate(p.message()));
                    if (format == DumpFormat.PLAIN) {
                        tool = "MigLab's script runner";
                        result = runScript(() ->
                                new ScriptRunner(connector).run(request.from(), options, scriptProgress, cancellation));
                    } else {
                        tool = pgRestore.path() + " -f - (" + pgRestore.version()
                                + ") into MigLab's gated script runner";
                        List<String> command =
                                new ArrayList<>(List.of(pgRestore.path().toString()));
                        command.addAll(PORTABLE);
                        if (request.clean()) {
                            command.addAll(List.of("--clean", "--if-exists"));
                        }
                        command.addAll(List.of(
                                "--file=-", request.from().toAbsolutePath().toString()));
                        try (ChildProcess p = ChildProcess.start(command, Map.of(), line -> {}, cancellation)) {
                            InputStream sql = p.stdout();
                            result = runScript(() -> new ScriptRunner(connector)
                                    .run(
                                            "pg_restore of " + request.from().getFileName(),
                                            sql,
                                            null,
                                            options,
                                            scriptProgress,
                                            cancellation));
                            p.succeedOrThrow(
                                    cancellation,
                                    "pg_restore -f - of " + request.from().getFileName());
                        }
                    }
                    times = result.copies().stream()
                            .map(copy -> new TableTime(
                                    copy.table(), -1, copy.elapsed().toNanos() / 1e9))
                            .toList();
                    times.forEach(t -> counting.finished(t.table(), t.seconds()));
                    rows = result.rowsCopied();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                Restore restore = new Restore(
                        run.id(),
                        target.name(),
                        database,
                        version.toString(),
                        format,
                        archive.dumpedBy(),
                        tool,
                        jobs,
                        throughGate,
                        times,
                        rows,
                        seconds,
                        notes);
                run.attachJson("restore.json", restore);
                run.measure("elapsed", seconds, "s");
                run.measure("tables", times.size(), "tables");
                run.measure("jobs", jobs, "workers");
                if (rows >= 0) {
                    run.measure("rows", rows, "rows");
                }
                run.tag(format.id());
                if (throughGate) {
                    run.tag("through-gate");
                }
                run.succeed();
                progress.report(Progress.of("Restored " + times.size() + " table(s) into " + database, 1, 1));
                return restore;
            } catch (CancelledException e) {
                run.cancelled();
                throw e;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /** The program's verbose lines, kept for an artifact (at most {@value #MAX_LINES}); they hold no secrets. */
    private static final class VerboseLog implements java.util.function.Consumer<String> {
        static final int MAX_LINES = 20_000;
        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void accept(String line) {
            if (lines.size() < MAX_LINES) {
                lines.add(line);
            }
        }

        java.util.function.Consumer<String> and(java.util.function.Consumer<String> next) {
            return line -> {
                accept(line);
                next.accept(line);
            };
        }

        synchronized void attachTo(ExperimentRun run, String name) {
            run.attach(name, "text/plain", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Refuses, in one line, a destination that is a guarded target nobody unlocked. */
    public static void requireWritable(TargetConnector connector) {
        Target target = connector.target();
        if (target.guarded() && !connector.writable()) {
            throw new MigLabException(
                    "'" + target.name() + "' is a guarded target and locked: a restore writes, so nothing was run.",
                    "Unlock it first: miglab target unlock " + target.name() + " --reason \"...\"",
                    null);
        }
    }

    private static ScriptResult runScript(java.util.function.Supplier<ScriptResult> work) {
        try {
            ScriptResult result = work.get();
            if (result.stoppedBy() != null) {
                throw new MigLabException(
                        "The restore stopped: " + result.stoppedBy().describe());
            }
            return result;
        } catch (ScriptException e) {
            throw new MigLabException("The restore stopped: " + e.getMessage(), e);
        }
    }

    /** Creates the database when asked and missing; true when it did. */
    private static boolean ensureDatabase(Connection c, String targetName, String database, boolean create)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        if (!create) {
            throw new MigLabException(
                    "There is no database " + database + " on '" + targetName + "'.",
                    "Create it, or restore with --create.",
                    null);
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + quoteIdentifier(database));
        }
        return true;
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** What a dump's header says: which pg_dump wrote it and how many tables' data it holds. */
    record Archive(String dumpedBy, int dumpMajor, int tables) {}

    static DumpFormat detectFormat(Path from) {
        if (Files.isDirectory(from)) {
            if (!Files.isRegularFile(from.resolve("toc.dat"))) {
                throw new MigLabException(
                        "The folder " + from + " is not a directory-format dump (it has no toc.dat).");
            }
            return DumpFormat.DIRECTORY;
        }
        try (InputStream in = Files.newInputStream(from)) {
            byte[] head = in.readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("PGDMP") ? DumpFormat.CUSTOM : DumpFormat.PLAIN;
        } catch (IOException e) {
            throw new MigLabException("Cannot read the dump " + from + ": " + e.getMessage(), e);
        }
    }

    /** The header of a custom or directory archive, read with the newest pg_restore here ({@code -l}). */
    private Archive archiveHeader(Path from) {
        List<ClientTool> restores = tools.all(Tool.PG_RESTORE);
        if (restores.isEmpty()) {
            // Names what to install, as for any missing program.
            tools.forRestore(Tool.PG_RESTORE, 1, 1);
        }
        ClientTool newest = restores.get(0);
        List<String> lines = new ArrayList<>();
        try (ChildProcess p = ChildProcess.start(
                List.of(
                        newest.path().toString(),
                        "--list",
                        from.toAbsolutePath().toString()),
                Map.of(),
                line -> {},
                Cancellation.none())) {
            try (BufferedReader reader =
                    new BufferedReader(new java.io.InputStreamReader(p.stdout(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new MigLabException("Cannot read the table of contents of " + from + ": " + e.getMessage(), e);
            }
            int code = p.waitFor(Cancellation.none());
            if (code != 0) {
                throw new MigLabException("pg_restore " + newest.major() + " (" + newest.path() + ") cannot read "
                        + from + ": " + p.lastError());
            }
        }
        String dumpedBy = "?";
        int major = 0;
        int tables = 0;
        for (String line : lines) {
            Matcher m = DUMPED_BY.matcher(line);
            if (m.find() && major == 0) {
                major = Integer.parseInt(m.group(1));
                dumpedBy = m.group(1) + (m.group(2) == null ? "" : m.group(2));
            }
            if (TABLE_DATA.matcher(line).matches()) {
                tables++;
            }
        }
        return new Archive(dumpedBy, major, tables);
    }

    /** The header comment of a plain dump ({@code -- Dumped by pg_dump version 15.20}); counts its COPY blocks. */
    private static Archive plainHeader(Path from) {
        String dumpedBy = "?";
        int major = 0;
        try (BufferedReader reader = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null && n++ < 50) {
                Matcher m = DUMPED_BY.matcher(line);
                if (m.find()) {
                    major = Integer.parseInt(m.group(1));
                    dumpedBy = m.group(1) + (m.group(2) == null ? "" : m.group(2));
                    break;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Not UTF-8 or unreadable: the script runner says so, with the line, when it runs.
        }
        return new Archive(dumpedBy, major, -1);
    }

    // ---- the child's connection ------------------------------------------------------------------------------------

    /**
     * A libpq connection string for the target's server and {@code database}: host, port, user, sslmode, never the
     * password (that goes in the child's environment).
     */
    static String conninfo(ConnectionSpec spec, String database) {
        StringBuilder s = new StringBuilder();
        s.append("host=").append(quoteConninfo(spec.host()));
        s.append(" port=").append(spec.port());
        s.append(" user=").append(quoteConninfo(spec.effectiveUser()));
        s.append(" dbname=").append(quoteConninfo(database));
        if (spec.sslMode() != null) {
            s.append(" sslmode=").append(quoteConninfo(spec.sslMode()));
        }
        s.append(" application_name=MigLab");
        return s.toString();
    }

    private static String quoteConninfo(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * The child's libpq environment: {@code PGPASSWORD} when MigLab would use one (from the environment or the
     * password file), and for a read from a guarded target the guard's read-only session.
     */
    Map<String, String> childEnvironment(Target target, String database, boolean readOnly) {
        Map<String, String> env = new HashMap<>();
        ConnectionSpec spec = target.connection();
        String password = environment.get("PGPASSWORD");
        if (password == null || password.isEmpty()) {
            password = PgPass.fromEnvironment(environment)
                    .find(spec.host(), spec.port(), database, spec.effectiveUser())
                    .orElse(null);
        }
        if (password != null && !password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        if (readOnly) {
            env.put("PGOPTIONS", "-c default_transaction_read_only=on");
        }
        return env;
    }

    private static long sizeOnDisk(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: a left-over temporary file is named in no result.
                }
            });
        } catch (IOException ignored) {
            // Nothing to delete.
        }
    }
}
