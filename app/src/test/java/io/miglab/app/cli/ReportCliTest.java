package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Json;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab report} through the whole CLI, on a ledger holding one experiment with a secret in it. */
class ReportCliTest {
    static final String PASSWORD = "Hunter2-secret";

    @TempDir
    static Path home;

    @TempDir
    Path out;

    static long id;

    @BeforeAll
    static void experiment() {
        try (Workspace w = Workspace.open(new MigLabHome(home), Map.of())) {
            try (ExperimentRun run = w.ledger()
                    .begin(
                            "custom-check",
                            "Check of snake_case {code} ||",
                            new TargetFingerprint("lab", "16.4", null, "pagila@1"),
                            Json.mapper()
                                    .createObjectNode()
                                    .put("url", "postgresql://app:" + PASSWORD + "@db:5432/app"))) {
                run.measure("rows", 42, "rows");
                run.attach("notes.txt", "text/plain", "password=Hunter2-secret".getBytes(StandardCharsets.UTF_8));
                run.succeed();
                id = run.id();
            }
        }
    }

    @Test
    void textFormatsGoToStdoutEscapedForTheirMarkup() throws Exception {
        CliRun md = CliRun.in(home, "report", Long.toString(id));
        assertThat(md.code()).as(md.err()).isZero();
        assertThat(md.out())
                .startsWith("# Check of snake\\_case \\{code\\} \\|\\|\n")
                .contains("| rows | 42 | rows |");

        CliRun jira = CliRun.in(home, "report", Long.toString(id), "--format", "jira");
        assertThat(jira.out()).startsWith("h1. Check of snake\\_case \\{code\\} \\|\\|\n");

        CliRun adf = CliRun.in(home, "report", Long.toString(id), "--format", "adf");
        assertThat(adf.json().get("type").asText()).isEqualTo("doc");

        for (CliRun run : new CliRun[] {md, jira, adf}) {
            assertThat(run.out()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void theBundleIsWrittenAsFilesOrAZipWithNoSecretInAnyFile() throws Exception {
        CliRun folder = CliRun.in(home, "report", Long.toString(id), "--format", "bundle", "--out", out.toString());
        assertThat(folder.code()).as(folder.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
                        .as(f.toString())
                        .doesNotContain(PASSWORD);
            }
        }
        assertThat(out.resolve("manifest.json")).exists();
        assertThat(out.resolve("30-e" + id + "-notes.txt")).hasContent("password=***");

        CliRun zip = CliRun.in(
                home,
                "report",
                Long.toString(id),
                "--format",
                "bundle",
                "--zip",
                "--out",
                out.resolve("z").toString());
        assertThat(zip.code()).as(zip.err()).isZero();
        assertThat(Path.of(zip.out().strip())).exists().hasFileName("check-of-snake-case-code.zip");
    }

    @Test
    void csvWithSeveralTablesNeedsAFolder() {
        CliRun csv = CliRun.in(home, "report", Long.toString(id), "--format", "csv");
        assertThat(csv.code()).isEqualTo(1);
        assertThat(csv.err()).startsWith("miglab: The report has 2 tables; --out DIR writes one CSV file for each.");
        CliRun written = CliRun.in(home, "report", Long.toString(id), "--format", "csv", "--out", out.toString());
        assertThat(written.code()).as(written.err()).isZero();
        assertThat(out.resolve("table-e" + id + "-measurements.csv"))
                .hasContent("measurement,value,unit\r\nrows,42,rows");
    }
}
