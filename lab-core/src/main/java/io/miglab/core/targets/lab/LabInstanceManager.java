package io.miglab.core.targets.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, starts, stops and configures lab instances under {@code <home>/instances/<name>}.
 *
 * <p>Servers are started with {@code pg_ctl start}, so they keep running after the JVM exits, as {@code pg_ctl}
 * users expect; {@link #stopStartedHere()} stops the ones this process started (the app calls it on close). As root,
 * PostgreSQL refuses to run, so every server program runs inside {@code unshare -U}: a user namespace where root
 * appears as an unprivileged user and the data folder, owned by root outside, appears owned by that same user.
 *
 * <p>Every instance preloads pg_stat_statements, listens on 127.0.0.1 only with trust authentication, and has no
 * Unix socket (a long MigLab home would exceed the socket path limit).
 */
public final class LabInstanceManager implements LabInstances {
    public static final String DEFAULT_NAME = "lab";

    private static final Logger LOG = LoggerFactory.getLogger(LabInstanceManager.class);
    private static final Pattern VALID_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path instancesDir;
    private final Path binariesDir;
    private final BinariesResolver resolver;
    private final PgPlatform platform;
    private final Set<String> startedHere = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<PostgresRelease, PostgresBinaries> binaries = new java.util.concurrent.ConcurrentHashMap<>();

    /** Instances whose binaries come from inside MigLab, the local Maven repository or Maven Central. */
    public LabInstanceManager(Path instancesDir, Path binariesDir) {
        this(instancesDir, binariesDir, BinariesResolver.standard());
    }

    /**
     * @param resolver where the binaries of a version MigLab does not bundle come from, the first time it is used
     */
    public LabInstanceManager(Path instancesDir, Path binariesDir, BinariesResolver resolver) {
        this.instancesDir = instancesDir;
        this.binariesDir = binariesDir;
        this.resolver = resolver;
        this.platform = PgPlatform.current();
    }

    /** Checks a name up front: lower-case letters, digits, '-' and '_', starting with a letter. */
    public static String validateName(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new MigLabException(
                    "'" + name + "' is not a valid lab instance name.",
                    "Use lower-case letters, digits, '-' or '_', starting with a letter (for example: lab, second).",
                    null);
        }
        return name;
    }

    /** All instances that exist in this home, by name. */
    @Override
    public List<LabInstance> list() {
        if (!Files.isDirectory(instancesDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(instancesDir)) {
            return dirs.filter(d -> Files.exists(d.resolve("instance.json")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .map(this::describe)
                    .toList();
        } catch (IOException e) {
            throw new MigLabException("Cannot list lab instances in " + instancesDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LabInstance> find(String name) {
        Path dir = instancesDir.resolve(validateName(name));
        return Files.exists(dir.resolve("instance.json")) ? Optional.of(describe(name)) : Optional.empty();
    }

    /** Whether the instance exists (created, running or not). */
    public boolean exists(String name) {
        return find(name).isPresent();
    }

    /**
     * Starts the instance, creating it first (on the default major, {@value PostgresRelease#DEFAULT_MAJOR}) if it
     * does not exist. Returns at once when it already runs. The port it had before is kept when free; otherwise a
     * free one is chosen and remembered.
     */
    @Override
    public LabInstance start(String name, ProgressListener progress) {
        validateName(name);
        return start(name, exists(name) ? null : PostgresRelease.bundled(), progress);
    }

    /**
     * Starts the instance on a PostgreSQL major, creating it on that major if it does not exist; its binaries are
     * resolved (and downloaded) the first time that major is used.
     *
     * @throws MigLabException when MigLab has no binaries for the major, or the instance exists on another one
     */
    @Override
    public LabInstance start(String name, int pgMajor, ProgressListener progress) {
        PostgresRelease wanted = PostgresRelease.of(pgMajor);
        validateName(name);
        if (exists(name)) {
            int existing = describe(name).major();
            if (existing != pgMajor) {
                throw new MigLabException(
                        "Lab instance '" + name + "' runs PostgreSQL " + existing + ", not " + pgMajor + ".",
                        "Start it without --pg-version, pick another name, or delete it first: miglab lab delete"
                                + " --name " + name + " --yes",
                        null);
            }
            return start(name, null, progress);
        }
        return start(name, wanted, progress);
    }

    /** @param creating the release of a new instance, or null when the instance exists and keeps its own */
    private LabInstance start(String name, PostgresRelease creating, ProgressListener progress) {
        Path dir = instancesDir.resolve(name);
        boolean fresh = creating != null;
        if (fresh) {
            create(name, creating, progress);
        }
        LabInstance current = describe(name);
        if (current.running()) {
            return current;
        }
        PostgresRelease release = releaseOf(current);
        PostgresBinaries server = binaries(release, progress);
        int port = isPortFree(current.port()) ? current.port() : freePort();
        if (port != current.port() || !release.version().equals(current.serverVersion())) {
            writeDescriptor(dir, port, release);
        }
        progress.report(
                Progress.indeterminate("Starting lab instance '" + name + "' (" + release + ") on port " + port));
        String result = run(
                List.of(
                        server.program("pg_ctl").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-o",
                        "-p " + port,
                        "-w",
                        "-t",
                        Long.toString(START_TIMEOUT.toSeconds()),
                        "start"),
                START_TIMEOUT.plusSeconds(10));
        LabInstance started = describe(name);
        if (!started.running()) {
            throw new MigLabException(
                    "Lab instance '" + name + "' did not start: " + result.strip() + lastLogLines(started, 15),
                    "See the server log: " + started.logFile(),
                    null);
        }
        startedHere.add(name);
        if (fresh) {
            createStatementStatistics(started);
        }
        LOG.info("Lab instance '{}' ({}) running on port {} (pid {})", name, release, started.port(), started.pid());
        return started;
    }

    /**
     * The release an existing instance runs: the current build of its major (a data folder is bound to its major,
     * not to a minor version).
     */
    private static PostgresRelease releaseOf(LabInstance instance) {
        try {
            return PostgresRelease.of(instance.major());
        } catch (MigLabException e) {
            throw new MigLabException(
                    "Lab instance '" + instance.name() + "' is PostgreSQL " + instance.serverVersion()
                            + ", which this MigLab cannot run (it runs " + PostgresRelease.majors() + ").",
                    "Delete it (miglab lab delete --name " + instance.name() + " --yes) or use a MigLab that runs"
                            + " that version.",
                    null);
        }
    }

    /** Stops the instance with a fast shutdown (active sessions are ended). Returns false if it was not running. */
    @Override
    public boolean stop(String name) {
        LabInstance instance = find(name).orElseThrow(() -> noSuchInstance(name));
        startedHere.remove(name);
        if (!instance.running()) {
            return false;
        }
        run(
                List.of(
                        binaries(releaseOf(instance), ProgressListener.NONE)
                                .program("pg_ctl")
                                .toString(),
                        "-D",
                        instance.dataDirectory().toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "60",
                        "stop"),
                Duration.ofSeconds(70));
        return true;
    }

    @Override
    public LabInstance restart(String name, ProgressListener progress) {
        stop(name);
        return start(name, progress);
    }

    /** Stops the instances this process started; the app calls it when its window closes. */
    public void stopStartedHere() {
        for (String name : List.copyOf(startedHere)) {
            try {
                stop(name);
            } catch (RuntimeException e) {
                LOG.warn("Could not stop lab instance '{}': {}", name, e.getMessage());
            }
        }
    }

    /** Stops the instance if it runs and deletes its folder with all its data. */
    @Override
    public void delete(String name) {
        if (find(name).isEmpty()) {
            throw noSuchInstance(name);
        }
        stop(name);
        try {
            PostgresBinaries.deleteTree(instancesDir.resolve(name));
        } catch (IOException e) {
            throw new MigLabException("Cannot delete lab instance '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The current state of an existing instance, read from its descriptor and postmaster.pid. */
    @Override
    public LabInstance describe(String name) {
        Path dir = instancesDir.resolve(name);
        int port = readPort(dir);
        String version = readVersion(dir);
        Path pidFile = dir.resolve("data").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            try {
                List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
                long pid = Long.parseLong(lines.get(0).trim());
                boolean alive =
                        ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (alive && lines.size() > 3) {
                    int runningPort = Integer.parseInt(lines.get(3).trim());
                    return new LabInstance(name, dir, runningPort, LabInstance.State.RUNNING, pid, version);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Unreadable postmaster.pid in {}: {}", dir, e.getMessage());
            }
        }
        return new LabInstance(name, dir, port, LabInstance.State.STOPPED, 0, version);
    }

    /** The last lines of the server log, oldest first. */
    @Override
    public List<String> logTail(String name, int lines) {
        LabInstance instance = find(name).orElseThrow(() -> noSuchInstance(name));
        if (!Files.exists(instance.logFile())) {
            return List.of();
        }
        // Only the end of the file is read: a server log grows without bound, the tail asked for does not.
        try (java.io.RandomAccessFile file =
                new java.io.RandomAccessFile(instance.logFile().toFile(), "r")) {
            long length = file.length();
            long window = Math.min(length, Math.max(64 * 1024L, lines * 512L));
            file.seek(length - window);
            byte[] bytes = new byte[(int) window];
            file.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (window < length && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line was cut by the window
            }
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            throw new MigLabException("Cannot read the server log " + instance.logFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Changes server settings with {@code ALTER SYSTEM} (written to postgresql.auto.conf) and reloads. Returns the
     * names of the settings that only take effect after a restart.
     */
    @Override
    public List<String> applySettings(String name, Map<String, String> settings) {
        LabInstance instance = find(name).orElseThrow(() -> noSuchInstance(name));
        if (!instance.running()) {
            throw new MigLabException("Lab instance '" + name + "' is not running; start it to change settings.");
        }
        try (Connection c = DriverManager.getConnection(instance.jdbcUrl());
                Statement st = c.createStatement()) {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                String key = setting.getKey();
                if (!key.matches("[a-z_][a-z0-9_.]*")) {
                    throw new MigLabException("'" + key + "' is not a PostgreSQL setting name.");
                }
                st.execute(
                        "ALTER SYSTEM SET " + key + " = '" + setting.getValue().replace("'", "''") + "'");
            }
            reloadAndWait(st);
            List<String> pending = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT name FROM pg_settings WHERE pending_restart AND name = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", settings.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pending.add(rs.getString(1));
                    }
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new MigLabException("Changing settings of lab instance '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /** Undoes {@link #applySettings} for the named settings ({@code ALTER SYSTEM RESET}) and reloads. */
    @Override
    public void resetSettings(String name, java.util.Collection<String> keys) {
        LabInstance instance = find(name).orElseThrow(() -> noSuchInstance(name));
        try (Connection c = DriverManager.getConnection(instance.jdbcUrl());
                Statement st = c.createStatement()) {
            for (String key : keys) {
                if (!key.matches("[a-z_][a-z0-9_.]*")) {
                    throw new MigLabException("'" + key + "' is not a PostgreSQL setting name.");
                }
                st.execute("ALTER SYSTEM RESET " + key);
            }
            reloadAndWait(st);
        } catch (SQLException e) {
            throw new MigLabException("Resetting settings of lab instance '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Asks the server to re-read its configuration and waits until this session has: {@code pg_reload_conf()} only
     * sends SIGHUP, and a backend re-reads the files between statements, so a query right after it may still see
     * the old values. {@code pg_conf_load_time()} moves when this backend has reloaded.
     */
    private static void reloadAndWait(Statement st) throws SQLException {
        String loadTime = "SELECT extract(epoch FROM pg_conf_load_time())::numeric";
        java.math.BigDecimal before;
        try (ResultSet rs = st.executeQuery(loadTime)) {
            rs.next();
            before = rs.getBigDecimal(1);
        }
        st.execute("SELECT pg_reload_conf()");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = st.executeQuery(loadTime)) {
                rs.next();
                if (rs.getBigDecimal(1).compareTo(before) > 0) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new MigLabException("The server did not reload its configuration within 10 s.");
    }

    /** The settings that differ from their defaults, with where each comes from. */
    @Override
    public Map<String, String> settings(String name) {
        LabInstance instance = find(name).orElseThrow(() -> noSuchInstance(name));
        if (!instance.running()) {
            throw new MigLabException("Lab instance '" + name + "' is not running.");
        }
        Map<String, String> result = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(instance.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT name, setting FROM pg_settings WHERE source NOT IN ('default', 'override') ORDER BY name")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getString(2));
            }
            return result;
        } catch (SQLException e) {
            throw new MigLabException("Reading settings of lab instance '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    // ---- creation ----------------------------------------------------------------------------------------------

    private void create(String name, PostgresRelease release, ProgressListener progress) {
        Path dir = instancesDir.resolve(name);
        PostgresBinaries server = binaries(release, progress);
        progress.report(Progress.indeterminate("Creating lab instance '" + name + "' on " + release + " (initdb)"));
        try {
            Path data = dir.resolve("data");
            if (Files.exists(data)) {
                // A previous creation died half-way; its data folder cannot be trusted.
                PostgresBinaries.deleteTree(data);
            }
            Files.createDirectories(dir);
            run(
                    List.of(
                            server.program("initdb").toString(),
                            "-A",
                            "trust",
                            "-U",
                            LabInstance.SUPERUSER,
                            "-E",
                            "UTF8",
                            "--locale=C",
                            "-D",
                            data.toString()),
                    Duration.ofMinutes(3));
            String conf = String.join(
                    "\n",
                    "",
                    "# Added by MigLab for lab instances",
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = ''",
                    "shared_preload_libraries = 'pg_stat_statements'",
                    "pg_stat_statements.track = all",
                    "track_io_timing = on",
                    "fsync = on",
                    "log_line_prefix = '%m [%p] %q%u@%d '",
                    "");
            Files.writeString(
                    data.resolve("postgresql.conf"),
                    conf,
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            writeDescriptor(dir, freePort(), release);
        } catch (IOException e) {
            throw new MigLabException("Cannot create lab instance '" + name + "' in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates pg_stat_statements in template1 (so every database created later has it) and in postgres. Preloading
     * the library alone is not enough: the view exists only where the extension was created.
     */
    private static void createStatementStatistics(LabInstance instance) {
        for (String database : List.of("template1", LabInstance.DEFAULT_DATABASE)) {
            try (Connection c = DriverManager.getConnection(instance.jdbcUrl(database));
                    Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            } catch (SQLException e) {
                throw new MigLabException(
                        "Lab instance '" + instance.name() + "' started, but creating" + " pg_stat_statements in "
                                + database + " failed: " + e.getMessage(),
                        e);
            }
        }
    }

    private void writeDescriptor(Path dir, int port, PostgresRelease release) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("name", dir.getFileName().toString());
        json.put("port", port);
        json.put("pgMajor", release.major());
        json.put("serverVersion", release.version());
        try {
            Path tmp = dir.resolve("instance.json.tmp");
            Files.writeString(
                    tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            Files.move(
                    tmp,
                    dir.resolve("instance.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MigLabException("Cannot write " + dir.resolve("instance.json") + ": " + e.getMessage(), e);
        }
    }

    private static int readPort(Path dir) {
        return readDescriptor(dir).path("port").asInt(0);
    }

    /**
     * The binaries version the instance last ran, from its descriptor; instances created before MigLab ran several
     * majors have the bundled one.
     */
    private static String readVersion(Path dir) {
        return readDescriptor(dir).path("serverVersion").asText(PostgresBinaries.BUNDLED_VERSION);
    }

    private static com.fasterxml.jackson.databind.JsonNode readDescriptor(Path dir) {
        try {
            return Json.mapper().readTree(dir.resolve("instance.json").toFile());
        } catch (IOException e) {
            throw new MigLabException(
                    "The lab instance descriptor " + dir.resolve("instance.json") + " is unreadable: " + e.getMessage(),
                    e);
        }
    }

    // ---- processes ---------------------------------------------------------------------------------------------

    private PostgresBinaries binaries(PostgresRelease release, ProgressListener progress) {
        PostgresBinaries known = binaries.get(release);
        if (known != null) {
            return known;
        }
        // Not inside computeIfAbsent: a first use may download for a while. Two threads resolving at once is
        // harmless, PostgresBinaries serialises the unpacking with a file lock.
        PostgresBinaries resolved =
                PostgresBinaries.resolve(binariesDir, release, platform, resolver, progress, Cancellation.none());
        binaries.putIfAbsent(release, resolved);
        return resolved;
    }

    /** Runs a server program (inside a user namespace when we are root) and returns its output. */
    private static String run(List<String> command, Duration timeout) {
        List<String> full = new ArrayList<>();
        if (RootDetection.isRoot()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("miglab-pg-", ".out");
            try {
                Process process = new ProcessBuilder(full)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new MigLabException(Path.of(command.get(0)).getFileName() + " did not finish within "
                            + timeout.toSeconds() + " s.");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new MigLabException(Path.of(command.get(0)).getFileName() + " failed (exit "
                            + process.exitValue() + "): " + text.strip());
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new MigLabException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigLabException("Interrupted while running " + command.get(0), e);
        }
    }

    private String lastLogLines(LabInstance instance, int lines) {
        try {
            List<String> tail = logTail(instance.name(), lines);
            return tail.isEmpty() ? "" : "\nLast lines of the server log:\n" + String.join("\n", tail);
        } catch (MigLabException e) {
            return "";
        }
    }

    static boolean isPortFree(int port) {
        if (port <= 0) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new MigLabException("No free TCP port on 127.0.0.1 for a lab instance: " + e.getMessage(), e);
        }
    }

    private static MigLabException noSuchInstance(String name) {
        return new MigLabException(
                "There is no lab instance named '" + name + "'.",
                "Create and start it with: miglab lab start --name " + name,
                null);
    }
}
