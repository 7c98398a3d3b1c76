package io.miglab.core.migrate;

import io.miglab.core.MigLabException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds PostgreSQL's client programs ({@code pg_dump}, {@code pg_restore}, {@code psql}) on this machine and picks
 * one fit for a server. pg_dump refuses a server of a newer major than its own ("server version mismatch"), so the
 * choice is made, and explained, before anything runs: the closest major at least the server's, whose output format
 * is the least surprising for that server.
 *
 * <p>Where they are looked for, in order: the folders of {@link #BIN_VARIABLE} (to name one per major version), the
 * {@code PATH}, then the per-version folders packagers use: {@code /usr/lib/postgresql/<major>/bin} (Debian,
 * Ubuntu), {@code /usr/pgsql-<major>/bin} (PGDG RPMs), Homebrew's {@code postgresql@<major>} and Postgres.app. Each
 * candidate's major comes from its own {@code --version}. Debian's {@code pg_wrapper} (what {@code /usr/bin/pg_dump}
 * links to there) is ranked after a real binary of the same major, because it chooses a version by itself.
 */
public final class ClientTools {
    /** Folders (separated as in PATH) searched first, for example a pg_dump 16 unpacked by hand. */
    public static final String BIN_VARIABLE = "MIGLAB_PG_BIN";

    /** The client programs MigLab runs. */
    public enum Tool {
        PG_DUMP("pg_dump"),
        PG_RESTORE("pg_restore"),
        PSQL("psql");

        private final String program;

        Tool(String program) {
            this.program = program;
        }

        public String program() {
            return program;
        }
    }

    /**
     * One client program found on this machine.
     *
     * @param major its PostgreSQL major version, from {@code --version}
     * @param version what {@code --version} printed, for example {@code pg_dump (PostgreSQL) 15.19 (Debian ...)}
     * @param wrapper whether it is Debian's pg_wrapper rather than the program itself
     */
    public record ClientTool(Tool tool, Path path, int major, String version, boolean wrapper) {}

    private static final Logger LOG = LoggerFactory.getLogger(ClientTools.class);
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");

    private final List<Path> folders;
    private final boolean windows;
    private final Map<Tool, List<ClientTool>> found = new LinkedHashMap<>();

    /** Searches exactly these folders, in this order (tests, and callers with their own configuration). */
    public ClientTools(List<Path> folders) {
        this.folders = List.copyOf(folders);
        this.windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The folders of {@link #BIN_VARIABLE}, then PATH, then the packagers' per-version folders. */
    public static ClientTools onThisMachine(Map<String, String> environment) {
        List<Path> folders = new ArrayList<>();
        addAll(folders, environment.get(BIN_VARIABLE));
        addAll(folders, environment.getOrDefault("PATH", environment.get("Path")));
        folders.addAll(versionFolders(Path.of("/usr/lib/postgresql"), "", "bin"));
        folders.addAll(versionFolders(Path.of("/usr"), "pgsql-", "bin"));
        folders.addAll(versionFolders(Path.of("/opt/homebrew/opt"), "postgresql@", "bin"));
        folders.addAll(versionFolders(Path.of("/usr/local/opt"), "postgresql@", "bin"));
        folders.addAll(versionFolders(Path.of("/Applications/Postgres.app/Contents/Versions"), "", "bin"));
        return new ClientTools(folders);
    }

    /** Every copy of the tool found, newest major first, real binaries before wrappers of the same major. */
    public synchronized List<ClientTool> all(Tool tool) {
        return found.computeIfAbsent(tool, this::search);
    }

    /**
     * The copy of the tool to use against a server of {@code serverMajor}: the lowest major at least the server's
     * (a real binary before a wrapper).
     *
     * @throws MigLabException naming what was found and what to install when none is recent enough
     */
    public ClientTool forServer(Tool tool, int serverMajor) {
        List<ClientTool> candidates = all(tool);
        Optional<ClientTool> fit = candidates.stream()
                .filter(t -> t.major() >= serverMajor)
                .min(Comparator.comparingInt(ClientTool::major).thenComparing(ClientTool::wrapper));
        if (fit.isPresent()) {
            return fit.get();
        }
        String program = tool.program();
        String what = candidates.isEmpty()
                ? "No " + program + " was found (looked in " + BIN_VARIABLE + ", PATH and the per-version folders"
                        + " such as /usr/lib/postgresql/<major>/bin)"
                : "The newest " + program + " here is " + candidates.get(0).major() + " ("
                        + candidates.get(0).path() + ")";
        throw new MigLabException(
                what + "; PostgreSQL " + serverMajor + " needs " + program + " " + serverMajor + " or newer.",
                installHint(serverMajor),
                null);
    }

    /**
     * The copy of {@code pg_restore} or {@code psql} to restore an archive or script made by pg_dump {@code
     * dumpMajor} into a server of {@code serverMajor}. pg_restore cannot read archives from a newer pg_dump, so the
     * tool's major must be at least the dump's; a server newer than the tool is fine (it accepts the older SQL,
     * which is how a major-version upgrade restores: pg_dump 15 into PostgreSQL 16). Among those, the closest major
     * at least the server's, else the newest.
     *
     * @throws MigLabException naming what to install when no copy can read the dump
     */
    public ClientTool forRestore(Tool tool, int dumpMajor, int serverMajor) {
        if (tool == Tool.PG_DUMP) {
            throw new IllegalArgumentException("pg_dump does not restore; use forServer");
        }
        List<ClientTool> readers =
                all(tool).stream().filter(t -> t.major() >= dumpMajor).toList();
        Optional<ClientTool> atLeastServer = readers.stream()
                .filter(t -> t.major() >= serverMajor)
                .min(Comparator.comparingInt(ClientTool::major).thenComparing(ClientTool::wrapper));
        if (atLeastServer.isPresent()) {
            return atLeastServer.get();
        }
        if (!readers.isEmpty()) {
            return readers.get(0);
        }
        throw new MigLabException(
                "No " + tool.program() + " " + dumpMajor + " or newer was found to restore what pg_dump " + dumpMajor
                        + " wrote"
                        + (all(tool).isEmpty()
                                ? ""
                                : " (the newest here is " + all(tool).get(0).major() + ", "
                                        + all(tool).get(0).path() + ")")
                        + ".",
                installHint(dumpMajor),
                null);
    }

    /** What to install for a major, on the platform MigLab runs on. */
    static String installHint(int major) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String install;
        if (os.startsWith("mac")) {
            install = "brew install postgresql@" + major;
        } else if (os.startsWith("windows")) {
            install = "install the PostgreSQL " + major + " command line tools (EDB installer)";
        } else if (Files.isDirectory(Path.of("/etc/apt"))) {
            install = "apt-get install postgresql-client-" + major
                    + " (from the PostgreSQL apt repository, apt.postgresql.org, where the distribution has no "
                    + major + ")";
        } else if (Files.isRegularFile(Path.of("/etc/redhat-release"))) {
            install = "dnf install postgresql" + major + " (from the PGDG yum repository)";
        } else {
            install = "install the PostgreSQL " + major + " client programs";
        }
        return "Install the PostgreSQL " + major + " client programs: " + install
                + "; or name a folder holding them in " + BIN_VARIABLE + ".";
    }

    private List<ClientTool> search(Tool tool) {
        String name = windows ? tool.program() + ".exe" : tool.program();
        List<ClientTool> result = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path folder : folders) {
            Path candidate = folder.resolve(name);
            if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) {
                continue;
            }
            Path identity;
            boolean wrapper;
            try {
                Path real = candidate.toRealPath();
                wrapper = real.getFileName().toString().equals("pg_wrapper");
                // A wrapper serves every program from one file: tell its links apart by the folder they are in.
                identity = wrapper ? candidate.getParent().toRealPath().resolve(name) : real;
            } catch (IOException e) {
                continue;
            }
            if (!seen.add(identity)) {
                continue;
            }
            versionOf(candidate).ifPresent(v -> result.add(new ClientTool(tool, candidate, v.major, v.text, wrapper)));
        }
        result.sort(Comparator.comparingInt(ClientTool::major).reversed().thenComparing(ClientTool::wrapper));
        return List.copyOf(result);
    }

    private record Version(int major, String text) {}

    private static Optional<Version> versionOf(Path program) {
        try {
            Process process = new ProcessBuilder(program.toString(), "--version")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(isWindowsPath() ? "NUL" : "/dev/null")))
                    .start();
            byte[] output = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.debug("{} --version did not answer within 10 s", program);
                return Optional.empty();
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            Optional<Integer> major = parseMajor(text);
            if (process.exitValue() != 0 || major.isEmpty()) {
                LOG.debug("{} --version gave no version (exit {}): {}", program, process.exitValue(), text);
                return Optional.empty();
            }
            return Optional.of(new Version(major.get(), text.lines().findFirst().orElse(text)));
        } catch (IOException e) {
            LOG.debug("Cannot run {} --version: {}", program, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The major in {@code pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)} or {@code ... 18beta1}. */
    static Optional<Integer> parseMajor(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static boolean isWindowsPath() {
        return File.separatorChar == '\\';
    }

    private static void addAll(List<Path> folders, String pathList) {
        if (pathList == null || pathList.isBlank()) {
            return;
        }
        for (String entry : pathList.split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                try {
                    folders.add(Path.of(entry.strip()));
                } catch (java.nio.file.InvalidPathException e) {
                    LOG.debug("Skipping unusable PATH entry {}", entry);
                }
            }
        }
    }

    /** {@code <parent>/<prefix><major>/<bin>} for every major folder there, newest first. */
    private static List<Path> versionFolders(Path parent, String prefix, String bin) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(prefix)
                                && n.substring(prefix.length()).matches("\\d+");
                    })
                    .sorted(Comparator.comparing((Path p) ->
                                    Integer.parseInt(p.getFileName().toString().substring(prefix.length())))
                            .reversed())
                    .map(p -> p.resolve(bin))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
