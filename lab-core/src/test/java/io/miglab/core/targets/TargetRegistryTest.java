package io.miglab.core.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.ConnectionCheck.Problem;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targets against real servers: the machine's PostgreSQL service (guarded) and a lab instance. */
@Tag("postgres")
class TargetRegistryTest {
    private static final String SERVICE_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @TempDir
    static Path homeDir;

    static Workspace workspace;
    static LabInstance lab;

    @BeforeAll
    static void openWorkspace() {
        workspace = Workspace.open(new MigLabHome(homeDir), System.getenv());
        lab = workspace.labInstances().start("lab", ProgressListener.NONE);
    }

    @AfterAll
    static void close() {
        workspace.labInstances().stopStartedHere();
        workspace.close();
    }

    @Test
    void labInstancesAreTargetsOfTheSameNameWithFullAccess() throws Exception {
        Target target = workspace.targets().get("lab");
        assertThat(target.labInstance()).isTrue();
        assertThat(target.role()).isEqualTo(TargetRole.LAB);
        assertThat(workspace.targets().test("lab", Duration.ofSeconds(5)).ok()).isTrue();
        try (Connection c = workspace.targets().connector("lab").open();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS writable_here (id int)");
        }
    }

    @Test
    void guardedTargetIsReadOnlyUntilUnlockedAndTheUnlockIsRecorded() throws Exception {
        io.miglab.core.testing.MachineServices.assumePostgres();
        String table = "miglab_guard_probe_" + ProcessHandle.current().pid();
        workspace.targets().add("service", ConnectionSpec.parseUrl(SERVICE_URL).spec(), TargetRole.GUARDED);
        try {
            ConnectionCheck check = workspace.targets().test("service", Duration.ofSeconds(5));
            assertThat(check.ok()).as(check.message()).isTrue();
            assertThat(check.readOnly()).isTrue();

            try (Connection c = workspace.targets().connector("service").open();
                    Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute("CREATE TABLE " + table + " (id int)"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("Writes are locked on guarded target 'service'");
            }
            assertThat(tableExists(table)).isFalse();

            WriteUnlock unlock = workspace.targets().unlock("service", "build a test index", Duration.ofMinutes(5));
            assertThat(workspace.targets().activeUnlock("service")).contains(unlock);
            try (Connection c = workspace.targets().connector("service").open();
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + table + " (id int)");
                st.execute("DROP TABLE " + table);
            }

            workspace.targets().lock("service");
            assertThat(workspace.targets().activeUnlock("service")).isEmpty();
            assertThat(workspace.targets().connector("service").writable()).isFalse();
        } finally {
            workspace.targets().remove("service");
        }
    }

