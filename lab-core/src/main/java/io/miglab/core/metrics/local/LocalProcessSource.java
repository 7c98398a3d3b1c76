package io.miglab.core.metrics.local;

import io.miglab.core.MigLabException;
import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.MetricSource;
import io.miglab.core.metrics.MetricsSnapshot;
import io.miglab.core.metrics.MetricsUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local processes as if they were pods, so the same table, charts and sizing rules work with no cluster: each
 * watched process tree is a "pod", and its processes are grouped into "containers" by role (a PostgreSQL server's
 * backends, checkpointer, walwriter...; MigLab's own JVM). CPU comes from the ticks between two polls, memory is
 * the resident set.
 */
public final class LocalProcessSource implements MetricSource {
    private final ProcFs proc;
    private final Map<String, Long> roots;
    private final Clock clock;
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private long lastNanos;

    /** @param roots a name per watched process tree (a lab instance's postmaster, MigLab's own pid) */
    public LocalProcessSource(ProcFs proc, Map<String, Long> roots, Clock clock) {
        if (roots.isEmpty()) {
            throw new MigLabException("Name at least one local process to watch.");
        }
        this.proc = proc;
        this.roots = new LinkedHashMap<>(roots);
        this.clock = clock;
    }

    public static LocalProcessSource of(Map<String, Long> roots) {
        ProcFs proc = ProcFs.local()
                .orElseThrow(() -> new MetricsUnavailableException(
                        MetricsUnavailableException.Problem.OTHER,
                        "This machine has no /proc to read local processes from (Linux only).",
                        null));
        return new LocalProcessSource(proc, roots, Clock.systemUTC());
    }

    @Override
    public String describe() {
        return "local processes: " + String.join(", ", roots.keySet());
    }

    @Override
    public synchronized MetricsSnapshot poll() {
        long now = System.nanoTime();
        double seconds = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
        Instant at = clock.instant();
        List<ContainerUsage> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Long, Long> seen = new HashMap<>();
        for (Map.Entry<String, Long> root : roots.entrySet()) {
            List<Long> tree = proc.tree(root.getValue());
            if (tree.isEmpty()) {
                notes.add(root.getKey() + " (pid " + root.getValue() + ") is not running.");
                continue;
            }
            Map<String, double[]> byRole = new LinkedHashMap<>(); // role -> {millicores, bytes}
            for (long pid : tree) {
                long ticks = proc.ticks(pid);
                if (ticks < 0) {
                    continue;
                }
                seen.put(pid, ticks);
                Long before = lastTicks.get(pid);
                double millicores = before == null || seconds <= 0
                        ? 0
                        : (ticks - before) / ProcFs.TICKS_PER_SECOND / seconds * 1000;
                double[] sum = byRole.computeIfAbsent(role(proc.commandLine(pid)), r -> new double[2]);
                sum[0] += Math.max(0, millicores);
                sum[1] += proc.rss(pid);
            }
            for (Map.Entry<String, double[]> e : byRole.entrySet()) {
                out.add(new ContainerUsage(
                        at,
                        null,
                        "local",
                        root.getKey(),
                        e.getKey(),
                        e.getValue()[0],
                        (long) e.getValue()[1],
                        Double.NaN,
                        Double.NaN,
                        -1,
                        -1,
                        0,
                        null));
            }
        }
        if (lastNanos == 0) {
            notes.add("CPU shows from the second poll on: it is the ticks used between two polls.");
        }
        lastTicks.clear();
        lastTicks.putAll(seen);
        lastNanos = now;
        return new MetricsSnapshot(describe(), at, out, notes);
    }

    /**
     * A process's role from its command line: PostgreSQL titles its processes "postgres: NAME: checkpointer" or, for
     * a client's backend, "postgres: user db host(port) state"; the postmaster and anything else keep their program.
     */
    static String role(String commandLine) {
        if (commandLine.startsWith("postgres: ")) {
            String rest = commandLine.substring("postgres: ".length());
            String[] parts = rest.split(": ", 2);
            String title = parts.length == 2 ? parts[1] : parts[0];
            String[] known = {
                "checkpointer",
                "background writer",
                "walwriter",
                "autovacuum launcher",
                "autovacuum worker",
                "logical replication launcher",
                "archiver",
                "startup",
                "walsender",
                "walreceiver",
                "parallel worker"
            };
            for (String k : known) {
                if (title.startsWith(k)) {
                    return k;
                }
            }
            return "backends";
        }
        if (commandLine.isBlank()) {
            return "other";
        }
        String program = commandLine.split(" ", 2)[0];
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.equals("postgres") ? "postmaster" : name;
    }

    @Override
    public void close() {}
}
