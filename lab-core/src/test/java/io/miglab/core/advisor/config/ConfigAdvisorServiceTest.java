package io.miglab.core.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.SharedBinaries;
import io.miglab.core.units.Sizes;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.Workload;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config advisor on a real lab instance: diff, apply (with a restart), roll back, and an A/B proof. */
@Tag("postgres")
class ConfigAdvisorServiceTest {
    private static final List<String> WATCHED =
            List.of("shared_buffers", "work_mem", "random_page_cost", "effective_cache_size", "max_connections", "jit");

    @TempDir
    static Path home;

    static Workspace workspace;
    static LabInstance lab;

    @BeforeAll
    static void start() throws SQLException {
        workspace = Workspace.open(
                new MigLabHome(home),
                Map.of(Workspace.BINARIES_VARIABLE, SharedBinaries.dir().toString()));
        lab = workspace.labInstances().start("cfg", ProgressListener.NONE);
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl(null));
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE cfg");
        }
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl("cfg"));
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (k int, payload text)");
            st.execute("INSERT INTO items SELECT g % 20000, md5(g::text) FROM generate_series(1, 100000) g");
            st.execute("ANALYZE items");
        }
    }

    @AfterAll
    static void stop() {
        if (workspace != null) {
            workspace.labInstances().stopStartedHere();
            workspace.close();
        }
    }

    /** A 4 GB, 2-CPU web server with 20 connections: shared_buffers 1GB and work_mem 37449kB. */
    private static PgTuneInputs inputs() {
        return workspace
                .configAdvisor()
                .defaults("cfg", "cfg")
                .withOs(PgTuneInputs.Os.LINUX)
                .withType(PgTuneInputs.DbType.WEB)
                .withRam(4 * Sizes.GB)
                .withCpus(2)
                .withConnections(20);
    }

    private static Map<String, String> settings() throws SQLException {
        LabInstance now = workspace.labInstances().describe("cfg");
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(now.jdbcUrl("cfg"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ("
                        + WATCHED.stream().map(n -> "'" + n + "'").collect(Collectors.joining(",")) + ")")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void defaultsTakeTheServersMajorVersionAndTheMachinesMemory() {
        PgTuneInputs defaults = workspace.configAdvisor().defaults("cfg", "cfg");

        assertThat(defaults.version()).isEqualTo(16);
        assertThat(defaults.ramBytes())
                .isEqualTo(workspace.configAdvisor().machine().ramBytes());
        assertThat(defaults.cpus())
                .isEqualTo(workspace.configAdvisor().machine().cpus());
    }

    @Test
    void theDiffShowsCurrentRecommendedUnitContextAndWhatDiffers() {
        ConfigAdvice advice = workspace.configAdvisor().advise(inputs());

        List<SettingDiff> diff = workspace.configAdvisor().diff("cfg", "cfg", advice);

        assertThat(diff)
                .extracting(SettingDiff::name)
                .containsExactlyElementsOf(
                        advice.settings().stream().map(Recommendation::name).toList());
        SettingDiff shared = diff.stream()
                .filter(d -> d.name().equals("shared_buffers"))
                .findFirst()
                .orElseThrow();
        assertThat(shared.current()).isEqualTo("128MB");
        assertThat(shared.recommended()).isEqualTo("1GB");
        assertThat(shared.unit()).isEqualTo("8kB");
        assertThat(shared.context()).isEqualTo("postmaster");
        assertThat(shared.takesEffect()).isEqualTo("restart");
        assertThat(shared.differs()).isTrue();
        SettingDiff completion = diff.stream()
                .filter(d -> d.name().equals("checkpoint_completion_target"))
                .findFirst()
                .orElseThrow();
        assertThat(completion.differs()).as("0.9 is PostgreSQL 16's default").isFalse();
        SettingDiff work = diff.stream()
                .filter(d -> d.name().equals("work_mem"))
                .findFirst()
                .orElseThrow();
        assertThat(work.current()).isEqualTo("4MB");
        assertThat(work.recommended()).isEqualTo("37449kB");
        assertThat(work.takesEffect()).isEqualTo("reload");
    }

    @Test
    void applyChangesPgSettingsRestartingTheLabAndRollbackPutsEveryValueBack() throws SQLException {
        Map<String, String> before = settings();

        ConfigApplyResult applied = workspace
                .configAdvisor()
                .apply(new ConfigApplyRequest("cfg", "cfg", inputs()), ProgressListener.NONE, Cancellation.none());

        try {
            Map<String, String> after = settings();
            assertThat(after)
                    .containsEntry("shared_buffers", "131072")
                    .containsEntry("work_mem", "37449")
                    .containsEntry("random_page_cost", "1.1")
                    .containsEntry("max_connections", "20")
                    .containsEntry("jit", "off");
            assertThat(applied.restarted()).isTrue();
            assertThat(applied.after()).filteredOn(d -> d.problem() == null).noneMatch(SettingDiff::differs);
            Experiment stored = workspace.ledger().find(applied.experimentId()).orElseThrow();
            assertThat(stored.kind()).isEqualTo(ConfigAdvisor.APPLY_KIND);
            assertThat(stored.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
            assertThat(workspace.ledger().artifacts(applied.experimentId()))
                    .extracting(a -> a.name())
                    .contains(ConfigAdvisorService.SNAPSHOT, ConfigAdvisorService.SQL);
            assertThat(applied.changed())
                    .filteredOn(s -> s.name().equals("shared_buffers"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.setting()).isEqualTo("16384"))
                    .satisfies(s -> assertThat(s.autoConf()).isNull());
        } finally {
            ConfigApplyResult undone = workspace
                    .configAdvisor()
                    .rollback(applied.experimentId(), ProgressListener.NONE, Cancellation.none());
            assertThat(settings()).isEqualTo(before);
            assertThat(undone.restarted()).isTrue();
            assertThat(workspace.ledger().links(applied.experimentId()))
                    .contains(new ExperimentLink(undone.experimentId(), ExperimentLink.UNDOES, applied.experimentId()));
            assertThat(workspace
                            .ledger()
                            .find(undone.experimentId())
                            .orElseThrow()
                            .kind())
                    .isEqualTo(ConfigAdvisor.ROLLBACK_KIND);
        }
    }

    @Test
    void aSettingAlterSystemHadSetIsPutBackToThatValueNotReset() throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        workspace.labInstances().describe("cfg").jdbcUrl("cfg"));
                Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET random_page_cost = '3'");
            st.execute("SELECT pg_reload_conf()");
        }
        PgTuneInputs reloadOnly = inputs().withRam(128 * Sizes.MB).withConnections(100);
        ConfigApplyResult applied = null;
        try {
            applied = workspace
                    .configAdvisor()
                    .apply(
                            new ConfigApplyRequest("cfg", "cfg", reloadOnly),
                            ProgressListener.NONE,
                            Cancellation.none());
            assertThat(applied.changed())
                    .filteredOn(s -> s.name().equals("random_page_cost"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.autoConf()).isEqualTo("3"));
            assertThat(settings()).containsEntry("random_page_cost", "1.1");

            workspace.configAdvisor().rollback(applied.experimentId(), ProgressListener.NONE, Cancellation.none());

            assertThat(settings()).containsEntry("random_page_cost", "3");
        } finally {
            try (Connection c = DriverManager.getConnection(
                            workspace.labInstances().describe("cfg").jdbcUrl("cfg"));
                    Statement st = c.createStatement()) {
                st.execute("ALTER SYSTEM RESET random_page_cost");
                st.execute("SELECT pg_reload_conf()");
            }
        }
    }

    @Test
    void proveRunsAnInterleavedAbOfTheRecommendationLinkedToTheApplyAndKeepsTheAppliedSettings()
            throws SQLException, IOException {
        ConfigApplyResult applied = workspace
                .configAdvisor()
                .apply(new ConfigApplyRequest("cfg", "cfg", inputs()), ProgressListener.NONE, Cancellation.none());
        try {
            Workload sorts = Workload.parse(
                    "sorts.sql",
                    "-- name: full_sort\nSELECT k, payload FROM items ORDER BY payload OFFSET 99990\n"
                            + "-- name: lookup\nSELECT count(*) FROM items WHERE k = 7\n");
            AbRun run = workspace
                    .configAdvisor()
                    .prove(
                            new ConfigProveRequest(
                                    applied.experimentId(),
                                    "cfg",
                                    new BaselineRequest.WorkloadSource.Given(sorts),
                                    4,
                                    BaselineOptions.defaults()
                                            .withWarmup(1)
                                            .withIterations(6)
                                            .withStatStatements(false)),
                            ProgressListener.NONE,
                            Cancellation.none());

            assertThat(run.cancelled()).isFalse();
            assertThat(run.rounds()).hasSize(10);
            assertThat(workspace.ledger().links(applied.experimentId()))
                    .contains(new ExperimentLink(run.experimentId(), ExperimentLink.PROVES, applied.experimentId()));
            assertThat(run.comparison().statements()).hasSize(2).allSatisfy(s -> assertThat(s.ratio())
                    .isNotNull());
            assertThat(settings()).containsEntry("work_mem", "37449").containsEntry("shared_buffers", "131072");
            // The figures, for the note: a test states none as a timing goal.
            StringBuilder figures = new StringBuilder();
            for (StatementComparison s : run.comparison().statements()) {
                figures.append(String.format(
                        Locale.ROOT,
                        "%s: A %.2f ms, B %.2f ms, ratio %.3f [%.3f, %.3f] %s%n",
                        s.statement(),
                        s.medianAMs(),
                        s.medianBMs(),
                        s.ratio(),
                        s.ciLow(),
                        s.ciHigh(),
                        s.verdict()));
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "config-advice-ab.txt"), figures);
        } finally {
            workspace.configAdvisor().rollback(applied.experimentId(), ProgressListener.NONE, Cancellation.none());
        }
    }

    @Test
    void anUnlockedGuardedTargetIsChangedButNeverRestartedAndIsToldWhatWaitsForARestart() throws SQLException {
        workspace
                .targets()
                .add(
                        "cfg-unlocked",
                        new ConnectionSpec(
                                "127.0.0.1",
                                workspace.labInstances().describe("cfg").port(),
                                "cfg",
                                LabInstance.SUPERUSER,
                                "disable",
                                Map.of()),
                        TargetRole.GUARDED);
        workspace.targets().unlock("cfg-unlocked", "config advisor test", java.time.Duration.ofMinutes(10));
        Map<String, String> before = settings();
        long pid = workspace.labInstances().describe("cfg").pid();

        ConfigApplyResult applied = workspace
                .configAdvisor()
                .apply(
                        new ConfigApplyRequest("cfg-unlocked", "cfg", inputs()),
                        ProgressListener.NONE,
                        Cancellation.none());
        try {
            assertThat(applied.restarted()).isFalse();
            assertThat(applied.restartNeeded()).isTrue();
            assertThat(workspace.labInstances().describe("cfg").pid()).isEqualTo(pid);
            assertThat(settings())
                    .containsEntry("work_mem", "37449")
                    .containsEntry("shared_buffers", before.get("shared_buffers"));
            assertThat(applied.after())
                    .filteredOn(d -> d.name().equals("shared_buffers"))
                    .singleElement()
                    .satisfies(d -> assertThat(d.pendingRestart()).isTrue());
        } finally {
            ConfigApplyResult undone = workspace
                    .configAdvisor()
                    .rollback(applied.experimentId(), ProgressListener.NONE, Cancellation.none());
            assertThat(undone.restarted()).isFalse();
            assertThat(settings()).isEqualTo(before);
            workspace.targets().lock("cfg-unlocked");
        }
    }

    @Test
    void aLockedGuardedTargetIsRefusedBeforeAnythingChangesOrIsRecorded() throws SQLException {
        workspace
                .targets()
                .add(
                        "cfg-guarded",
                        new ConnectionSpec(
                                "127.0.0.1",
                                workspace.labInstances().describe("cfg").port(),
                                "cfg",
                                LabInstance.SUPERUSER,
                                "disable",
                                Map.of()),
                        TargetRole.GUARDED);
        Map<String, String> before = settings();
        long applies = workspace.ledger().count(new ExperimentFilter(ConfigAdvisor.APPLY_KIND, null, null, null, 100));

        assertThat(workspace.configAdvisor().writable("cfg-guarded")).isFalse();
        assertThatThrownBy(() -> workspace
                        .configAdvisor()
                        .apply(
                                new ConfigApplyRequest("cfg-guarded", "cfg", inputs()),
                                ProgressListener.NONE,
                                Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("Writes are locked on guarded target 'cfg-guarded': no setting was changed.");

        assertThat(settings()).isEqualTo(before);
        assertThat(workspace.ledger().count(new ExperimentFilter(ConfigAdvisor.APPLY_KIND, null, null, null, 100)))
                .isEqualTo(applies);
        assertThat(workspace
                        .configAdvisor()
                        .diff("cfg-guarded", "cfg", workspace.configAdvisor().advise(inputs())))
                .isNotEmpty();
    }
}
