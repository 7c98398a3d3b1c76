package io.miglab.core.migrate.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.migrate.ClientTools;
import io.miglab.core.migrate.LoadObserver;
import io.miglab.core.migrate.LoadReport;
import io.miglab.core.migrate.LoadRequest;
import io.miglab.core.migrate.LoaderKind;
import io.miglab.core.migrate.LoaderSettings;
import io.miglab.core.migrate.upgrade.UpgradeRehearsal;
import io.miglab.core.migrate.upgrade.UpgradeRehearsalService;
import io.miglab.core.migrate.upgrade.UpgradeRequest;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.lab.SharedBinaries;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.validate.ValidationReport;
import io.miglab.core.validate.ValidationRequest;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pg_dump and pg_restore of the machine's PostgreSQL 15 between scratch databases, in each format, checked by
 * MigLab's own validation; the guard's refusals; the message when no pg_dump fits.
 */
@Tag("postgres")
@NeedsMachinePostgres
class DumpRestoreServiceTest {
    private static final String[] SCHEMA = {
        "CREATE TABLE items (id bigint PRIMARY KEY, k int NOT NULL, payload text)",
        "INSERT INTO items SELECT g, g % 97, md5(g::text) FROM generate_series(1, 20000) g",
        "CREATE INDEX items_k ON items (k)",
        "CREATE TABLE child (id serial PRIMARY KEY, item_id bigint REFERENCES items (id))",
        "INSERT INTO child (item_id) SELECT g FROM generate_series(1, 300) g",
        "CREATE SCHEMA \"Odd \"\"s\"\"\"",
        "CREATE TABLE \"Odd \"\"s\"\"\".\"Tä ble\" (\"Ké y\" text PRIMARY KEY, v text)",
        "INSERT INTO \"Odd \"\"s\"\"\".\"Tä ble\" SELECT 'k' || g || ' ''é', 'v' || g FROM generate_series(1, 500) g"
    };

    @TempDir
    static Path home;

    @TempDir
    static Path dumps;

    static ScratchDatabase scratch;
    static Workspace workspace;

    @BeforeAll
    static void setUp() {
        scratch = ScratchDatabase.create("dump");
        scratch.execute(SCHEMA);
        workspace = Workspace.open(
                new MigLabHome(home),
                Map.of(Workspace.BINARIES_VARIABLE, SharedBinaries.dir().toString()));
        workspace.targets().add("pg15", spec(scratch.name()), TargetRole.LAB);
    }

