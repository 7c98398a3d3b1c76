package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab load} and {@code miglab bench loaders} as a user runs them on the machine's PostgreSQL 15. */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class LoadCliTest {
    @TempDir
    static Path home;

    static ScratchDatabase db;
    static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void scratchDatabase() {
        db = ScratchDatabase.create("load_cli");
        db.execute(
                "CREATE TABLE rental (id serial PRIMARY KEY, payload text)",
                "INSERT INTO rental (payload) SELECT md5(g::text) FROM generate_series(1, 5000) g",
                "CREATE TABLE film (id int PRIMARY KEY, rental_id int REFERENCES rental (id))",
                "INSERT INTO film SELECT g, g FROM generate_series(1, 100) g");
        String url = db.jdbcUrl() + "?user=" + ScratchDatabase.USER;
        assertThat(CliRun.in(home, "target", "add", "pg15", "--role", "lab", "--url", url)
                        .code())
                .isZero();
    }

    @AfterAll
    static void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/postgres",
                        ScratchDatabase.USER,
                        "");
                Statement st = c.createStatement()) {
            for (String d : created) {
                st.execute("DROP DATABASE IF EXISTS \"" + d + "\" WITH (FORCE)");
            }
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aParallelLoadPrintsEveryTableAndTotalsAndValidates() {
        String to = db.name() + "_to";
        created.add(to);
        CliRun load = CliRun.in(
                home,
                "load",
                "--from",
                "pg15",
                "--to",
                "pg15",
                "--to-database",
                to,
                "--loader",
                "copy-parallel",
                "--workers",
                "2",
                "--drop-indexes",
                "--async-commit");
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out())
                .startsWith("Load of pg15 into pg15/" + to + " (PostgreSQL 15.")
                .contains("copy-parallel x2, indexes after, async commit, schema from pg_dump")
                .containsPattern("public.rental +\\| 5000 +\\|")
                .contains("Phases: schema")
                .contains("Total: 5100 rows")
                .contains("Client: CPU");
        assertThat(load.err()).contains("Stored as experiment");
        CliRun validate = CliRun.in(home, "validate", "--source", "pg15", "--target", "pg15", "--target-database", to);
        assertThat(validate.code()).as(validate.out() + validate.err()).isZero();
    }

    @Test
    void theBenchmarkPrintsTheMatrixBesideItsAnchorsAsJsonToo() throws Exception {
        String to = db.name() + "_bench";
        created.add(to);
        CliRun bench = CliRun.in(
                home,
                "--json",
                "bench",
                "loaders",
                "--from",
                "pg15",
                "--to",
                "pg15",
                "--to-database",
                to,
                "--repeats",
                "1",
                "--loaders",
                "copy,insert-batch",
                "--workers",
                "2");
        assertThat(bench.code()).as(bench.err()).isZero();
        JsonNode result = Json.mapper().readTree(bench.out());
        assertThat(result.path("matrix").path("rows")).hasSize(2);
        assertThat(result.path("anchors")).hasSize(2);
        assertThat(result.path("lines").toString())
                .contains("anchor: psql \\\\copy")
                .contains("anchor: pg_restore -j 2");
    }
}
