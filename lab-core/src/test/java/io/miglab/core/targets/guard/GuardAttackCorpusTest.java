package io.miglab.core.targets.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.inventory.InventorySnapshot.TopStatement;
import io.miglab.core.plan.ExplainRequest;
import io.miglab.core.plan.capture.ExplainOptions;
import io.miglab.core.plan.capture.PlanCapturer;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptResult;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import io.miglab.core.targets.lab.SharedBinaries;
import io.miglab.core.testing.MachineServices;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.BaselineResult;
import io.miglab.core.workload.BaselineRunner;
import io.miglab.core.workload.HarnessBenchmark;
import io.miglab.core.workload.StatementResult;
import io.miglab.core.workload.Workload;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack corpus of issue 8, run through every entry point that sends SQL to a target (script runner, EXPLAIN
 * with and without ANALYZE, a baseline workload, a replay of pg_stat_statements, the pgbench harness, and the EXPLAIN
 * and baseline services the app and the playbook runner call) against two
 * guarded targets: the machine's PostgreSQL 15 and a lab instance registered as guarded. Locked, each case must
 * leave every piece of evidence as it was; unlocked (on the disposable lab instance only), the gate must let the
 * same corpus through, and the evidence must show the cases that write: that is what proves the evidence can see.
 */
@Tag("postgres")
class GuardAttackCorpusTest {
    @TempDir
    static Path home;

    static ScratchDatabase scratch;
    static LabInstanceManager labs;
    static GuardedServer service;
    static GuardedServer lab;
    static Workspace workspace;

