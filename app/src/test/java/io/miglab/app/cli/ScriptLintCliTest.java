package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab script lint} in-process, with sizes from a guarded target on the machine's PostgreSQL. */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class ScriptLintCliTest {
    static ScratchDatabase db;

    @TempDir
    static Path home;

    static Path script;
    static Path config;

    @BeforeAll
    static void instances() throws Exception {
        db = ScratchDatabase.create("lint_cli");
        db.execute(
                "CREATE TABLE instance (id uuid PRIMARY KEY, jsonb jsonb NOT NULL)",
                "INSERT INTO instance SELECT md5(i::text)::uuid, jsonb_build_object('date', (1900 + i % 100)::text)"
                        + " FROM generate_series(1, 3000) i",
                "ANALYZE instance");
        script = home.resolve("migration.sql");
        Files.writeString(
                script,
                """
                DO $$
                BEGIN
                  LOOP
                    UPDATE instance SET jsonb = jsonb || jsonb_build_object('publicationPeriod', jsonb->'date')
                     WHERE id IN (SELECT id FROM instance WHERE NOT jsonb ? 'publicationPeriod' LIMIT 1000);
                    EXIT WHEN NOT FOUND;
                  END LOOP;
                END $$;
                """);
        config = home.resolve("lint.yaml");
        Files.writeString(config, "large-table-rows: 1000\n");
        String url = db.jdbcUrl() + "?user=" + ScratchDatabase.USER;
        assertThat(CliRun.in(home, "target", "add", "prod", "--url", url).code())
                .isZero();
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void anErrorLevelFindingFailsTheRunAndNamesTheLineInsideTheDoBlock() {
        CliRun run =
                CliRun.in(home, "script", "lint", script.toString(), "--target", "prod", "--config", config.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains(script + ":5:49: error unindexed-batch-predicate: ")
                .contains("3,000 rows")
                .contains("CREATE INDEX CONCURRENTLY instance_migration_batch_idx ON instance (id) WHERE NOT jsonb ?"
                        + " 'publicationPeriod'")
                .contains("(sizes from target prod)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void belowTheLargeThresholdItIsAWarningAndTheRunPasses() throws Exception {
        CliRun run = CliRun.in(home, "script", "lint", script.toString(), "--target", "prod", "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode findings = run.json();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("rule_name").asText()).isEqualTo("unindexed-batch-predicate");
        assertThat(findings.get(0).get("level").asText()).isEqualTo("warning");
        assertThat(findings.get(0).get("rows").asLong()).isEqualTo(3000);
        assertThat(findings.get(0).get("bytes").asLong()).isPositive();
    }

    @Test
    void githubAnnotationsWithoutATarget() {
        CliRun run = CliRun.in(home, "script", "lint", script.toString(), "--format", "github");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .startsWith("::warning file=" + script + ",line=5,col=49,title=unindexed-batch-predicate::Each batch");
    }

    @Test
    void badInputIsOneLineAndHelpSaysWhenItFails() throws Exception {
        Path broken = home.resolve("broken.sql");
        Files.writeString(broken, "SELECT 1;\nDO $$ BEGIN\n");
        CliRun run = CliRun.in(home, "script", "lint", broken.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("miglab: " + broken + ":2: unterminated dollar-quoted string.");
        CliRun format = CliRun.in(home, "script", "lint", script.toString(), "--format", "xml");
        assertThat(format.code()).isEqualTo(1);
        assertThat(format.err()).contains("--format xml: the formats are text, json and github.");
        CliRun help = CliRun.in(home, "script", "lint", "--help");
        assertThat(help.out()).contains("Exit status: 1 when any finding is an error");
    }
}
