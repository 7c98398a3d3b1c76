package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab explain} in-process, against a scratch database on the machine's PostgreSQL service. */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class ExplainCommandTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DB =
            "miglab_plan_cli_" + ProcessHandle.current().pid();

    @TempDir
    static Path home;

    static CliRun miglab(String... args) {
        return CliRun.in(home, args);
    }

    @BeforeAll
    static void scratchDatabase() throws Exception {
        io.miglab.core.testing.MachineServices.assumePostgres();
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DB);
        }
        try (Connection c = DriverManager.getConnection(SERVER + DB + "?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE film AS SELECT g AS film_id, 'title ' || g AS title, g % 7 AS rating"
                    + " FROM generate_series(1, 20000) g");
            st.execute("ANALYZE film");
        }
        assertThat(miglab("target", "add", "scratch", "--role", "lab", "--url", SERVER + DB + "?user=postgres")
                        .code())
                .isZero();
        assertThat(miglab("target", "add", "guarded", "--url", SERVER + DB + "?user=postgres")
                        .code())
                .isZero();
    }

    @AfterAll
    static void dropScratchDatabase() throws Exception {
        io.miglab.core.testing.MachineServices.assumePostgres();
        try (Connection c = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        }
    }

    private static long films() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + DB + "?user=postgres");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM film")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void explainAnalyzePrintsThePlanItsFindingsAndRecordsAnExperiment() throws Exception {
        CliRun r = miglab(
                "explain",
                "--target",
                "scratch",
                "--analyze",
                "--buffers",
                "--sql",
                "SELECT * FROM film WHERE title = 'title 42'");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("excl ms")
                .contains("#1 Seq Scan on film")
                .contains("read 20,000 rows to keep 1 (0.01 %)")
                .containsPattern("Recorded as experiment \\d+\\.");
        JsonNode list =
                miglab("experiments", "list", "--kind", "explain", "--json").json();
        assertThat(list.get(0).get("kind").asText()).isEqualTo("explain");
        assertThat(list.get(0).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void databaseOptionExplainsInAnotherDatabaseOfTheTarget() throws Exception {
        assertThat(miglab("target", "add", "server", "--role", "lab", "--url", SERVER + "postgres?user=postgres")
                        .code())
                .isZero();
        CliRun r = miglab("explain", "--target", "server", "--database", DB, "--sql", "SELECT count(*) FROM film");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Seq Scan on film");
    }

    @Test
    void aWriteIsRolledBackAndTheUserIsToldSo() throws Exception {
        long before = films();
        CliRun r = miglab("explain", "--target", "scratch", "--analyze", "--json", "--sql", "DELETE FROM film");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("this statement writes").contains("BEGIN ... ROLLBACK");
        JsonNode json = r.json();
        assertThat(json.get("rolledBack").asBoolean()).isTrue();
        assertThat(json.get("writes").asBoolean()).isTrue();
        assertThat(json.at("/plan/0/Plan/Node Type").asText()).isEqualTo("ModifyTable");
        assertThat(json.at("/analysis/nodes/0/inclusiveTime").isNumber()).isTrue();
        assertThat(films()).isEqualTo(before);
    }

    @Test
    void aGuardedTargetRefusesToRunAWriteEvenRolledBack() throws Exception {
        long before = films();
        CliRun r = miglab("explain", "--target", "guarded", "--analyze", "--sql", "DELETE FROM film");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("Writes are locked on guarded target 'guarded': EXPLAIN ANALYZE runs the statement")
                .contains("miglab target unlock guarded")
                .as("nothing ran, so nothing was rolled back")
                .doesNotContain("Note:")
                .doesNotContain("this statement writes");
        assertThat(films()).isEqualTo(before);
        CliRun estimate = miglab("explain", "--target", "guarded", "--sql", "DELETE FROM film");
        assertThat(estimate.code()).as(estimate.err()).isZero();
        assertThat(estimate.out()).contains("excl cost").contains("Delete on film");
    }

    @Test
    void explainPlanAnalysesASavedPsqlPlan() throws Exception {
        Path file = home.resolve("saved.plan.txt");
        try (InputStream in = getClass().getResourceAsStream("saved-plan.txt")) {
            Files.write(file, in.readAllBytes());
        }
        CliRun r = miglab("explain", "--plan", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("#1 Hash Join").contains("hash").contains("[WARNING]");
        CliRun json = miglab("explain", "--plan", file.toString(), "--json");
        assertThat(json.json().at("/analysis/rootTime").asDouble()).isEqualTo(100.903);
    }

    @Test
    void aBrokenPlanOrAMissingTargetIsAClearError() throws Exception {
        Path file = home.resolve("broken.plan.json");
        Files.writeString(file, "[{\"Plan\": {\"Node Type\": \"CliRun\",\n \"Actual Rows\": \"x\"}}]");
        CliRun broken = miglab("explain", "--plan", file.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("Cannot read the plan at line 2, column 17");
        CliRun noTarget = miglab("explain", "--sql", "select 1");
        assertThat(noTarget.code()).isEqualTo(1);
        assertThat(noTarget.err()).contains("Which target");
        CliRun both = miglab("explain", "--sql", "select 1", "--plan", "x");
        assertThat(both.code()).isEqualTo(2);
    }
}