    @AfterAll
    static void tearDown() {
        if (workspace != null) {
            workspace.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    static ConnectionSpec spec(String database) {
        return new ConnectionSpec(
                ScratchDatabase.HOST, ScratchDatabase.PORT, database, ScratchDatabase.USER, "disable", Map.of());
    }

    @Test
    void customDumpRestoredWithTwoJobsIsAFaithfulCopy() throws Exception {
        Files.createDirectories(dumps.resolve("c"));
        List<Progress> progress = new CopyOnWriteArrayList<>();
        List<String> started = new CopyOnWriteArrayList<>();
        DumpRestore.Dump dump = workspace
                .dumpRestore()
                .dump(
                        new DumpRequest("pg15", null, dumps.resolve("c"), DumpFormat.CUSTOM, 1, List.of()),
                        listener(started),
                        progress::add,
                        Cancellation.none());
        assertThat(Path.of(dump.path())).isRegularFile().hasFileName(scratch.name() + ".dump");
        assertThat(dump.bytes()).isPositive();
        assertThat(dump.tables())
                .extracting(DumpRestore.TableTime::table)
                .containsExactlyInAnyOrder("public.items", "public.child", "Odd \"s\".Tä ble");
        assertThat(dump.tables())
                .filteredOn(t -> t.table().equals("public.items"))
                .singleElement()
                .satisfies(t -> assertThat(t.bytes()).isPositive());
        assertThat(started).contains("public.items", "public.child");
        assertThat(progress).anyMatch(p -> p.message().contains("public.items") && p.total() > 0);

        String copy = scratch.createAnother();
        List<Progress> restoring = new CopyOnWriteArrayList<>();
        DumpRestore.Restore restore = workspace
                .dumpRestore()
                .restore(
                        new RestoreRequest(Path.of(dump.path()), "pg15", copy, 2, false, false),
                        DumpRestore.TableListener.NONE,
                        restoring::add,
                        Cancellation.none());
        assertThat(restore.jobs()).isEqualTo(2);
        assertThat(restore.throughGate()).isFalse();
        assertThat(restore.dumpedBy()).startsWith("15.");
        assertThat(restore.tables()).extracting(DumpRestore.TableTime::table).contains("public.items");
        assertThat(restoring).anyMatch(p -> p.message().contains("public.items") && p.total() == 3);
        assertFaithful(copy);
        assertThat(workspace.ledger().find(restore.experimentId()).orElseThrow().status())
                .isEqualTo(ExperimentStatus.SUCCEEDED);
        var log = workspace.ledger().artifacts(restore.experimentId()).stream()
                .filter(a -> a.name().equals("pg_restore.log"))
                .findFirst()
                .orElseThrow();
        assertThat(new String(workspace.ledger().artifactContent(log.id()), java.nio.charset.StandardCharsets.UTF_8))
                .contains("processing data for table \"public.items\"");
    }

    @Test
    void directoryDumpWithTwoJobsAndPlainDumpRestore() {
        DumpRestore.Dump dir = workspace
                .dumpRestore()
                .dump(
                        new DumpRequest("pg15", null, dumps.resolve("d"), DumpFormat.DIRECTORY, 2, List.of()),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(Path.of(dir.path()).resolve("toc.dat")).isRegularFile();
        assertThat(dir.tables()).hasSize(3);
        String copy = scratch.createAnother();
        workspace
                .dumpRestore()
                .restore(
                        new RestoreRequest(Path.of(dir.path()), "pg15", copy, 2, false, false),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertFaithful(copy);

        DumpRestore.Dump plain = workspace
                .dumpRestore()
                .dump(
                        new DumpRequest("pg15", null, dumps.resolve("p.sql"), DumpFormat.PLAIN, 1, List.of()),
                        ProgressListener.NONE,
                        Cancellation.none());
        String third = scratch.createAnother();
        DumpRestore.Restore r = workspace
                .dumpRestore()
                .restore(
                        new RestoreRequest(Path.of(plain.path()), "pg15", third, 1, false, false),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(r.format()).isEqualTo(DumpFormat.PLAIN);
        assertThat(r.rows()).isEqualTo(20000 + 300 + 500);
        assertThat(r.tables()).extracting(DumpRestore.TableTime::table).contains("public.items");
        assertFaithful(third);
    }

    @Test
    void aLockedGuardedDestinationIsRefusedBeforeAnythingIsWritten() throws Exception {
        DumpRestore.Dump dump = workspace
                .dumpRestore()
                .dump(
                        new DumpRequest("pg15", null, dumps.resolve("g"), DumpFormat.CUSTOM, 1, List.of()),
                        ProgressListener.NONE,
                        Cancellation.none());
        String dest = scratch.createAnother();
        workspace.targets().add("locked", spec(dest), TargetRole.GUARDED);
        long restoresBefore =
                workspace.ledger().count(new ExperimentFilter(DumpRestore.RESTORE_KIND, null, null, null, 0));

        assertThatThrownBy(() -> workspace
                        .dumpRestore()
                        .restore(
                                new RestoreRequest(Path.of(dump.path()), "locked", null, 1, true, false),
                                ProgressListener.NONE,
                                Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessage("'locked' is a guarded target and locked: a restore writes, so nothing was run.");
        assertThat(tableCount(dest)).isZero();
        assertThat(workspace.ledger().count(new ExperimentFilter(DumpRestore.RESTORE_KIND, null, null, null, 0)))
                .isEqualTo(restoresBefore);

        // Unlocked, the same restore runs through the gated script runner, sequentially.
        workspace.targets().unlock("locked", "restore test", Duration.ofMinutes(5));
        DumpRestore.Restore r = workspace
                .dumpRestore()
                .restore(
                        new RestoreRequest(Path.of(dump.path()), "locked", null, 4, false, false),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(r.throughGate()).isTrue();
        assertThat(r.jobs()).isEqualTo(1);
        assertThat(r.notes()).anyMatch(n -> n.contains("-j 4 is not used through the gate"));
        assertFaithful(dest);
    }

    @Test
    void theDumpDirectoryLoaderReportsItsPhasesAndTablesAndLeavesNoTemporaryFiles() throws Exception {
        List<Path> tempBefore = loadTemps();
        String copy = scratch.createAnother();
        List<String> phases = new CopyOnWriteArrayList<>();
        LoadReport report = new DumpRestoreLoader(workspace.dumpRestore(), workspace.targets())
                .load(
                        new LoadRequest(
                                "pg15",
                                null,
                                "pg15",
                                copy,
                                List.of(),
                                LoaderSettings.of(LoaderKind.DUMP_DIRECTORY).withWorkers(2),
                                false),
                        new LoadObserver() {
                            @Override
                            public void table(String table, String phase, long rowsDone, long rowsTotal) {
                                phases.add(phase + " " + table);
                            }
                        },
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(report.schemaFrom()).isEqualTo("pg_dump");
        assertThat(report.phases())
                .extracting(LoadReport.PhaseTime::phase)
                .containsExactly("dump", "restore", "analyze");
        assertThat(report.tables())
                .extracting(LoadReport.TableLoad::table, LoadReport.TableLoad::rows)
                .contains(org.assertj.core.groups.Tuple.tuple("public.items", 20000L));
        assertThat(report.rows()).isEqualTo(20000 + 300 + 500);
        assertThat(phases).contains("dump public.items", "copy public.items", "analyze public.items");
        assertThat(loadTemps()).isEqualTo(tempBefore);
        assertFaithful(copy);
    }

    private static List<Path> loadTemps() throws java.io.IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("miglab-load-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void withoutAFittingPgDumpTheMessageSaysWhatIsMissingAndWhatToInstall() {
        DumpRestoreService none =
                new DumpRestoreService(workspace.ledger(), workspace.targets(), new ClientTools(List.of()), Map.of());
        assertThatThrownBy(() -> none.dump(
                        new DumpRequest("pg15", null, dumps.resolve("none"), DumpFormat.CUSTOM, 1, List.of()),
                        ProgressListener.NONE,
                        Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageMatching("pg_dump 15 or newer is needed for PostgreSQL 15\\.\\d+ on 'pg15'; this machine"
                        + " has none\\.")
                .satisfies(e -> assertThat(((MigLabException) e).hint())
                        .contains("postgresql-client-15")
                        .contains(ClientTools.BIN_VARIABLE));
        assertThat(dumps.resolve("none")).doesNotExist();
    }

    @Test
    void theRehearsalIsOfferedWhereThisMachinesPgDumpFitsTheSource() {
        var workload = new io.miglab.core.workload.BaselineRequest.WorkloadSource.File(Path.of("w.sql"));
        UpgradeRehearsal.Offer offer = workspace.upgrades().offer(UpgradeRequest.of("pg15", null, 16, workload));
        assertThat(offer.available()).as(offer.reason()).isTrue();
        assertThat(offer.command()).isEqualTo("miglab upgrade rehearse --from pg15 --to-version 16 --to pg15-pg16");

        UpgradeRehearsal withoutTools = new UpgradeRehearsalService(
                workspace.ledger(),
                workspace.targets(),
                workspace.labInstances(),
                workspace.dumpRestore(),
                workspace.validations(),
                workspace.baselines(),
                new ClientTools(List.of()));
        UpgradeRehearsal.Offer none = withoutTools.offer(UpgradeRequest.of("pg15", null, 16, workload));
        assertThat(none.available()).isFalse();
        assertThat(none.reason())
                .isEqualTo("pg_dump 15 or newer is needed for PostgreSQL 15 on 'pg15'; this machine has none."
                        + " Install postgresql-client-15 or set MIGLAB_PG_BIN.");
        assertThat(workspace
                        .upgrades()
                        .offer(UpgradeRequest.of("pg15", null, 15, workload))
                        .reason())
                .isEqualTo("'pg15' runs PostgreSQL 15; an upgrade rehearsal goes to a newer major than that, not 15.");
    }

    @Test
    void aRehearsalWithoutAFittingPgDumpStopsAtTheDumpWithWhatToInstallAndStartsNothing() {
        DumpRestoreService noTools =
                new DumpRestoreService(workspace.ledger(), workspace.targets(), new ClientTools(List.of()), Map.of());
        UpgradeRehearsal rehearsal = new UpgradeRehearsalService(
                workspace.ledger(),
                workspace.targets(),
                workspace.labInstances(),
                noTools,
                workspace.validations(),
                workspace.baselines(),
                new ClientTools(List.of()));
        UpgradeRehearsal.Rehearsal r = rehearsal.rehearse(
                UpgradeRequest.of(
                        "pg15",
                        null,
                        16,
                        new io.miglab.core.workload.BaselineRequest.WorkloadSource.File(Path.of("w.sql"))),
                ProgressListener.NONE,
                Cancellation.none());
        assertThat(r.report().passed()).isFalse();
        assertThat(r.report().failure())
                .startsWith("dump failed: pg_dump 15 or newer is needed for PostgreSQL 15.")
                .contains("postgresql-client-15");
        assertThat(r.report().steps())
                .extracting(UpgradeRehearsal.Step::outcome)
                .containsExactly("failed", "skipped", "skipped", "skipped", "skipped", "skipped", "skipped");
        assertThat(workspace.labInstances().exists("pg15-pg16")).isFalse();
        assertThat(workspace.ledger().find(r.experimentId()).orElseThrow().status())
                .isEqualTo(ExperimentStatus.FAILED);
    }

    @Test
    void cancellingADumpStopsPgDumpAndLeavesNeitherOutputNorASucceededExperiment() {
        Cancellation cancellation = new Cancellation();
        Path out = dumps.resolve("cancelled");
        assertThatThrownBy(() -> workspace
                        .dumpRestore()
                        .dump(
                                new DumpRequest("pg15", null, out, DumpFormat.DIRECTORY, 2, List.of()),
                                new DumpRestore.TableListener() {
                                    @Override
                                    public void started(String table) {
                                        cancellation.cancel();
                                    }
                                },
                                ProgressListener.NONE,
                                cancellation))
                .isInstanceOf(io.miglab.core.CancelledException.class);
        assertThat(out).doesNotExist();
        assertThat(workspace.ledger().list(new ExperimentFilter(DumpRestore.DUMP_KIND, null, null, null, 1)))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(ExperimentStatus.CANCELLED));
    }

    @Test
    void aLockedGuardedSourceIsDumpedInTheGuardsReadOnlySession() {
        workspace.targets().add("guarded-source", spec(scratch.name()), TargetRole.GUARDED);
        DumpRestore.Dump dump = workspace
                .dumpRestore()
                .dump(
                        new DumpRequest(
                                "guarded-source", null, dumps.resolve("gs.dump"), DumpFormat.CUSTOM, 1, List.of()),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(dump.tables()).hasSize(3);
        var target = workspace.targets().get("guarded-source");
        DumpRestoreService service =
                new DumpRestoreService(workspace.ledger(), workspace.targets(), new ClientTools(List.of()), Map.of());
        assertThat(service.childEnvironment(target, scratch.name(), true))
                .containsEntry("PGOPTIONS", "-c default_transaction_read_only=on");
    }

    @Test
    void thePasswordGoesOnlyIntoTheChildsEnvironment() {
        DumpRestoreService service = new DumpRestoreService(
                workspace.ledger(), workspace.targets(), new ClientTools(List.of()), Map.of("PGPASSWORD", "s3cret"));
        var target = workspace.targets().get("pg15");
        assertThat(service.childEnvironment(target, "db", false))
                .containsEntry("PGPASSWORD", "s3cret")
                .doesNotContainKey("PGOPTIONS");
        String conninfo = DumpRestoreService.conninfo(target.connection(), "o'dd \\db");
        assertThat(conninfo)
                .doesNotContain("s3cret")
                .doesNotContain("password")
                .contains("dbname='o\\'dd \\\\db'")
                .startsWith("host='" + ScratchDatabase.HOST + "' port=" + ScratchDatabase.PORT);
    }

    @Test
    void requestsRefuseJobsWithoutTheDirectoryFormat() {
        assertThatThrownBy(() -> new DumpRequest("pg15", null, dumps, DumpFormat.CUSTOM, 2, List.of()))
                .hasMessage("pg_dump runs -j 2 only with the directory format; use --format directory, or -j 1 for"
                        + " the custom format.");
        assertThatThrownBy(() -> new DumpRequest("pg15", null, dumps, DumpFormat.DIRECTORY, 0, List.of()))
                .hasMessage("-j must be from 1 to 64, not 0.");
        assertThatThrownBy(() -> DumpFormat.parse("tar"))
                .hasMessage("Unknown dump format 'tar'; choose custom, directory or plain.");
        assertThatThrownBy(() -> new RestoreRequest(dumps.resolve("missing.dump"), "pg15", null, 1, false, false))
                .hasMessage("The dump " + dumps.resolve("missing.dump") + " does not exist.");
    }

    private static DumpRestore.TableListener listener(List<String> started) {
        return new DumpRestore.TableListener() {
            @Override
            public void started(String table) {
                started.add(table);
            }
        };
    }

    private static void assertFaithful(String copy) {
        ValidationReport report = workspace
                .validations()
                .validate(
                        new ValidationRequest("pg15", "pg15", null, copy, List.of(), List.of(), null),
                        ProgressListener.NONE,
                        Cancellation.none())
                .report();
        assertThat(report.tables()).hasSize(3);
        assertThat(report.passed()).as(report.checks().toString()).isTrue();
    }

    private static long tableCount(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/" + database,
                        ScratchDatabase.USER,
                        "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN"
                        + " ('pg_catalog', 'information_schema')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
