package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code miglab ab} as a user runs it, on the machine's PostgreSQL: registered with the lab role the setups run and
 * the index comes out faster; registered as guarded (locked) the first setup is refused in one line and nothing
 * changed.
 */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class AbCliTest {
    private static final String DROP = "DROP INDEX IF EXISTS ab_cli_k";
    private static final String CREATE = "CREATE INDEX IF NOT EXISTS ab_cli_k ON items (k)";

    @TempDir
    static Path home;

    static Path workload;

    static ScratchDatabase db;

    @BeforeAll
    static void scratchDatabase() throws Exception {
        db = ScratchDatabase.create("ab_cli");
        db.execute(
                "CREATE TABLE items (k int, payload text)",
                "INSERT INTO items SELECT g % 20000, md5(g::text) FROM generate_series(1, 200000) g",
                "ANALYZE items");
        workload = home.resolve("lookup.sql");
        Files.writeString(
                workload, "-- name: by_k\n-- params: 7\n-- params: 1234\nSELECT payload FROM items WHERE k = ?;\n");
        String url = db.jdbcUrl() + "?user=" + ScratchDatabase.USER;
        assertThat(CliRun.in(home, "target", "add", "guarded", "--url", url).code())
                .isZero();
        assertThat(CliRun.in(home, "target", "add", "labrole", "--role", "lab", "--url", url)
                        .code())
                .isZero();
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theIndexSideIsFasterInTheTableAndInTheJson() throws Exception {
        CliRun text = CliRun.in(home, abArgs("labrole", false));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out())
                .startsWith("B = with index against A = no index, 4 interleaved pairs of rounds")
                .containsPattern(
                        "by_k +\\| [0-9.]+ +\\| [0-9.]+ +\\| 0\\.[0-9]{3} \\| \\[0\\.[0-9]{3}, 0\\.[0-9]{3}\\] \\| faster");
        assertThat(text.err()).contains("Stored as experiment");

        CliRun json = CliRun.in(home, abArgs("labrole", true));
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode run = Json.mapper().readTree(json.out());
        assertThat(run.get("comparison").get("statements").get(0).get("verdict").asText())
                .isEqualTo("FASTER");
        assertThat(run.get("rounds")).hasSize(10);
    }

    @Test
    void aLockedGuardedTargetRefusesTheSetupInOneLineAndKeepsNoIndex() throws Exception {
        // A has no setup, so its first round runs (reads are allowed); B's CREATE INDEX is what must be refused.
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(abArgs("guarded", false)));
        int drop = args.indexOf("--a-setup");
        args.remove(drop + 1);
        args.remove(drop);
        CliRun refused = CliRun.in(home, args.toArray(String[]::new));

        assertThat(refused.code()).isEqualTo(Cli.FAILURE);
        assertThat(refused.err().lines().filter(l -> l.startsWith("miglab: ")))
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("miglab: The setup of with index failed:"));
        assertThat(refused.err()).doesNotContain("\tat ");
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'ab_cli_k'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    private static String[] abArgs(String target, boolean json) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "ab",
                "--target",
                target,
                "--workload",
                workload.toString(),
                "--a-label",
                "no index",
                "--a-setup",
                DROP,
                "--b-label",
                "with index",
                "--b-setup",
                CREATE,
                "--rounds",
                "4",
                "--iterations",
                "8"));
        if (json) {
            args.add("--json");
        }
        return args.toArray(String[]::new);
    }
}
