package io.miglab.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.report.Chart.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts drawn headless: each kind decodes as a PNG of the size asked for, and is not blank. */
class ChartRendererTest {
    @TempDir
    Path dir;

    static Chart latency() {
        return new Chart(
                "latency",
                Chart.Kind.BARS_WITH_INTERVALS,
                "Median latency before and after",
                "statement",
                "median latency (ms)",
                List.of(
                        new Chart.Series(
                                "A: no index",
                                List.of(
                                        Point.category("by_k", 12.0, null, null),
                                        Point.category("by_name", 3.0, null, null))),
                        new Chart.Series(
                                "B: index on k",
                                List.of(
                                        Point.category("by_k", 0.4, 0.3, 0.55),
                                        Point.category("by_name", 3.1, 2.7, 3.6)))),
                List.of());
    }

    static Chart throughput() {
        return new Chart(
                "throughput",
                Chart.Kind.BARS,
                "Throughput per loader",
                "loader",
                "rows per second",
                List.of(new Chart.Series(
                        "rows/s",
                        List.of(
                                Point.category("copy-text", 180_000, null, null),
                                Point.category("copy-binary", 210_000, null, null),
                                Point.category("insert", 40_000, null, null)))),
                List.of());
    }

    static Chart cpu() {
        List<Point> points = new ArrayList<>();
        long start = 1_780_000_000_000L;
        for (int i = 0; i < 60; i++) {
            points.add(Point.at(start + i * 5_000L, 300 + 200 * Math.sin(i / 6.0) + (i > 40 ? 250 : 0)));
        }
        return new Chart(
                "cpu",
                Chart.Kind.TIME_SERIES,
                "CPU over time",
                "time",
                "CPU (millicores)",
                List.of(new Chart.Series("loader-0/main", points)),
                List.of(new Chart.Line("request 500m", 500), new Chart.Line("limit 1", 1000)));
    }

    @Test
    void everyKindDecodesAsAPngOfTheSizeAskedForWithSomethingDrawn() throws Exception {
        ChartRenderer renderer = new ChartRenderer(800, 450);
        for (Chart chart : List.of(latency(), throughput(), cpu())) {
            byte[] png = renderer.png(chart);
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(450);
            assertThat(colours(image)).as(chart.name()).isGreaterThan(8);
            Files.write(dir.resolve(chart.name() + ".png"), png);
            String keep = System.getProperty("miglab.test.charts");
            if (keep != null) {
                Files.createDirectories(Path.of(keep));
                Files.write(Path.of(keep, chart.name() + ".png"), png);
            }
        }
    }

    @Test
    void theSameChartGivesTheSamePicture() {
        ChartRenderer renderer = new ChartRenderer(400, 300);
        assertThat(renderer.png(cpu())).isEqualTo(renderer.png(cpu()));
    }

    private static long colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
