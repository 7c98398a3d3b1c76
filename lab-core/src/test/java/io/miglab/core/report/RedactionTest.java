package io.miglab.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No password, token or connection string with credentials reaches any output of any format. */
class RedactionTest {
    static final String PASSWORD = "S3cr3t-Pa55word";
    static final String URL = "postgresql://migrator:" + PASSWORD + "@db.internal.example:5432/app?sslmode=require";
    static final String TOKEN = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    static final String JIRA_TOKEN = "ATATT3xFfGF0Zm9vYmFyYmF6cXV4cXV1eHh5eno";
    static final String OPAQUE = "opaque-7f3a9c1e5b2d4f6a8c0e";

    @TempDir
    Path dir;

    @Test
    void secretsInParametersNotesErrorsAndArtifactsAppearInNoFormat() throws Exception {
        long id;
        try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"))) {
            ObjectNode params = Json.mapper().createObjectNode();
            params.put("source", URL);
            params.put("apiToken", OPAQUE);
            params.put("note", "pushed with " + TOKEN + " and Bearer " + OPAQUE);
            params.putObject("destination").put("password", PASSWORD).put("host", "db.internal.example");
            try (ExperimentRun run = ledger.begin(
                    "custom-check",
                    "Check against " + URL,
                    new TargetFingerprint("prod", "16.4", null, null),
                    params)) {
                run.measure("rows", 42, "rows");
                run.attach(
                        "config.json",
                        "application/json",
                        ("{\"url\": \"" + URL + "\", \"password\": \"" + PASSWORD + "\", \"jira\": \"" + JIRA_TOKEN
                                        + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
                run.attach("env.txt", "text/plain", ("PGPASSWORD=" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
                id = run.id();
                run.fail(new IllegalStateException("could not connect to " + URL));
            }
            ledger.setNotes(id, "token=" + OPAQUE + " for the import");

            Report report = new ReportService(ledger).build(ReportRequest.of(List.of(id)));
            List<String> outputs = new ArrayList<>();
            ChartRenderer charts = new ChartRenderer(300, 200);
            for (ReportFormat f : List.of(ReportFormat.MD, ReportFormat.JIRA, ReportFormat.ADF, ReportFormat.HTML)) {
                outputs.add(f.renderer(charts).render(report));
            }
            outputs.addAll(new CsvRenderer().render(report).values());
            ReportBundle bundle = new ReportBundle(charts);
            bundle.writeFolder(report, dir.resolve("bundle"));
            try (Stream<Path> files = Files.list(dir.resolve("bundle"))) {
                for (Path f : files.toList()) {
                    outputs.add(Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
            bundle.writeZip(report, dir.resolve("bundle.zip"));
            try (InputStream in = Files.newInputStream(dir.resolve("bundle.zip"));
                    ZipInputStream zip = new ZipInputStream(in)) {
                while (zip.getNextEntry() != null) {
                    outputs.add(new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            }

            assertThat(outputs).hasSizeGreaterThan(10);
            for (String out : outputs) {
                assertThat(out).doesNotContain(PASSWORD, TOKEN, JIRA_TOKEN, OPAQUE, "migrator:");
            }
            // What is not secret stays: the host, the target, the figures, the artifact itself.
            String md = outputs.get(0);
            assertThat(md).contains("db.internal.example", "prod", "42", "config.json");
            assertThat(Files.readString(dir.resolve("bundle/30-e" + id + "-config.json")))
                    .contains("postgresql://***@db.internal.example:5432/app");
        }
    }

    @Test
    void urlsKeepTheirHostAndSecretsAreMaskedWhereverTheyAre() {
        assertThat(Redaction.text("see " + URL + " now"))
                .isEqualTo("see postgresql://***@db.internal.example:5432/app?sslmode=require now");
        assertThat(Redaction.text("password=abc123 user=x")).isEqualTo("password=*** user=x");
        assertThat(Redaction.text("\"token\": \"abc\"")).isEqualTo("\"token\": \"***\"");
        assertThat(Redaction.text("Authorization: Bearer abcdefghijk")).doesNotContain("abcdefghijk");
        assertThat(Redaction.text("plain text with snake_case and {code}"))
                .isEqualTo("plain text with snake_case and {code}");
        ObjectNode node =
                Json.mapper().createObjectNode().put("sshPassword", "x").put("rows", 5);
        assertThat(Redaction.json(node).toString()).isEqualTo("{\"sshPassword\":\"***\",\"rows\":5}");
    }
}
