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

    public static List<MetricsSnapshot> hour(int pods, int seconds) {
        List<MetricsSnapshot> out = new ArrayList<>(seconds);
        for (int s = 0; s < seconds; s++) {
            out.add(at(s, pods));
        }
        return out;
    }
}
