package io.miglab.core.targets.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("postgres")
class LabInstanceManagerTest {
    @TempDir
    static Path home;

    static LabInstanceManager manager;

    @BeforeAll
    static void createManager() {
        manager = new LabInstanceManager(home.resolve("instances"), SharedBinaries.dir());
    }

    @AfterAll
    static void stopAll() {
        manager.stopStartedHere();
    }

    @Test
    void startCreatesARunningInstanceWithPgStatStatementsPreloaded() throws Exception {
        LabInstance lab = manager.start("lab", ProgressListener.NONE);

        assertThat(lab.running()).isTrue();
        assertThat(lab.pid()).isPositive();
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW shared_preload_libraries")) {
            rs.next();
            assertThat(rs.getString(1)).contains("pg_stat_statements");
        }
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE fresh_db");
        }
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl("fresh_db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) >= 0 FROM pg_stat_statements")) {
            assertThat(rs.next())
                    .as("new databases get pg_stat_statements from template1")
                    .isTrue();
        }
        assertThat(manager.list()).extracting(LabInstance::name).contains("lab");
        assertThat(manager.start("lab", ProgressListener.NONE).pid())
                .as("starting a running instance returns it as is")
                .isEqualTo(lab.pid());
    }

    @Test
    void secondInstanceRunsBesideTheFirstOnAnotherPort() throws Exception {
        LabInstance first = manager.start("lab", ProgressListener.NONE);
        LabInstance second = manager.start("second", ProgressListener.NONE);

        assertThat(second.port()).isNotEqualTo(first.port());
        try (Connection c = DriverManager.getConnection(second.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE only_on_second (id int)");
        }
        try (Connection c = DriverManager.getConnection(first.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('only_on_second') IS NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
        assertThat(manager.stop("second")).isTrue();
        assertThat(manager.describe("second").running()).isFalse();
        assertThat(manager.stop("second")).as("stopping a stopped instance").isFalse();
    }

    @Test
    void dataSurvivesRestartAndABusyPortIsReplaced() throws Exception {
        LabInstance before = manager.start("persist", ProgressListener.NONE);
        try (Connection c = DriverManager.getConnection(before.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept AS SELECT 42 AS answer");
        }
        manager.stop("persist");
        try (ServerSocket squatter = new ServerSocket(before.port(), 1, InetAddress.getByName("127.0.0.1"))) {
            LabInstance after = manager.start("persist", ProgressListener.NONE);
            assertThat(after.port()).isNotEqualTo(before.port());
            try (Connection c = DriverManager.getConnection(after.jdbcUrl());
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT answer FROM kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
        assertThat(manager.logTail("persist", 50)).anyMatch(line -> line.contains("database system is ready"));
        manager.stop("persist");
    }

    @Test
    void settingsAreAppliedAndRestartPendingOnesReported() {
        manager.start("lab", ProgressListener.NONE);

        var pending = manager.applySettings("lab", Map.of("work_mem", "8MB", "shared_buffers", "64MB"));

        assertThat(pending).containsExactly("shared_buffers");
        assertThat(manager.settings("lab")).containsEntry("work_mem", "8192");
        manager.resetSettings("lab", java.util.List.of("work_mem", "shared_buffers"));
        assertThat(manager.settings("lab")).doesNotContainKey("work_mem");
    }

    @Test
    void badNamesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> manager.start("../etc", ProgressListener.NONE))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("not a valid lab instance name");
        assertThatThrownBy(() -> manager.stop("missing"))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("no lab instance named 'missing'");
        assertThat(Files.exists(home.resolve("etc"))).isFalse();
    }
}
