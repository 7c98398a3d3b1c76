package io.miglab.app.metrics;

import io.miglab.core.metrics.ContainerUsage;
import io.miglab.core.metrics.MetricsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Snapshots of a fleet of pods with one container each, busy in a known pattern, one second apart. */
public final class FleetSnapshots {
    private FleetSnapshots() {}

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    public static MetricsSnapshot at(int second, int pods) {
        List<ContainerUsage> containers = new ArrayList<>();
        for (int p = 0; p < pods; p++) {
            double cpu = 100 + 10 * p + 50 * Math.sin((second + p) / 30.0);
            containers.add(new ContainerUsage(
                    T0.plusSeconds(second),
                    Duration.ofSeconds(15),
                    "etl",
                    String.format("loader-%02d", p),
                    "loader",
                    cpu,
                    (200L + p) * 1024 * 1024,
                    250,
                    500,
                    256L * 1024 * 1024,
                    512L * 1024 * 1024,
                    p == 3 ? 2 : 0,
                    p == 3 ? "OOMKilled" : null));
        }
        return new MetricsSnapshot("context test, namespace etl", T0.plusSeconds(second), containers, List.of());
    }

    /**
     * A lab instance watched from /proc with its statistics beside: backends busy with a COPY that a second later
     * becomes an index build, checkpointer and walwriter at work, MigLab's loader in its JVM.
     */
    public static MetricsSnapshot labInstance(int second) {
        Instant at = T0.plusSeconds(second);
        double wave = Math.sin(second / 20.0);
        List<ContainerUsage> containers = new ArrayList<>();
        String[][] roles = {{"lab", "backends"}, {"lab", "walwriter"}, {"lab", "checkpointer"}, {"miglab", "java"}};
        double[] cpu = {850 + 120 * wave, 60 + 20 * wave, 25 + 30 * Math.max(0, wave), 310 + 60 * wave};
        long[] mib = {420 + second / 10, 12, 140, 380};
        for (int i = 0; i < roles.length; i++) {
            containers.add(new ContainerUsage(
                    at,
                    null,
                    "local",
                    roles[i][0],
                    roles[i][1],
                    cpu[i],
                    mib[i] << 20,
                    Double.NaN,
                    Double.NaN,
                    -1,
                    -1,
                    0,
                    null));
        }
        List<io.miglab.core.metrics.DatabaseActivity.Progress> progress = List.of(
                new io.miglab.core.metrics.DatabaseActivity.Progress(
                        "COPY FROM",
                        4121,
                        "pagila",
                        "public.rental",
                        "PIPE",
                        (18L << 20) + 240_000L * second,
                        0,
                        "bytes",
                        41_000L + 900L * second),
                new io.miglab.core.metrics.DatabaseActivity.Progress(
                        "CREATE INDEX",
                        4133,
                        "pagila",
                        "public.payment",
                        "building index: scanning table",
                        2_100,
                        3_400,
                        "blocks",
                        120_000));
        io.miglab.core.metrics.DatabaseActivity database = new io.miglab.core.metrics.DatabaseActivity(
                at, 14 + 4 * wave, 21_000 + 6_000 * wave, (38 + 9 * wave) * 1e6, 420, 9_800, 3, progress);
        return new MetricsSnapshot("local processes: lab, miglab", at, containers, database, List.of());
    }

    public static List<MetricsSnapshot> hour(int pods, int seconds) {
        List<MetricsSnapshot> out = new ArrayList<>(seconds);
        for (int s = 0; s < seconds; s++) {
            out.add(at(s, pods));
        }
        return out;
    }
}
