package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process, against a real lab instance and the machine's PostgreSQL service. */
@Tag("postgres")
class CliTest {
    @TempDir
    static Path home;

    static CliRun miglab(String... args) {
        return CliRun.in(home, args);
    }

    @AfterAll
    static void stopInstances() {
        miglab("lab", "stop");
        miglab("lab", "stop", "--name", "second");
        miglab("lab", "stop", "--name", "old");
    }

    @Test
    void labStartThenStatusJsonReportsARunningInstanceWithItsJdbcUrl() throws Exception {
        CliRun start = miglab("lab", "start");
        assertThat(start.code()).as(start.err()).isZero();

        CliRun status = miglab("lab", "status", "--json");
        assertThat(status.code()).isZero();
        JsonNode json = status.json();
        assertThat(json.get("state").asText()).isEqualTo("running");
        assertThat(json.get("jdbcUrl").asText())
                .startsWith("jdbc:postgresql://127.0.0.1:" + json.get("port").asInt());

        CliRun test = miglab("target", "test", "lab");
        assertThat(test.code()).as(test.err()).isZero();
        assertThat(test.out()).contains("Connected to PostgreSQL 16");
    }

    @Test
    void labStartPgVersionFifteenRunsAFifteenInstanceThatListAndStatusShow() throws Exception {
        CliRun start = miglab("lab", "start", "--name", "old", "--pg-version", "15");
        assertThat(start.code()).as(start.err()).isZero();
        assertThat(start.out()).contains("is running: PostgreSQL 15.19.0");

        JsonNode status = miglab("lab", "status", "--name", "old", "--json").json();
        assertThat(status.get("pgVersion").asInt()).isEqualTo(15);
        assertThat(status.get("serverVersion").asText()).isEqualTo("15.19.0");
        assertThat(miglab("lab", "list").out())
                .containsPattern("old +\\| running +\\| \\d+ +\\| \\d+ +\\| 15\\.19\\.0");
        CliRun test = miglab("target", "test", "old");
        assertThat(test.out()).as(test.err()).contains("Connected to PostgreSQL 15");
        assertThat(miglab("lab", "stop", "--name", "old").code()).isZero();
        assertThat(miglab("lab", "status", "--name", "old").out()).contains("'old' (PostgreSQL 15.19.0) is stopped");
    }

    @Test
    void secondInstanceIsASecondTarget() throws Exception {
        assertThat(miglab("lab", "start", "--name", "second").code()).isZero();
        JsonNode targets = miglab("target", "list", "--json").json();
        assertThat(targets.findValuesAsText("name")).contains("second");
        assertThat(miglab("target", "test", "second").code()).isZero();
        assertThat(miglab("lab", "stop", "--name", "second").code()).isZero();
        CliRun stopped = miglab("target", "test", "second", "--json");
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.json().get("problem").asText()).isEqualTo("LAB_INSTANCE_STOPPED");
    }

    @Test
    void targetAddStoresNoPasswordAndTestsGuardedTargetsReadOnly() throws Exception {
        io.miglab.core.testing.MachineServices.assumePostgres();
        CliRun add = miglab(
                "target",
                "add",
                "service",
                "--url",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=hunter2");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.err()).contains("password in the URL was not stored");
        assertThat(Files.readAllBytes(home.resolve("lab.db")))
                .asString(StandardCharsets.ISO_8859_1)
                .doesNotContain("hunter2");

        JsonNode test = miglab("target", "test", "service", "--json").json();
        assertThat(test.get("ok").asBoolean()).isTrue();
        assertThat(test.get("readOnly").asBoolean()).isTrue();

        assertThat(miglab("target", "remove", "service").code()).isZero();
        assertThat(miglab("target", "test", "service").code()).isEqualTo(1);
    }

    @Test
    void experimentsListShowAndDelete() throws Exception {
        try (Workspace ws = Workspace.open(new MigLabHome(home), System.getenv())) {
            try (ExperimentRun run = ws.ledger().begin("baseline", "cli sample", TargetFingerprint.NONE, null)) {
                run.measure("latency.p50", 1.25, "ms");
                run.succeed();
            }
        }
        JsonNode list = miglab("experiments", "list", "--json").json();
        assertThat(list.isArray()).isTrue();
        long id = list.get(0).get("id").asLong();
        assertThat(list.get(0).get("status").asText()).isEqualTo("SUCCEEDED");

        CliRun show = miglab("experiments", "show", Long.toString(id));
        assertThat(show.out()).contains("cli sample").contains("latency.p50");
        assertThat(miglab("experiments", "delete", Long.toString(id)).code()).isZero();
        CliRun again = miglab("experiments", "show", Long.toString(id));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("no experiment " + id);
    }

    @Test
    void exitCodesSeparateUsageFromFailure() {
        CliRun usage = miglab("lab", "strat");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Did you mean");

        CliRun badUrl = miglab("target", "add", "x", "--url", "mysql://nope");
        assertThat(badUrl.code()).isEqualTo(1);
        assertThat(badUrl.err()).contains("is not a PostgreSQL URL");

        CliRun badName = miglab("lab", "start", "--name", "Bad Name");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).contains("not a valid lab instance name");

        CliRun help = miglab("dataset", "pagila", "generate", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--scale").doesNotContain("%n");
        assertThat(miglab("compare", "--help").out()).contains("95 % bootstrap");

        CliRun noCommand = miglab();
        assertThat(noCommand.code()).as("no GUI in this process").isEqualTo(2);
    }
}
