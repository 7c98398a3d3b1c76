package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code miglab dump} and {@code miglab restore} as a user runs them on the machine's PostgreSQL 15: a directory dump
 * with two workers restored with two workers into another database, then validated; the JSON of a custom dump.
 */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class DumpRestoreCliTest {
    @TempDir
    static Path home;

    static ScratchDatabase db;

    @BeforeAll
    static void scratchDatabase() {
        db = ScratchDatabase.create("dump_cli");
        db.execute(
                "CREATE TABLE rental (id int PRIMARY KEY, payload text)",
                "INSERT INTO rental SELECT g, md5(g::text) FROM generate_series(1, 5000) g",
                "CREATE TABLE film (id int PRIMARY KEY)",
                "INSERT INTO film SELECT generate_series(1, 100)");
        String url = db.jdbcUrl() + "?user=" + ScratchDatabase.USER;
        assertThat(CliRun.in(home, "target", "add", "pg15", "--role", "lab", "--url", url)
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
    void aDirectoryDumpRestoredWithTwoWorkersValidates() {
        Path out = home.resolve("dir");
        CliRun dump = CliRun.in(
                home, "dump", "--target", "pg15", "--out", out.toString(), "--format", "directory", "-j", "2");
        assertThat(dump.code()).as(dump.err()).isZero();
        assertThat(dump.out())
                .startsWith("Dumped " + db.name() + " of pg15 (PostgreSQL 15.")
                .contains("directory format, -j 2, 2 table(s)")
                .contains("Written to " + out)
                .containsPattern("public.rental +\\| [0-9.]+ MB +\\| [0-9.]+");
        assertThat(dump.err()).contains("public.rental").contains("Stored as experiment");

        String copy = db.createAnother();
        CliRun restore =
                CliRun.in(home, "restore", "--target", "pg15", "--database", copy, "--from", out.toString(), "-j", "2");
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out())
                .startsWith("Restored a directory dump (pg_dump 15.")
                .contains("into " + copy + " on pg15")
                .contains("2 table(s), -j 2")
                .contains("Note: pg_restore --no-owner --no-privileges");
        assertThat(restore.err()).contains("Restored public.rental");

        CliRun validate =
                CliRun.in(home, "validate", "--source", "pg15", "--target", "pg15", "--target-database", copy);
        assertThat(validate.code()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).contains("PASSED");
    }

    @Test
    void aCustomDumpInJson() throws Exception {
        CliRun dump = CliRun.in(
                home,
                "dump",
                "--target",
                "pg15",
                "--out",
                home.resolve("one.dump").toString(),
                "--json");
        assertThat(dump.code()).as(dump.err()).isZero();
        JsonNode node = Json.mapper().readTree(dump.out());
        assertThat(node.get("format").asText()).isEqualTo("CUSTOM");
        assertThat(node.get("path").asText()).isEqualTo(home.resolve("one.dump").toString());
        assertThat(node.get("tables")).hasSize(2);
        assertThat(node.get("bytes").asLong()).isPositive();
    }
}
