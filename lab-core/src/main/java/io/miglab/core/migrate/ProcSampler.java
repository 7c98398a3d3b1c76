package io.miglab.core.migrate;

import io.miglab.core.metrics.local.ProcFs;
import io.miglab.core.migrate.LoadReport.ResourceSample;
import io.miglab.core.migrate.LoadReport.ResourceUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * CPU and resident memory of a group of local processes, read from {@code /proc/<pid>/stat} (utime + stime, in clock
 * ticks, 100 per second on Linux) and {@code /proc/<pid>/status} (VmRSS), every {@link #INTERVAL_MILLIS} ms on a daemon
 * thread, until the metrics engine exists. Processes may join while it runs (the destination's backends, as each
 * loading connection opens); one that exits keeps the CPU it used.
 */
public final class ProcSampler implements AutoCloseable {
    public static final long INTERVAL_MILLIS = 250;
    static final double TICKS_PER_SECOND = ProcFs.TICKS_PER_SECOND;

    private final String processes;
    private final ProcFs procFs;
    private final Map<Long, long[]> cpu = new ConcurrentHashMap<>(); // pid -> {first ticks, last ticks}
    private final List<ResourceSample> samples = new ArrayList<>();
    private final BiConsumer<ProcSampler, ResourceSample> listener;
    private final long started = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private Thread thread;
    private volatile boolean stopped;
    private long lastTicks;
    private long lastNanos;
    private long peak;

    ProcSampler(String processes, Path proc, BiConsumer<ProcSampler, ResourceSample> listener) {
        this.processes = processes;
        this.procFs = new ProcFs(proc);
        this.listener = listener;
    }

    /** A sampler of local processes (none yet), or empty when this machine has no readable /proc. */
    public static Optional<ProcSampler> local(String processes, BiConsumer<ProcSampler, ResourceSample> listener) {
        Path proc = Path.of("/proc");
        if (!Files.isReadable(proc.resolve("self").resolve("stat"))) {
            return Optional.empty();
        }
        return Optional.of(new ProcSampler(processes, proc, listener));
    }

    /** Whether a process's counters can be read here (it is local and ours to see). */
    public boolean readable(long pid) {
        return ticks(pid) >= 0;
    }

    /** Whether any process added could be read here (local, and ours to see), however briefly it lived. */
    public synchronized boolean sawAny() {
        return !cpu.isEmpty();
    }

    /** Adds a process; its CPU counts from now. */
    public void add(long pid) {
        long t = ticks(pid);
        if (t >= 0) {
            cpu.putIfAbsent(pid, new long[] {t, t});
        }
    }

    public synchronized ProcSampler start() {
        lastNanos = System.nanoTime();
        lastTicks = totalTicks();
        thread = new Thread(this::loop, "miglab-proc-sampler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(INTERVAL_MILLIS); // a sampling period, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    /** Takes one sample now (the thread calls it; tests call it directly). */
    synchronized ResourceSample sample() {
        long now = System.nanoTime();
        long memory = 0;
        for (Map.Entry<Long, long[]> e : cpu.entrySet()) {
            long t = ticks(e.getKey());
            if (t >= 0) {
                e.getValue()[1] = Math.max(e.getValue()[1], t);
                memory += rss(e.getKey());
            }
        }
        long ticks = totalTicks();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        double millicores = (ticks - lastTicks) / TICKS_PER_SECOND / seconds * 1000.0;
        lastTicks = ticks;
        lastNanos = now;
        peak = Math.max(peak, memory);
        ResourceSample s = new ResourceSample((now - started) / 1e9, millicores, memory);
        samples.add(s);
        if (listener != null) {
            listener.accept(this, s);
        }
        return s;
    }

    private long totalTicks() {
        long sum = 0;
        for (long[] v : cpu.values()) {
            sum += v[1] - v[0];
        }
        return sum;
    }

    /** Stops sampling (after one last sample) and sums up. */
    public synchronized ResourceUsage finish() {
        stop();
        sample();
        return new ResourceUsage(processes, startedAt, totalTicks() / TICKS_PER_SECOND, peak, List.copyOf(samples));
    }

    private void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** utime + stime of a process in clock ticks, or -1 when it cannot be read. */
    long ticks(long pid) {
        return procFs.ticks(pid);
    }

    /** VmRSS of a process in bytes, or 0 when it cannot be read. */
    long rss(long pid) {
        return procFs.rss(pid);
    }
}
