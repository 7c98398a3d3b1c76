package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.testing.MachineServices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code miglab advise config} in-process: postgresql.conf lines, JSON, and the diff against a guarded server. */
class AdviseConfigCliTest {
    @TempDir
    static Path home;

    @Test
    void printsPostgresqlConfLinesInPgTunesOrderAndUnitsWithWarningsAsComments() {
        CliRun r = CliRun.in(
                home, "advise", "config", "--ram", "8GB", "--cpus", "4", "--pg-version", "16", "--os", "linux");

        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("# PGTune inputs: PostgreSQL 16, linux, web, 8.0 GB RAM, 4 CPUs, the type's connections,"
                        + " ssd, data about as big as RAM");
        assertThat(lines.subList(1, lines.size()))
                .containsExactly(
                        "# WARNING: wal_compression = lz4 needs a PostgreSQL built with lz4 (--with-lz4)",
                        "max_connections = 200",
                        "shared_buffers = 2GB",
                        "effective_cache_size = 6GB",
                        "maintenance_work_mem = 512MB",
                        "checkpoint_completion_target = 0.9",
                        "wal_buffers = 16MB",
                        "default_statistics_target = 100",
                        "random_page_cost = 1.1",
                        "effective_io_concurrency = 200",
                        "work_mem = 10280kB",
                        "huge_pages = try",
                        "jit = off",
                        "wal_compression = lz4",
                        "min_wal_size = 1GB",
                        "max_wal_size = 4GB",
                        "max_worker_processes = 4",
                        "max_parallel_workers_per_gather = 2",
                        "max_parallel_workers = 4",
                        "max_parallel_maintenance_workers = 2");
    }

    @Test
    void jsonHasTheInputsTheMachineTheSettingsAndTheAlterSystemStatements() throws IOException {
        CliRun r = CliRun.in(
                home,
                "advise",
                "config",
                "--ram",
                "2GB",
                "--cpus",
                "2",
                "--type",
                "dw",
                "--pg-version",
                "17",
                "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("inputs").get("type").asText()).isEqualTo("DW");
        assertThat(json.get("inputs").get("ramBytes").asLong()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(json.get("machine").get("ramSource").asText()).isNotBlank();
        assertThat(json.get("settings").get(1).get("name").asText()).isEqualTo("shared_buffers");
        assertThat(json.get("settings").get(1).get("value").asText()).isEqualTo("512MB");
        assertThat(json.get("settings").get(1).get("numeric").asDouble()).isEqualTo(65536.0);
        assertThat(json.get("alterSystem").toString()).contains("ALTER SYSTEM SET default_statistics_target = '500'");
        assertThat(json.has("diff")).isFalse();
    }

    @Test
    @Tag("postgres")
    void onALockedGuardedServerTheDiffIsShownAndApplyPrintsTheSqlAndRefusesInOneLine() {
        MachineServices.assumePostgres();
        CliRun add = CliRun.in(
                home,
                "target",
                "add",
                "pg15",
                "--url",
                "jdbc:postgresql://" + MachineServices.HOST + ":" + MachineServices.PORT + "/postgres?user=postgres");
        assertThat(add.code()).as(add.err()).isZero();

        CliRun diff = CliRun.in(home, "advise", "config", "--target", "pg15", "--ram", "1GB", "--cpus", "2");
        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.out())
                .contains("# PGTune inputs: PostgreSQL 15,")
                .contains("Against pg15 now:")
                .containsPattern("shared_buffers +\\| [0-9]+[kMG]B +\\| 256MB +\\| 8kB +\\| restart");

        CliRun apply =
                CliRun.in(home, "advise", "config", "--target", "pg15", "--ram", "1GB", "--cpus", "2", "--apply");
        assertThat(apply.code()).isEqualTo(Cli.FAILURE);
        assertThat(apply.out())
                .contains("-- The statements MigLab would run (the target is locked):")
                .contains("ALTER SYSTEM SET shared_buffers = '256MB';")
                .contains("SELECT pg_reload_conf();");
        assertThat(apply.err().lines().toList().get(0))
                .startsWith("miglab: Writes are locked on guarded target 'pg15': no setting was changed.");
        assertThat(apply.err()).doesNotContain("\tat ");
    }
}
