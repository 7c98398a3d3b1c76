package io.miglab.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.migrate.ClientTools.ClientTool;
import io.miglab.core.migrate.ClientTools.Tool;
import io.miglab.core.targets.PgVersion;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import io.miglab.core.targets.lab.SharedBinaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This machine's client programs against lab instances of two majors: Debian bookworm ships pg_dump 15, which dumps a
 * 15 instance and refuses a 16 one, and MigLab says so before running it.
 */
@Tag("postgres")
class ClientToolsMachineTest {
    @TempDir
    static Path home;

    static LabInstanceManager manager;
    static ClientTools tools;

    @BeforeAll
    static void start() {
        tools = ClientTools.onThisMachine(System.getenv());
        assumeTrue(!tools.all(Tool.PG_DUMP).isEmpty(), "no pg_dump on this machine");
        manager = new LabInstanceManager(home.resolve("instances"), SharedBinaries.dir());
    }

    @AfterAll
    static void stop() {
        if (manager != null) {
            manager.stopStartedHere();
        }
    }

    @Test
    void theMachinesPgDumpDumpsAFifteenInstance() throws Exception {
        LabInstance old = manager.start("old", 15, ProgressListener.NONE);
        try (Connection c = DriverManager.getConnection(old.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE upgrade_probe (id int PRIMARY KEY)");
        }

        ClientTool dump = tools.forServer(Tool.PG_DUMP, serverMajor(old));
        Run run = run(dump, old);

        assertThat(dump.major()).isGreaterThanOrEqualTo(15);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("CREATE TABLE public.upgrade_probe");
        assertThat(tools.forServer(Tool.PSQL, 15).major()).isGreaterThanOrEqualTo(15);
        assertThat(tools.forServer(Tool.PG_RESTORE, 15).major()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void aSixteenInstanceIsRefusedBeforePgDumpFifteenWouldFail() throws Exception {
        assumeTrue(tools.all(Tool.PG_DUMP).get(0).major() == 15, "this machine's newest pg_dump is not 15");
        LabInstance current = manager.start("current", ProgressListener.NONE);
        int major = serverMajor(current);

        assertThatThrownBy(() -> tools.forServer(Tool.PG_DUMP, major))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("The newest pg_dump here is 15 (")
                .hasMessageEndingWith("); PostgreSQL 16 needs pg_dump 16 or newer.");
        Run refused = run(tools.all(Tool.PG_DUMP).get(0), current);
        assertThat(refused.exit()).as("what MigLab predicted").isNotZero();
        assertThat(refused.output()).contains("server version mismatch");
    }

    @Test
    void aFifteenDumpRestoresIntoASixteenInstanceWithTheMachinesPgRestore() throws Exception {
        LabInstance old = manager.start("old", 15, ProgressListener.NONE);
        LabInstance current = manager.start("current", ProgressListener.NONE);
        try (Connection c = DriverManager.getConnection(old.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE moved");
        }
        try (Connection c = DriverManager.getConnection(old.jdbcUrl("moved"));
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE rows_to_move AS SELECT g AS id FROM generate_series(1, 1000) g");
        }
        ClientTool dump = tools.forServer(Tool.PG_DUMP, serverMajor(old));
        ClientTool restore = tools.forRestore(Tool.PG_RESTORE, dump.major(), serverMajor(current));
        Path archive = home.resolve("moved.dump");

        Run dumped = exec(List.of(
                dump.path().toString(),
                "-Fc",
                "-f",
                archive.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(old.port()),
                "-U",
                LabInstance.SUPERUSER,
                "-d",
                "moved"));
        Run restored = exec(List.of(
                restore.path().toString(),
                "--create",
                "--exit-on-error",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(current.port()),
                "-U",
                LabInstance.SUPERUSER,
                "-d",
                LabInstance.DEFAULT_DATABASE,
                archive.toString()));

        assertThat(dumped.exit()).as(dumped.output()).isZero();
        assertThat(restored.exit()).as(restored.output()).isZero();
        try (Connection c = DriverManager.getConnection(current.jdbcUrl("moved"));
                Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(
                        "SELECT count(*), current_setting('server_version_num')" + " FROM rows_to_move")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
            assertThat(rs.getInt(2)).isBetween(160000, 169999);
        }
    }

    static int serverMajor(LabInstance instance) throws Exception {
        try (Connection c = DriverManager.getConnection(instance.jdbcUrl())) {
            return PgVersion.of(c).major();
        }
    }

    record Run(int exit, String output) {}

    static Run run(ClientTool dump, LabInstance instance) throws Exception {
        return exec(List.of(
                dump.path().toString(),
                "--schema-only",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(instance.port()),
                "-U",
                LabInstance.SUPERUSER,
                "-d",
                LabInstance.DEFAULT_DATABASE));
    }

    static Run exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }
}
