package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code miglab advise indexes} on the machine's PostgreSQL 15 with HypoPG: advice only on a locked guarded target
 * (and a one-line refusal with the SQL for --apply), the whole path on a target registered with the lab role.
 */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class AdviseIndexesCliTest {
    static ScratchDatabase db;

    @TempDir
    static Path home;

    static Path workload;
    static Path reference;

    @BeforeAll
    static void scratchDatabase() throws Exception {
        db = ScratchDatabase.create("advise_cli");
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION hypopg");
            st.execute("CREATE TABLE rental (rental_id serial PRIMARY KEY, customer_id int NOT NULL,"
                    + " rental_date timestamp NOT NULL, last_update timestamptz NOT NULL DEFAULT now())");
            st.execute("INSERT INTO rental (customer_id, rental_date) SELECT g % 500, timestamp '2022-01-01' + g *"
                    + " interval '1 minute' FROM generate_series(1, 100000) g");
            st.execute("ANALYZE rental");
        }
        workload = home.resolve("w.sql");
        Files.writeString(
                workload,
                "-- name: by_customer\n-- params: 42\n"
                        + "SELECT rental_id, rental_date FROM rental WHERE customer_id = ? ORDER BY rental_date DESC"
                        + " LIMIT 10;\n");
        reference = home.resolve("ref.sql");
        Files.writeString(reference, "CREATE INDEX idx_by_date ON rental (rental_date);\n");
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
    void aWorkloadOfWhichNoStatementExplainsFailsInOneLineNamingTheFirst() throws Exception {
        Path broken = home.resolve("broken.sql");
        Files.writeString(broken, "-- name: typo\nSELEC rental_id FROM rental;\n");

        CliRun r = CliRun.in(home, "advise", "indexes", "--target", "guarded", "--workload", broken.toString());

        assertThat(r.code()).isEqualTo(Cli.FAILURE);
        assertThat(r.err().lines().filter(l -> l.startsWith("miglab: ")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith("miglab: no statement of broken.sql could be explained; the first, typo:")
                        .contains("syntax error"));
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void aLockedGuardedTargetGetsTheAdviceAndItsSqlAndApplyIsRefusedInOneLine() {
        CliRun r = CliRun.in(home, "advise", "indexes", "--target", "guarded", "--workload", workload.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("costed with hypopg, 1 kept.")
                .contains("kept     | rental (customer_id, rental_date)")
                .contains("Kept: saves ")
                .contains("SQL:\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_rental_customer_id_rental_date ON"
                        + " public.rental (customer_id, rental_date);")
                .contains("Target 'guarded' is guarded and locked: this is advice only.");

        CliRun apply = CliRun.in(
                home, "advise", "indexes", "--target", "guarded", "--workload", workload.toString(), "--apply");
        assertThat(apply.code()).isEqualTo(Cli.FAILURE);
        assertThat(apply.err().lines().filter(l -> l.startsWith("miglab: ")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("Writes are locked on guarded target 'guarded'")
                        .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_rental_customer_id_rental_date"));
        assertThat(apply.err()).doesNotContain("\tat ");
    }

    @Test
    void onALabTargetItAppliesProvesMeasuresWritesAndComparesWithAFile() throws Exception {
        CliRun r = CliRun.in(
                home,
                "advise",
                "indexes",
                "--target",
                "labrole",
                "--workload",
                workload.toString(),
                "--apply",
                "--compare-with",
                reference.toString(),
                "--rounds",
                "4",
                "--passes",
                "5",
                "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(json.at("/advice/costing").asText()).isEqualTo("HYPOPG");
        assertThat(json.at("/build/indexes/0/sizeBytes").asLong()).isGreaterThan(8192);
        assertThat(json.at("/proof/speed/comparison/statements/0/statement").asText())
                .isEqualTo("by_customer");
        assertThat(json.at("/proof/speed/comparison/statements/0/verdict").asText())
                .isEqualTo("FASTER");
        assertThat(json.at("/proof/writeWorkload").asText()).contains("-- name: insert_rental");
        assertThat(json.at("/proof/writes/comparison/statements")).hasSize(2);
        assertThat(json.at("/comparison/speed/aLabel").asText()).isEqualTo("A: ref.sql");
        assertThat(json.at("/comparison/referenceWrites/comparison/statements")).hasSize(2);
        assertThat(json.at("/comparison/writes/aLabel").asText()).isEqualTo("A: writes ref.sql");
        assertThat(json.at("/comparison/proposedWrites/comparison/statements")).hasSize(2);
        // Applied and proved: the advised index stays; the compared file's index was taken away again.
        assertThat(indexes()).contains("idx_rental_customer_id_rental_date").doesNotContain("idx_by_date");
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("DROP INDEX idx_rental_customer_id_rental_date"); // as the other test expects to find it
        }
    }

    private static String indexes() throws Exception {
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT string_agg(indexname, ',') FROM pg_indexes WHERE" + " tablename = 'rental'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
