package io.miglab.app.sizing;

import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Three runs of a loader Job sampled every 15 s, shaped like a real one: CPU ramps up to about 1.7 cores and falls
 * at the end, memory climbs to a plateau near 440 MiB. Deterministic, so figures can be checked.
 */
public final class JobSamples {
    private JobSamples() {}

    public static List<PodSample> runs() {
        List<PodSample> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-12-01T09:00:00Z");
        int[][] runs = {{0, 160}, {3600, 150}, {7200, 170}};
        for (int r = 0; r < runs.length; r++) {
            for (int i = 0; i < runs[r][1]; i++) {
                double cpu = i < runs[r][1] - 10 ? 1700 * (1 - Math.exp(-i / 8.0)) + 60 * Math.sin(i) : 60;
                long memory = (long) ((180 + 260 * Math.min(1, i / 90.0) + 10 * Math.cos(i)) * 1024 * 1024);
                out.add(new PodSample(
                        t0.plusSeconds(runs[r][0] + 15L * i),
                        "etl",
                        "migrate-orders-" + (r + 1),
                        "loader",
                        Math.max(5, cpu),
                        memory));
            }
        }
        return out;
    }

    public static Path write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            SamplesCsv.write(runs(), w);
        }
        return file;
    }
}