    @BeforeAll
    static void start() throws Exception {
        MachineServices.assumePostgres();
        scratch = ScratchDatabase.create("attack");
        service = new GuardedServer(
                "service", ScratchDatabase.HOST, ScratchDatabase.PORT, ScratchDatabase.USER, scratch.name());
        service.reset(false);

        labs = new LabInstanceManager(home.resolve("instances"), SharedBinaries.dir());
        LabInstance instance = labs.start("attack", ProgressListener.NONE);
        try (Connection c = DriverManager.getConnection(instance.jdbcUrl(null));
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE attack");
        }
        lab = new GuardedServer("lab-as-guarded", "127.0.0.1", instance.port(), LabInstance.SUPERUSER, "attack");
        lab.reset(false);

        // The same two servers registered in a MigLab home, guarded and never unlocked, for the services.
        workspace = Workspace.open(new MigLabHome(home.resolve("home")), Map.of());
        for (GuardedServer server : List.of(service, lab)) {
            workspace
                    .targets()
                    .add(
                            server.label,
                            new ConnectionSpec(
                                    server.host, server.port, server.database, server.user, "disable", Map.of()),
                            TargetRole.GUARDED);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (workspace != null) {
            workspace.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (labs != null) {
            labs.stopStartedHere();
        }
        if (service != null) {
            service.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    /** A way MigLab sends SQL to a target, and what came back: refused (or failed) or ran. */
    enum EntryPoint {
        SQL_RUN,
        EXPLAIN,
        EXPLAIN_ANALYZE,
        BASELINE,
        TOP_STATEMENTS,
        BENCH_HARNESS,
        /** The services the app and the playbook runner call, on targets registered in a MigLab home. */
        EXPLAIN_SERVICE,
        BASELINE_SERVICE,
        /** The attack as one side's setup in an A/B test, as the advisors generate them. */
        AB_SETUP
    }

    record Outcome(boolean refused, String detail) {}

    @TestFactory
    Stream<DynamicContainer> aLockedGuardedTargetChangesNothingThroughAnyEntryPoint() {
        List<DynamicContainer> servers = new ArrayList<>();
        for (GuardedServer server : List.of(service, lab)) {
            List<DynamicContainer> entries = new ArrayList<>();
            for (EntryPoint entry : EntryPoint.values()) {
                List<DynamicTest> cases = new ArrayList<>();
                for (AttackCorpus attack : AttackCorpus.all()) {
                    cases.add(DynamicTest.dynamicTest(attack.toString(), () -> {
                        server.unlocked.set(false);
                        server.ensureCanary();
                        Map<String, String> before = server.evidence();
                        Outcome outcome = run(entry, server, attack);
                        assertThat(server.evidence())
                                .as("%s through %s on %s: %s", attack.name(), entry, server.label, outcome.detail())
                                .isEqualTo(before);
                        if (entry != EntryPoint.EXPLAIN) {
                            // Plain EXPLAIN may plan a write without running it; everything else must say no.
                            assertThat(outcome.refused())
                                    .as("%s through %s on %s reported %s", attack.name(), entry, server.label, outcome)
                                    .isTrue();
                        }
                    }));
                }
                entries.add(DynamicContainer.dynamicContainer(entry.name(), cases));
            }
            servers.add(DynamicContainer.dynamicContainer(server.label, entries));
        }
        return servers.stream();
    }

    @TestFactory
    Stream<DynamicTest> anUnlockedTargetLetsTheSameCorpusThroughAndTheEvidenceSeesIt() {
        return AttackCorpus.all().stream()
                .map(attack -> DynamicTest.dynamicTest(attack.toString(), () -> {
                    lab.unlocked.set(true);
                    try {
                        lab.reset(true);
                        Map<String, String> before = lab.evidence();
                        Outcome outcome = run(EntryPoint.SQL_RUN, lab, attack);
                        assertThat(outcome.detail())
                                .as("the gate refused %s on an unlocked target", attack.name())
                                .doesNotContain("Writes are locked")
                                .doesNotContain("Refused on guarded target");
                        if (attack.visible()) {
                            assertThat(lab.evidence())
                                    .as(
                                            "%s ran unlocked (%s), so the evidence must show it",
                                            attack.name(), outcome.detail())
                                    .isNotEqualTo(before);
                        }
                    } finally {
                        lab.unlocked.set(false);
                        lab.cleanUpAfterWrites();
                        lab.reset(true);
                    }
                }));
    }

    @Test
    void theCorpusCoversEveryAttackClass() {
        Map<String, Integer> perClass = new TreeMap<>();
        AttackCorpus.all().forEach(a -> perClass.merge(a.attackClass(), 1, Integer::sum));
        assertThat(perClass.keySet())
                .containsExactlyInAnyOrder(
                        AttackCorpus.SESSION,
                        AttackCorpus.TRANSACTION,
                        AttackCorpus.MULTI,
                        AttackCorpus.SERVER,
                        AttackCorpus.FUNCTIONS,
                        AttackCorpus.OPAQUE);
        assertThat(perClass.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
    }

    private static Outcome run(EntryPoint entry, GuardedServer server, AttackCorpus attack) {
        String sql = attack.sql(server.canaryPid(), server.file.toString(), server.conninfo());
        try {
            return switch (entry) {
                case SQL_RUN -> sqlRun(server, sql);
                case EXPLAIN -> explain(server, sql, ExplainOptions.estimate());
                case EXPLAIN_ANALYZE -> explain(server, sql, ExplainOptions.analyzeAll());
                case BASELINE -> baseline(server, Workload.parse("attack.sql", "-- name: attack\n" + sql + "\n"));
                case TOP_STATEMENTS -> baseline(
                        server,
                        Workload.fromTopStatements("top", List.of(new TopStatement(7, sql, 100, 1, 0.01, 1, 0, 0)), 5)
                                .workload());
                case EXPLAIN_SERVICE -> {
                    workspace
                            .explains()
                            .capture(
                                    new ExplainRequest(
                                            server.label,
                                            null,
                                            sql,
                                            ExplainOptions.analyzeAll().withTimeout(Duration.ofSeconds(30)),
                                            null),
                                    Cancellation.none());
                    yield new Outcome(false, "a plan came back");
                }
                case BASELINE_SERVICE -> {
                    BaselineResult r = workspace
                            .baselines()
                            .run(
                                    new BaselineRequest(
                                            server.label,
                                            null,
                                            new BaselineRequest.WorkloadSource.Given(
                                                    Workload.parse("attack.sql", "-- name: attack\n" + sql + "\n")),
                                            BaselineOptions.defaults()
                                                    .withWarmup(0)
                                                    .withIterations(1)
                                                    .withStatStatements(false)),
                                    ProgressListener.NONE,
                                    BaselineListener.NONE,
                                    Cancellation.none())
                            .result();
                    yield r.errors() > 0
                            ? new Outcome(true, r.statements().get(0).firstError())
                            : new Outcome(false, r.executions() + " executions without an error");
                }
                case AB_SETUP -> {
                    AbRun r = workspace
                            .abTests()
                            .run(
                                    new AbRequest(
                                            server.label,
                                            null,
                                            new BaselineRequest.WorkloadSource.Given(
                                                    Workload.parse("probe.sql", "-- name: probe\nSELECT 1\n")),
                                            AbRequest.AbSide.of("A", null),
                                            AbRequest.AbSide.of("B", sql),
                                            AbRequest.MIN_ROUNDS,
                                            BaselineOptions.defaults()
                                                    .withWarmup(0)
                                                    .withIterations(1)
                                                    .withStatStatements(false),
                                            null),
                                    ProgressListener.NONE,
                                    Cancellation.none());
                    yield new Outcome(false, "the A/B test ran " + r.rounds().size() + " rounds");
                }
                case BENCH_HARNESS -> {
                    new HarnessBenchmark(
                                    server.connector,
                                    new HarnessBenchmark.PgbenchTarget(
                                            server.host, server.port, server.user, server.database))
                            .run(
                                    new HarnessBenchmark.Options(sql, 5, 1, Duration.ofSeconds(30), "pgbench"),
                                    Cancellation.none(),
                                    ProgressListener.NONE);
                    yield new Outcome(false, "the harness ran");
                }
            };
        } catch (MigLabException e) {
            return new Outcome(true, e.getMessage());
        }
    }

    private static Outcome sqlRun(GuardedServer server, String sql) {
        ScriptResult result = new ScriptRunner(server.connector)
                .run(
                        "attack.sql",
                        new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)),
                        null,
                        // Go on after an error, as psql does by default, so every statement meets the gate.
                        ScriptOptions.defaults().withStopOnError(false),
                        ProgressListener.NONE,
                        Cancellation.none());
        return result.errors().isEmpty()
                ? new Outcome(false, result.statements() + " statements ran without an error")
                : new Outcome(
                        true,
                        String.join(
                                " | ",
                                result.errors().stream().map(e -> e.describe()).toList()));
    }

    private static Outcome explain(GuardedServer server, String sql, ExplainOptions options) throws MigLabException {
        try (Connection c = server.connector.open()) {
            PlanCapturer.capture(c, sql, options.withTimeout(Duration.ofSeconds(30)), Cancellation.none());
            return new Outcome(false, "a plan came back");
        } catch (java.sql.SQLException e) {
            return new Outcome(true, e.getMessage());
        }
    }

    private static Outcome baseline(GuardedServer server, Workload workload) {
        BaselineResult result = new BaselineRunner(server.connector)
                .run(
                        null,
                        workload,
                        BaselineOptions.defaults()
                                .withWarmup(0)
                                .withIterations(1)
                                .withClients(1)
                                .withStatStatements(false),
                        Cancellation.none(),
                        ProgressListener.NONE,
                        BaselineListener.NONE);
        StatementResult first = result.statements().get(0);
        return first.errors() > 0
                ? new Outcome(true, first.firstError())
                : new Outcome(false, first.executions() + " executions without an error");
    }
}
