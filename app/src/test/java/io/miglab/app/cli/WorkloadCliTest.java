package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inventory, baseline, compare and bench harness through the CLI, in-process, against a scratch database on the
 * machine's PostgreSQL service registered as a lab target.
 */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class WorkloadCliTest {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @TempDir
    static Path home;

    static String database;

    static CliRun miglab(String... args) {
        return CliRun.in(home, args);
    }

    static void sql(String db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + db, "postgres", null);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @BeforeAll
    static void scratch() throws SQLException {
        io.miglab.core.testing.MachineServices.assumePostgres();
        database = "miglab_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        sql("postgres", "CREATE DATABASE " + database);
        sql(
                database,
                "CREATE TABLE \"Fïlm Table\" (id int PRIMARY KEY, title text)",
                "INSERT INTO \"Fïlm Table\" SELECT g, 'film ' || g FROM generate_series(1, 2000) g",
                "ANALYZE");
        CliRun add = miglab("target", "add", "scratch", "--url", SERVER + database + "?user=postgres", "--role", "lab");
        assertThat(add.code()).as(add.err()).isZero();
    }

    @AfterAll
    static void drop() throws SQLException {
        io.miglab.core.testing.MachineServices.assumePostgres();
        sql("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void inventoryIsStoredAndTwoInventoriesDiff() throws Exception {
        CliRun first = miglab("inventory", "--target", "scratch", "--json");
        assertThat(first.code()).as(first.err()).isZero();
        JsonNode snapshot = first.json();
        assertThat(snapshot.get("database").asText()).isEqualTo(database);
        assertThat(snapshot.at("/statementStats/available").asBoolean()).isFalse();
        assertThat(snapshot.at("/statementStats/hint").asText()).contains("shared_preload_libraries");
        long a = snapshot.get("experimentId").asLong();

        sql(database, "CREATE TABLE \"New One\" (x int)", "CREATE INDEX \"Title idx\" ON \"Fïlm Table\" (title)");
        CliRun second = miglab("inventory", "--target", "scratch", "--exact-counts");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out())
                .contains("Findings:")
                .contains("\"public\".\"Fïlm Table\"")
                .contains("2000");
        long b = Long.parseLong(second.err().replaceAll("(?s).*Stored as experiment (\\d+)\\..*", "$1"));

        CliRun diff = miglab("inventory", "diff", Long.toString(a), Long.toString(b), "--json");
        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.json().get("changes").findValuesAsText("object"))
                .contains("\"public\".\"New One\"", "\"public\".\"Title idx\"");
        CliRun text = miglab("inventory", "diff", Long.toString(a), Long.toString(b));
        assertThat(text.out()).contains("added").contains("\"public\".\"New One\"");
    }

    @Test
    void baselineTwiceThenCompare() throws Exception {
        Path workload = home.resolve("films.sql");
        Files.writeString(
                workload,
                """
                -- name: by_id
                -- params: 7
                -- params: 1500
                SELECT title FROM "Fïlm Table" WHERE id = ?
                -- name: count
                SELECT count(*) FROM "Fïlm Table"
                """);
        CliRun a = miglab(
                "baseline",
                "--target",
                "scratch",
                "--workload",
                workload.toString(),
                "--iterations",
                "30",
                "--clients",
                "2",
                "--json");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.json().get("executions").asLong()).isEqualTo(2 * 30 * 2);
        CliRun b = miglab("baseline", "--target", "scratch", "--workload", workload.toString(), "--duration", "300ms");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("by_id").contains("p95 ms").contains("(all)");
        long idA = a.json().get("experimentId").asLong();
        long idB = Long.parseLong(b.err().replaceAll("(?s).*Stored as experiment (\\d+)\\..*", "$1"));

        CliRun compare = miglab("compare", Long.toString(idA), Long.toString(idB), "--json");
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.json().get("statements").findValuesAsText("statement"))
                .containsExactly("by_id", "count");
        CliRun text = miglab("compare", Long.toString(idA), Long.toString(idB));
        assertThat(text.out()).contains("95 % interval").contains("by_id");
    }

    @Test
    void aBaselineWhoseStatementsNeverSucceedIsFailedWithItsErrorsInTextAndJson() throws Exception {
        Path workload = home.resolve("failing.sql");
        Files.writeString(
                workload,
                """
                -- name: count
                SELECT count(*) FROM "Fïlm Table"
                -- name: boom
                SELECT 1 / 0
                -- name: gone
                SELECT * FROM "No Such Table"
                """);
        CliRun text = miglab("baseline", "--target", "scratch", "--workload", workload.toString(), "--iterations", "5");
        assertThat(text.code()).as(text.err()).isEqualTo(Cli.FAILURE);
        assertThat(text.err()).doesNotContain("\tat ");
        long id = Long.parseLong(text.err().replaceAll("(?s).*Stored as experiment (\\d+)\\..*", "$1"));
        String failure = "2 statements never succeeded: boom (all 5 executions failed: ERROR: division by zero); gone"
                + " (all 5 executions failed: ERROR: relation \"No Such Table\" does not exist).";
        assertThat(text.err().lines().toList())
                .last()
                .isEqualTo("miglab: baseline experiment " + id + " failed: " + failure);
        assertThat(text.out())
                .contains("(experiment " + id + ") FAILED")
                .contains("Errors of boom (5 of 5 executions):")
                .contains("  5 x ERROR: division by zero [SQLSTATE 22012]")
                .contains("  5 x ERROR: relation \"No Such Table\" does not exist [SQLSTATE 42P01]")
                .doesNotContain("Errors of count");
        String boomRow = text.out()
                .lines()
                .filter(l -> l.startsWith("boom "))
                .findFirst()
                .orElseThrow();
        assertThat(boomRow)
                .as("no latency figures for a statement that never succeeded")
                .doesNotContain("0.000");
        assertThat(boomRow.split("\\s*\\|\\s*")).endsWith("-", "-", "-", "-", "-");

        CliRun json = miglab(
                "baseline", "--target", "scratch", "--workload", workload.toString(), "--iterations", "3", "--json");
        assertThat(json.code()).isEqualTo(Cli.FAILURE);
        JsonNode doc = json.json();
        assertThat(doc.get("status").asText()).isEqualTo("failed");
        assertThat(doc.get("failure").asText()).contains("boom (all 3 executions failed: ERROR: division by zero)");
        JsonNode boom = doc.get("statements").get(1);
        assertThat(boom.get("errors").asLong()).isEqualTo(3);
        assertThat(boom.get("latency").isNull()).isTrue();
        assertThat(boom.at("/distinctErrors/0/sqlState").asText()).isEqualTo("22012");
        assertThat(boom.at("/distinctErrors/0/message").asText()).startsWith("ERROR: division by zero");
        assertThat(boom.at("/distinctErrors/0/count").asLong()).isEqualTo(3);
        assertThat(doc.get("statements").get(0).at("/latency/count").asLong()).isEqualTo(3);

        JsonNode shown =
                miglab("experiments", "show", Long.toString(id), "--json").json();
        assertThat(shown.get("status").asText()).isEqualTo("FAILED");
        assertThat(shown.get("error").asText()).isEqualTo(failure);
    }

    @Test
    void aStatementOverTheCapIsStoredAsAnArtifactNotInTheParameters() throws Exception {
        String longSql = "SELECT count(*) FROM \"Fïlm Table\" WHERE id IN ("
                + String.join(
                        ", ",
                        java.util.stream.IntStream.range(0, 5_000)
                                .mapToObj(Integer::toString)
                                .toList())
                + ")";
        Path workload = home.resolve("long.sql");
        Files.writeString(workload, "-- name: long_in\n" + longSql + "\n");
        CliRun baseline = miglab(
                "baseline", "--target", "scratch", "--workload", workload.toString(), "--iterations", "2", "--json");
        assertThat(baseline.code()).as(baseline.err()).isZero();
        long id = baseline.json().get("experimentId").asLong();
        JsonNode shown =
                miglab("experiments", "show", Long.toString(id), "--json").json();
        JsonNode statement = shown.at("/parameters/statements/0");
        assertThat(statement.get("sql").asText()).hasSizeLessThan(300).startsWith("SELECT count(*)");
        assertThat(statement.get("sqlArtifact").asText()).isEqualTo("parameters/statements/0/sql");
        assertThat(shown.get("artifacts").findValuesAsText("name")).contains("parameters/statements/0/sql");

        Path statementFile = home.resolve("long-explain.sql");
        Files.writeString(statementFile, longSql);
        CliRun explain = miglab("explain", "--target", "scratch", "--file", statementFile.toString(), "--json");
        assertThat(explain.code()).as(explain.err()).isZero();
        JsonNode plan = miglab(
                        "experiments",
                        "show",
                        Long.toString(explain.json().get("experimentId").asLong()),
                        "--json")
                .json();
        assertThat(plan.at("/parameters/query").asText()).hasSizeLessThan(300);
        assertThat(plan.at("/parameters/queryArtifact").asText()).isEqualTo("parameters/query");
        assertThat(plan.at("/parameters/queryBytes").asLong())
                .isEqualTo(longSql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void badWorkloadsAndOptionsAreExplained() throws Exception {
        Path bad = home.resolve("bad.sql");
        Files.writeString(bad, "SELECT 1\n");
        CliRun parse = miglab("baseline", "--target", "scratch", "--workload", bad.toString());
        assertThat(parse.code()).isEqualTo(Cli.FAILURE);
        assertThat(parse.err()).contains("bad.sql line 1");

        CliRun both = miglab(
                "baseline",
                "--target",
                "scratch",
                "--workload",
                bad.toString(),
                "--iterations",
                "3",
                "--duration",
                "1s");
        assertThat(both.code()).isEqualTo(Cli.USAGE);

        CliRun duration = miglab("baseline", "--target", "scratch", "--workload", bad.toString(), "--duration", "soon");
        assertThat(duration.code()).isEqualTo(Cli.FAILURE);
        assertThat(duration.err()).contains("--duration takes a positive duration");

        CliRun top = miglab("baseline", "--target", "scratch", "--top-statements", "5");
        assertThat(top.code()).isEqualTo(Cli.FAILURE);
        assertThat(top.err()).contains("shared_preload_libraries");

        CliRun neither = miglab("baseline", "--target", "scratch");
        assertThat(neither.code()).isEqualTo(Cli.USAGE);

        CliRun notBaseline = miglab("compare", "999", "1000");
        assertThat(notBaseline.code()).isEqualTo(Cli.FAILURE);
        assertThat(notBaseline.err()).contains("There is no experiment 999");
    }

    @Test
    void harnessBenchmarkPrintsBothLatenciesAndTheirRatio() throws Exception {
        CliRun r =
                miglab("bench", "harness", "--target", "scratch", "--transactions", "300", "--rounds", "1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("pgbenchLatencyMs").asDouble()).isPositive();
        assertThat(json.get("miglabWallMs").asDouble()).isPositive();
        assertThat(json.get("ratio").asDouble()).isPositive();
        assertThat(json.get("pgbenchVersion").asText()).startsWith("pgbench");
    }
}