    @Test
    void aServerIsTriedBeforeItIsRegisteredAndTheTypedPasswordIsKeptNowhere() throws Exception {
        ConnectionSpec spec = workspace.targets().get("lab").connection();
        int before = workspace.targets().list().size();

        ConnectionCheck check = workspace
                .targets()
                .tryConnection("candidate", spec, TargetRole.GUARDED, "typed-only-here", Duration.ofSeconds(5));

        assertThat(check.ok()).as(check.message()).isTrue();
        assertThat(check.targetName()).isEqualTo("candidate");
        assertThat(check.readOnly())
                .as("an unregistered guarded server is tested read-only")
                .isTrue();
        assertThat(check.capabilities()).isNotNull();
        assertThat(workspace.targets().list()).hasSize(before);
        assertThat(new String(
                        java.nio.file.Files.readAllBytes(workspace.ledger().file()),
                        java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("typed-only-here");
    }

    @Test
    void connectionFailuresAreExplainedInPlainWords() {
        io.miglab.core.testing.MachineServices.assumePostgres();
        int closedPort = freePort();
        add("refused", "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres?user=postgres");
        add("nohost", "jdbc:postgresql://no-such-host.invalid:5432/postgres");
        add("nodb", "jdbc:postgresql://127.0.0.1:5432/no_such_database_here?user=postgres");
        add("notls", lab.jdbcUrl().replace("?user=", "?sslmode=require&user="));

        assertThat(check("refused")).satisfies(c -> {
            assertThat(c.problem()).isEqualTo(Problem.CONNECTION_REFUSED);
            assertThat(c.message()).contains("127.0.0.1:" + closedPort).contains("connection refused");
        });
        assertThat(check("nohost")).satisfies(c -> {
            assertThat(c.problem()).isEqualTo(Problem.HOST_UNKNOWN);
            assertThat(c.message()).contains("no-such-host.invalid");
        });
        assertThat(check("nodb")).satisfies(c -> {
            assertThat(c.problem()).isEqualTo(Problem.DATABASE_MISSING);
            assertThat(c.message()).contains("no_such_database_here");
        });
        assertThat(check("notls").problem()).isEqualTo(Problem.TLS);
    }

    @Test
    void passwordAuthenticationUsesEnvironmentOrPgpassAndExplainsFailures() throws Exception {
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS alice");
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("CREATE ROLE alice LOGIN PASSWORD 'wonder land'");
        }
        Path hba = lab.dataDirectory().resolve("pg_hba.conf");
        String original = Files.readString(hba);
        Files.writeString(hba, "host all alice 127.0.0.1/32 scram-sha-256\n" + original);
        reload();
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + lab.port() + "/postgres?user=alice";
            Path pgpass = homeDir.resolve("pgpass");
            Files.writeString(pgpass, "127.0.0.1:" + lab.port() + ":*:alice:wonder land\n");

            Map<String, String> noPassword =
                    new HashMap<>(Map.of("PGPASSFILE", homeDir.resolve("none").toString()));
            Map<String, String> withPgpass = Map.of("PGPASSFILE", pgpass.toString());
            Map<String, String> wrongEnv = Map.of("PGPASSWORD", "nope", "PGPASSFILE", pgpass.toString());
            Target alice = new Target(
                    "alice", TargetRole.GUARDED, ConnectionSpec.parseUrl(url).spec(), false);

            ConnectionCheck missing =
                    new TargetConnector(alice, WriteAccess.never(), noPassword, Duration.ofSeconds(5)).test();
            assertThat(missing.problem()).isEqualTo(Problem.AUTHENTICATION);
            assertThat(missing.message()).contains("alice").doesNotContain("wonder");

            assertThat(new TargetConnector(alice, WriteAccess.never(), withPgpass, Duration.ofSeconds(5))
                            .test()
                            .ok())
                    .isTrue();

            ConnectionCheck wrong =
                    new TargetConnector(alice, WriteAccess.never(), wrongEnv, Duration.ofSeconds(5)).test();
            assertThat(wrong.problem()).isEqualTo(Problem.AUTHENTICATION);
            assertThat(wrong.message()).contains("rejected the password");
        } finally {
            Files.writeString(hba, original);
            reload();
        }
    }

    @Test
    void fingerprintChangesWithSettingsButNotBetweenIdenticalReads() throws Exception {
        io.miglab.core.ledger.TargetFingerprint before;
        try (Connection c = workspace.targets().connector("lab").open()) {
            before = ServerFingerprint.capture("lab", c, "pagila@1");
            assertThat(ServerFingerprint.capture("lab", c, "pagila@1")).isEqualTo(before);
        }
        assertThat(before.serverVersion()).startsWith("16.");
        assertThat(before.settingsHash()).hasSize(12);
        workspace.labInstances().applySettings("lab", Map.of("random_page_cost", "1.1"));
        try (Connection c = workspace.targets().connector("lab").open()) {
            assertThat(ServerFingerprint.capture("lab", c, "pagila@1").settingsHash())
                    .isNotEqualTo(before.settingsHash());
        }
        workspace.labInstances().resetSettings("lab", java.util.List.of("random_page_cost"));
        try (Connection c = workspace.targets().connector("lab").open()) {
            assertThat(ServerFingerprint.capture("lab", c, "pagila@1")).isEqualTo(before);
        }
    }

    @Test
    void stoppedLabInstanceIsReportedWithoutANetworkAttempt() {
        workspace.labInstances().start("paused", ProgressListener.NONE);
        workspace.labInstances().stop("paused");
        ConnectionCheck check = workspace.targets().test("paused", Duration.ofSeconds(5));
        assertThat(check.problem()).isEqualTo(Problem.LAB_INSTANCE_STOPPED);
        assertThat(check.message()).contains("miglab lab start --name paused");
    }

    @Test
    void namesAreCheckedAndClashesRefused() {
        assertThatThrownBy(() -> add("lab", SERVICE_URL))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> add("bad name", SERVICE_URL))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("not a valid target name");
        assertThatThrownBy(() -> workspace.targets().get("ghost"))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("no target named 'ghost'");
    }

    private static void add(String name, String url) {
        if (workspace.targets().find(name).isEmpty() || name.equals("lab")) {
            workspace.targets().add(name, ConnectionSpec.parseUrl(url).spec(), TargetRole.GUARDED);
        }
    }

    private static ConnectionCheck check(String name) {
        return workspace.targets().test(name, Duration.ofSeconds(5));
    }

    private static boolean tableExists(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVICE_URL);
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void reload() throws SQLException {
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_reload_conf()");
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
