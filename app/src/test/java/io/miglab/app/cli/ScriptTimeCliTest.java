package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.goals.GoalsService;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.playbooks.ShippedPlaybooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab script time} in-process, on a scratch database of the machine's PostgreSQL, at tiny sizes. */
@Tag("postgres")
@NeedsMachinePostgres
class ScriptTimeCliTest {
    /** The story's shape: batches that pick the next unmigrated rows by a predicate no index serves. */
    static final String SCRIPT =
            """
            CREATE OR REPLACE PROCEDURE mark_done(batch_size int DEFAULT 50)
            LANGUAGE plpgsql AS $$
            DECLARE
                migrated int;
            BEGIN
                LOOP
                    UPDATE items SET doc = doc || jsonb_build_object('done', true)
                     WHERE id IN (SELECT id FROM items WHERE NOT doc ? 'done' ORDER BY id LIMIT batch_size);
                    GET DIAGNOSTICS migrated = ROW_COUNT;
                    EXIT WHEN migrated = 0;
                    COMMIT;
                END LOOP;
            END
            $$;
            CALL mark_done();
            DROP PROCEDURE mark_done(int);
            """;

    static ScratchDatabase db;

    @TempDir
    static Path home;

    @TempDir
    Path temp;

    @BeforeAll
    static void target() {
        db = ScratchDatabase.create("stimecli");
        db.execute(
                "CREATE TABLE items (id int PRIMARY KEY, doc jsonb NOT NULL)",
                "INSERT INTO items SELECT g, jsonb_build_object('n', g) FROM generate_series(1, 2000) g",
                "VACUUM ANALYZE");
        assertThat(CliRun.in(
                                home,
                                "target",
                                "add",
                                "scratch",
                                "--role",
                                "lab",
                                "--url",
                                db.jdbcUrl() + "?user=postgres")
                        .code())
                .isZero();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void printsTheRunsTheFitsTheProjectionsAndTheVerdictOfEachVariant() throws Exception {
        Path script = temp.resolve("mark-done.sql");
        Files.writeString(script, SCRIPT);
        CliRun run = CliRun.in(
                home,
                "script",
                "time",
                script.toString(),
                "--target",
                "scratch",
                "--sizes",
                "25%,50%,100%",
                "--production-rows",
                "items=1000000",
                "--threshold",
                "2h",
                "--try-fixes");
        assertThat(run.code()).as(run.err()).isIn(Cli.OK, Cli.FAILURE);
        assertThat(run.out())
                .contains("Script timing of mark-done.sql on scratch, database " + db.name())
                .contains("| as written | with the temporary index |")
                .containsPattern("(?m)^100%\\s+\\| 2,000 ")
                .contains("exponent k (t ~ n^k): ")
                .contains("at 1,000,000 rows of public.items (--production-rows)")
                .contains("   <- chosen")
                .containsPattern("as written: .* \\[.*\\]; with the temporary index: .* \\[.*\\]")
                .containsPattern("(?m)^  with the temporary index: .*(go|no-go)$");
        assertThat(run.err()).contains("Sampling " + db.name() + " at 25%").contains("Stored as experiment ");

        CliRun json = CliRun.in(
                home, "script", "time", script.toString(), "--target", "scratch", "--sizes", "50%,100%", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode r = json.json();
        assertThat(r.get("table").asText()).isEqualTo("public.items");
        assertThat(r.get("productionRows").asLong()).isEqualTo(2000);
        assertThat(r.get("thresholdSeconds").isNull()).isTrue();
        assertThat(r.get("variants")).hasSize(1);
        assertThat(r.get("variants").get(0).get("runs")).hasSize(2);
        assertThat(r.get("variants").get(0).get("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(r.get("experimentId").asLong()).isPositive();
    }

    @Test
    void withoutThresholdTheGoalsStepsMigrationWindowJudges() throws Exception {
        try (Ledger ledger = Ledger.open(MigLabHome.resolve(home, Map.of()).ledgerFile())) {
            new GoalsService(ledger, Clock.systemUTC())
                    .save(
                            ShippedPlaybooks.defaultPlaybook().id(),
                            MigrationGoals.none().withMigrationWindow(Duration.ofMinutes(90)));
        }
        Path script = temp.resolve("touch.sql");
        Files.writeString(script, "UPDATE items SET doc = doc || '{\"t\": 1}';\n");
        CliRun run =
                CliRun.in(home, "script", "time", script.toString(), "--target", "scratch", "--sizes", "25%,50%,100%");
        assertThat(run.err()).contains("Threshold: the Goals step's migration window, 1 h 30 min.");
        assertThat(run.out()).containsPattern("(?m)^  as written: .*1 h 30 min window: (go|no-go)$");
    }
}
