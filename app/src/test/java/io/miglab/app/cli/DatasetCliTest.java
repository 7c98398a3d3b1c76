package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab sql}, {@code dataset} and {@code bench} in-process against the machine's PostgreSQL service. */
@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class DatasetCliTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String SUFFIX =
            UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @TempDir
    static Path home;

    static CliRun miglab(String... args) {
        return CliRun.in(home, args);
    }

    @BeforeAll
    static void addTarget() {
        io.miglab.core.testing.MachineServices.assumePostgres();
        CliRun add = miglab("target", "add", "local", "--url", SERVER + "postgres?user=postgres", "--role", "lab");
        assertThat(add.code()).as(add.err()).isZero();
        admin("CREATE DATABASE cli_sql_" + SUFFIX);
    }

    @AfterAll
    static void dropDatabases() {
        io.miglab.core.testing.MachineServices.assumePostgres();
        for (String db : new String[] {"cli_sql_", "cli_pagila_", "cli_gen_"}) {
            admin("DROP DATABASE IF EXISTS " + db + SUFFIX + " WITH (FORCE)");
            admin("DROP DATABASE IF EXISTS " + db + SUFFIX + "_loading WITH (FORCE)");
        }
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sqlRunPrintsEchoAndJsonAndFailsWithFileAndLine() throws Exception {
        Path script = home.resolve("ok.sql");
        Files.writeString(script, "CREATE TABLE t (x int);\nCOPY t FROM stdin;\n1\n2\n\\.\n\\echo done\n");
        CliRun ok = miglab("sql", "run", script.toString(), "--target", "local", "--database", "cli_sql_" + SUFFIX);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("done");
        assertThat(ok.err()).contains("2 statements, 2 rows copied");

        Path bad = home.resolve("bad.sql");
        Files.writeString(bad, "SELECT 1;\nSELECT nope FROM t;\n");
        CliRun failed =
                miglab("sql", "run", bad.toString(), "--target", "local", "--database", "cli_sql_" + SUFFIX, "--json");
        assertThat(failed.code()).isEqualTo(Cli.FAILURE);
        assertThat(failed.err()).contains("bad.sql:2: ERROR: column \"nope\" does not exist");
    }

    @Test
    void sqlRunExitsTheSameInTextAndJsonWithTheSameErrorsInTheDocument() throws Exception {
        Path goesOn = home.resolve("goes-on.sql");
        Files.writeString(goesOn, "\\set ON_ERROR_STOP off\nSELECT 1;\nSELECT nope;\nSELECT 2;\n");
        Path stops = home.resolve("stops.sql");
        Files.write(stops, new byte[] {
            'S',
            'E',
            'L',
            'E',
            'C',
            'T',
            ' ',
            '1',
            ';',
            '\n',
            'S',
            'E',
            'L',
            'E',
            'C',
            'T',
            ' ',
            '\'',
            (byte) 0xff,
            '\'',
            ';',
            '\n',
            'S',
            'E',
            'L',
            'E',
            'C',
            'T',
            ' ',
            '2',
            ';',
            '\n'
        });
        String db = "cli_sql_" + SUFFIX;

        for (Path script : new Path[] {goesOn, stops}) {
            CliRun text = miglab("sql", "run", script.toString(), "--target", "local", "--database", db);
            CliRun json = miglab("sql", "run", script.toString(), "--target", "local", "--database", db, "--json");
            assertThat(text.code()).as(text.err()).isEqualTo(Cli.FAILURE);
            assertThat(json.code()).as(json.err()).isEqualTo(text.code());
            JsonNode document = json.json();
            assertThat(document.get("statements").asLong()).isEqualTo(script == goesOn ? 2 : 1);
            assertThat(document.get("errors")).hasSize(1);
            assertThat(document.get("stoppedBy").isNull()).isEqualTo(script == goesOn);
            String line = document.get("errors").get(0).get("line").asText();
            assertThat(text.err()).contains(script.getFileName() + ":" + line + ": ERROR: ");
            assertThat(json.err()).contains(script.getFileName() + ":" + line + ": ERROR: ");
        }
        CliRun invalid = miglab("sql", "run", stops.toString(), "--target", "local", "--database", db);
        assertThat(invalid.err())
                .contains("stops.sql:2: ERROR: invalid byte sequence for encoding \"UTF8\": 0xff")
                .doesNotContain("Exception");
    }

    @Test
    void datasetImportAndGeneratePrintCountsAndRecordExperiments() throws Exception {
        CliRun imported = miglab(
                "dataset",
                "pagila",
                "import",
                io.miglab.core.testing.MachineServices.pagilaRelease().toString(),
                "--target",
                "local",
                "--database",
                "cli_pagila_" + SUFFIX);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).containsPattern("rental +\\| 16044").containsPattern("payment +\\| 16049");

        CliRun generated = miglab(
                "dataset",
                "pagila",
                "generate",
                "--scale",
                "1",
                "--seed",
                "3",
                "--target",
                "local",
                "--database",
                "cli_gen_" + SUFFIX,
                "--json");
        assertThat(generated.code()).as(generated.err()).isZero();
        JsonNode json = generated.json();
        assertThat(json.get("seed").asLong()).isEqualTo(3);
        assertThat(json.get("totalRows").asLong()).isGreaterThan(40_000);
        assertThat(json.get("tables").findValuesAsText("table")).contains("rental", "payment");

        JsonNode experiments =
                miglab("experiments", "list", "--kind", "dataset", "--json").json();
        assertThat(experiments.findValuesAsText("status")).hasSize(2).containsOnly("SUCCEEDED");
    }

    @Test
    void aFinalNameThatLooksLikeAStagingNameIsRefusedInOneLineBeforeAnythingIsRecorded() throws Exception {
        for (String[] load : new String[][] {
            {"generate", "--scale", "1"}, {"import", home.toString()},
        }) {
            List<String> args = new ArrayList<>(List.of("dataset", "pagila"));
            args.addAll(List.of(load));
            args.addAll(List.of("--target", "local", "--database", "cli_gen_" + SUFFIX + "_loading"));
            CliRun refused = miglab(args.toArray(String[]::new));
            assertThat(refused.code()).isEqualTo(Cli.FAILURE);
            assertThat(refused.err())
                    .isEqualTo("miglab: Database name \"cli_gen_" + SUFFIX + "_loading\" looks like a MigLab staging"
                            + " database (NAME_loading or NAME_loading_<run id>): choose another name."
                            + System.lineSeparator());
        }
        assertThat(miglab("experiments", "list", "--kind", "dataset", "--json")
                        .json()
                        .findValuesAsText("title"))
                .noneMatch(title -> title.contains("_loading"));
    }

    @Test
    void benchDatasetPrintsBothRatesAndTheirRatio() {
        CliRun bench = miglab("bench", "dataset", "--scale", "1", "--target", "local", "--rounds", "1");
        assertThat(bench.code()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("MigLab generate+COPY").contains("rows/s");
        assertThat(bench.out()).containsAnyOf("ratio MigLab / psql", "psql: not measured");
    }
}
