package io.miglab.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBundleTest {
    @TempDir
    Path dir;

    private final ReportBundle bundle = new ReportBundle(new ChartRenderer(400, 300));

    @Test
    void aFolderHoldsEveryFormatChartTableAndArtifactInReadingOrderWithAManifest() throws Exception {
        Report report = ReportFixtures.hostile();
        bundle.writeFolder(report, dir.resolve("out"));

        List<String> names;
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        String slug = ReportBundle.slug(report.title());
        assertThat(names)
                .containsExactly(
                        "01-" + slug + ".md",
                        "02-" + slug + ".jira.txt",
                        "03-" + slug + ".adf.json",
                        "04-report.html",
                        "10-e1-latency.png",
                        "20-table-hostile.csv",
                        "30-e1-query.sql",
                        "manifest.json");
        assertThat(slug).matches("[a-z0-9-]+").hasSizeLessThanOrEqualTo(60);

        JsonNode manifest =
                Json.mapper().readTree(dir.resolve("out/manifest.json").toFile());
        List<String> listed = new ArrayList<>();
        for (JsonNode f : manifest.get("files")) {
            String name = f.get("name").asText();
            listed.add(name);
            byte[] content = Files.readAllBytes(dir.resolve("out").resolve(name));
            assertThat(f.get("size").asLong()).as(name).isEqualTo(content.length);
            assertThat(f.get("sha256").asText())
                    .as(name)
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            assertThat(f.get("mediaType").asText()).isNotBlank();
            assertThat(f.get("description").asText()).isNotBlank();
        }
        // Every file but the manifest itself, which cannot hold its own checksum.
        assertThat(listed).containsExactlyElementsOf(names.subList(0, names.size() - 1));
        assertThat(manifest.get("report").asText()).isEqualTo(report.title());
        assertThat(Files.readString(dir.resolve("out/01-" + slug + ".md")))
                .isEqualTo(new MarkdownRenderer().render(report))
                .contains("(10-e1-latency.png)");
    }

    @Test
    void aZipHoldsTheSameFilesAndIsTheSameTwice() throws Exception {
        Report report = ReportFixtures.hostile();
        bundle.writeZip(report, dir.resolve("a.zip"));
        bundle.writeZip(report, dir.resolve("b.zip"));
        assertThat(Files.readAllBytes(dir.resolve("a.zip"))).isEqualTo(Files.readAllBytes(dir.resolve("b.zip")));
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(dir.resolve("a.zip"));
                ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        assertThat(names)
                .containsExactlyElementsOf(bundle.entries(report).stream()
                        .map(ReportBundle.Entry::name)
                        .toList());
    }

    @Test
    void namesAreSafeForEveryFileSystem() {
        assertThat(ReportBundle.fileName("../../etc/passwd")).isEqualTo("__.._etc_passwd");
        assertThat(ReportBundle.fileName("round-01-A.csv")).isEqualTo("round-01-A.csv");
        assertThat(ReportBundle.slug("Baseline of lookup.sql on *lab*")).isEqualTo("baseline-of-lookup-sql-on-lab");
        assertThat(ReportBundle.slug("***")).isEqualTo("report");
    }
}
