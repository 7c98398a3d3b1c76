package io.miglab.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.migrate.LoadReport.PhaseTime;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.sizing.SizingReport;
import io.miglab.core.sizing.SizingReport.ContainerSizing;
import io.miglab.core.sizing.SizingReport.Recommendation;
import io.miglab.core.sizing.SizingRule;
import io.miglab.core.sizing.SizingService;
import io.miglab.core.sizing.Sizings;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.validate.Check;
import io.miglab.core.validate.ValidationRequest;
import io.miglab.core.validate.Validations;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loader on a small schema with the shapes that break loaders (composite key, no key, serial and identity,
 * generated column, FK, CHECK, UNIQUE, enum, domain, array, jsonb, bytea, NULLs, a partitioned table, hostile
 * names), source and destination being databases of the machine's PostgreSQL 15 registered as a lab target; each
 * load is then validated row by row.
 */
@Tag("postgres")
@NeedsMachinePostgres
class LoaderServiceTest {
    static final String SCHEMA = String.join(
            ";\n",
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE DOMAIN posint AS integer CHECK (VALUE > 0)",
            "CREATE TABLE parent (id serial PRIMARY KEY, name text NOT NULL UNIQUE, m mood DEFAULT 'ok', tags text[],"
                    + " doc jsonb, blob bytea, n posint, CONSTRAINT short_name CHECK (length(name) < 100))",
            "INSERT INTO parent (name, m, tags, doc, blob, n) SELECT 'p' || g, (ARRAY['sad', 'ok', 'happy'])[1 + g % 3]::mood,"
                    + " ARRAY['a' || g, NULL, 'x\"y,z'], jsonb_build_object('g', g, 'q', 'it''s'),"
                    + " decode(md5(g::text), 'hex'), g FROM generate_series(1, 3000) g",
            "INSERT INTO parent (name, m) VALUES ('all nulls', NULL)",
            "CREATE TABLE child (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, parent_id int REFERENCES parent (id),"
                    + " note text, twice bigint GENERATED ALWAYS AS (id * 2) STORED)",
            "INSERT INTO child (parent_id, note) SELECT 1 + g % 3000, CASE WHEN g % 10 = 0 THEN NULL ELSE E'n\\t' || g END"
                    + " FROM generate_series(1, 5000) g",
            "CREATE INDEX child_parent ON child (parent_id)",
            "ALTER TABLE parent ADD COLUMN boss int REFERENCES parent (id)",
            "UPDATE parent SET boss = id - 1 WHERE id > 1 AND id % 7 = 0",
            "ALTER TABLE parent ADD COLUMN moods mood[]",
            "UPDATE parent SET moods = ARRAY['sad', NULL, 'happy']::mood[] WHERE id % 3 = 0",
            "CREATE TABLE pairs (a text, b int, v text, PRIMARY KEY (a, b))",
            "INSERT INTO pairs SELECT chr(65 + g % 26) || (g % 7), g, 'v' || g FROM generate_series(1, 4000) g",
            "CREATE TABLE loose (x int, y text)",
            "INSERT INTO loose SELECT CASE WHEN g % 5 = 0 THEN NULL ELSE g % 10 END, 'y' FROM generate_series(1, 500) g",
            "CREATE TABLE events (id int, at date, what text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
            "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            "INSERT INTO events SELECT g, date '2024-06-01' + g, 'e' || g FROM generate_series(1, 400) g",
            "CREATE SCHEMA \"Odd \"\"schema\"\"\"",
            "CREATE TABLE \"Odd \"\"schema\"\"\".\"Tä ble \"\"q\"\"\" (\"Ké y\" text PRIMARY KEY, \"va'l ue\" text,"
                    + " \"🙂\" int, \"select\" int, \"MixedCase\" text)",
            "INSERT INTO \"Odd \"\"schema\"\"\".\"Tä ble \"\"q\"\"\" SELECT 'k ' || g || ' ''é\"', 'v''' || g, g, g, 'M'"
                    + " FROM generate_series(1, 300) g",
            "CREATE INDEX \"ïdx \"\"odd\"\"\" ON \"Odd \"\"schema\"\"\".\"Tä ble \"\"q\"\"\" (\"🙂\", \"select\")");

    @TempDir
    static Path home;

    static ScratchDatabase scratch;
    static Workspace workspace;
    static LoaderService service;
    static final List<String> destinations = new ArrayList<>();
    static final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    static void setUp() {
        scratch = ScratchDatabase.create("load");
        scratch.execute(SCHEMA.split(";\n"));
        workspace = Workspace.open(new MigLabHome(home), Map.of());
        workspace.targets().add("src", spec(scratch.name()), TargetRole.LAB);
        service = (LoaderService) workspace.loaders();
    }

    static ConnectionSpec spec(String database) {
        return new ConnectionSpec(
                ScratchDatabase.HOST, ScratchDatabase.PORT, database, ScratchDatabase.USER, "disable", Map.of());
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (workspace != null) {
            workspace.close();
        }
        try (Connection c = plain("postgres");
                Statement st = c.createStatement()) {
            for (String d : destinations) {
                st.execute("DROP DATABASE IF EXISTS \"" + d + "\" WITH (FORCE)");
            }
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    static Connection plain(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/" + database,
                ScratchDatabase.USER,
                "");
    }

    static String newDestination() {
        String name = scratch.name() + "_d" + counter.incrementAndGet();
        destinations.add(name);
        return name;
    }

    static Stream<LoaderSettings> variants() {
        return Stream.of(
                LoaderSettings.of(LoaderKind.INSERT_ROW),
                LoaderSettings.of(LoaderKind.INSERT_BATCH).withBatchSize(7),
                LoaderSettings.of(LoaderKind.INSERT_MULTIROW),
                LoaderSettings.of(LoaderKind.COPY_TEXT),
                new LoaderSettings(LoaderKind.COPY_TEXT, 1, 1000, false, false, false, true),
                new LoaderSettings(LoaderKind.COPY_BINARY, 1, 1000, true, true, true, false),
                LoaderSettings.of(LoaderKind.COPY_PARALLEL).withWorkers(3).withDropIndexes(true));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyLoaderMovesEveryRowAndTheDestinationPassesValidation(LoaderSettings settings) throws SQLException {
        String destination = newDestination();
        LoaderService s = settings.kind() == LoaderKind.COPY_PARALLEL ? service.splittingAbove(1) : service;
        Loaders.Load load = s.load(
                new LoadRequest("src", scratch.name(), "src", destination, List.of(), settings, false),
                LoadObserver.NONE,
                ProgressListener.NONE,
                Cancellation.none());

        LoadReport r = load.report();
        assertThat(r.schemaFrom()).isEqualTo("pg_dump");
        assertThat(r.rows()).isEqualTo(3001 + 5000 + 4000 + 500 + 400 + 300);
        assertThat(r.tables()).hasSize(6);
        assertThat(r.phases()).extracting(PhaseTime::phase).startsWith("schema").contains("copy", "analyze");
        if (settings.dropIndexes()) {
            List<String> phases = r.phases().stream().map(PhaseTime::phase).toList();
            String indexes = settings.workers() > 1 ? "indexes and constraints" : "indexes";
            assertThat(phases.indexOf(indexes)).isGreaterThan(phases.indexOf("copy"));
        }
        if (settings.unlogged()) {
            assertThat(r.phases()).extracting(PhaseTime::phase).contains("set logged");
            assertThat(count(destination, "SELECT count(*) FROM pg_class WHERE relpersistence = 'u'"))
                    .isZero();
        }
        assertValid(destination);
        Experiment e = workspace.ledger().find(load.experimentId()).orElseThrow();
        assertThat(e.kind()).isEqualTo(Loaders.KIND);
        assertThat(e.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(workspace.ledger().artifacts(load.experimentId()))
                .anyMatch(a -> a.name().equals("load.json"));
    }

    @Test
    void aLoadRecordsItsProcessesSoPodSizingReadsItLikeAPod() {
        String destination = newDestination();
        Loaders.Load load = service.load(
                new LoadRequest(
                        "src",
                        scratch.name(),
                        "src",
                        destination,
                        List.of(),
                        LoaderSettings.of(LoaderKind.COPY_TEXT),
                        false),
                LoadObserver.NONE,
                ProgressListener.NONE,
                Cancellation.none());

        SizingService sizings = new SizingService(workspace.ledger());
        List<PodSample> samples = sizings.samplesOf(load.experimentId());
        // The loading JVM always; the destination's backends because the lab instance is local.
        assertThat(samples).extracting(PodSample::container).contains("loader", "postgres");
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.namespace()).isEqualTo("local");
            assertThat(s.at())
                    .isBetween(
                            load.report().client().startedAt(),
                            load.report().client().startedAt().plusSeconds(3600));
        });
        SizingReport report =
                sizings.size(new Sizings.SizingRequest(samples, List.of(SizingRule.values()), 50, "loader", Map.of()));
        ContainerSizing loader = report.containers().get(0);
        assertThat(loader.recommendations()).extracting(Recommendation::rule).containsExactly(SizingRule.values());
        // A load of a few seconds is far too short a history for KRR and VPA: said, not refused.
        assertThat(loader.recommendations().stream()
                        .filter(r -> r.rule() == SizingRule.KRR)
                        .findFirst()
                        .orElseThrow()
                        .risks())
                .isNotEmpty();
        assertThat(loader.history().memory().max())
                .isEqualTo(load.report().client().peakMemoryBytes());
    }

    static void assertValid(String destination) throws SQLException {
        Validations.Validation v = workspace
                .validations()
                .validate(
                        new ValidationRequest("src", "src", scratch.name(), destination, List.of(), List.of(), null),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(v.report().parityPassed()).as(v.report().tables().toString()).isTrue();
        Check sequences = v.report().checks().stream()
                .filter(c -> c.name().equals("sequences"))
                .findFirst()
                .orElseThrow();
        assertThat(sequences.passed()).as(sequences.problems().toString()).isTrue();
        // The next id on the destination is the source's next: setval carried the sequence over.
        assertThat(count(destination, "SELECT last_value FROM parent_id_seq"))
                .isEqualTo(count(scratch.name(), "SELECT last_value FROM parent_id_seq"));
        assertThat(count(destination, "SELECT last_value FROM child_id_seq")).isEqualTo(5000);
    }

    static long count(String database, String sql) throws SQLException {
        try (Connection c = plain(database);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void catalogDdlRecreatesTypesKeysIndexesAndForeignKeys() throws SQLException {
        String destination = newDestination();
        Loaders.Load load = service.catalogDdlOnly()
                .splittingAbove(1)
                .load(
                        new LoadRequest(
                                "src",
                                scratch.name(),
                                "src",
                                destination,
                                List.of(),
                                LoaderSettings.of(LoaderKind.COPY_PARALLEL).withWorkers(4),
                                false),
                        LoadObserver.NONE,
                        ProgressListener.NONE,
                        Cancellation.none());

        assertThat(load.report().schemaFrom()).isEqualTo("catalog");
        assertValid(destination);
        Validations.Validation v = workspace
                .validations()
                .validate(
                        new ValidationRequest("src", "src", scratch.name(), destination, List.of(), List.of(), null),
                        ProgressListener.NONE,
                        Cancellation.none());
        Check schema = v.report().checks().stream()
                .filter(c -> c.name().equals("schema"))
                .findFirst()
                .orElseThrow();
        assertThat(schema.passed()).as(schema.problems().toString()).isTrue();
    }

    @Test
    void existingTablesAreRefusedUnlessReplaced() {
        String destination = newDestination();
        LoadRequest request = new LoadRequest(
                "src",
                scratch.name(),
                "src",
                destination,
                List.of("parent", "child"),
                LoaderSettings.of(LoaderKind.COPY_TEXT),
                false);
        Loaders.Load first = service.load(request, LoadObserver.NONE, ProgressListener.NONE, Cancellation.none());
        assertThat(first.report().schemaFrom()).isEqualTo("catalog"); // a subset: pg_dump would miss their types

        assertThatThrownBy(() -> service.load(request, LoadObserver.NONE, ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("already has 2 tables: public.parent, public.child")
                .hasMessageContaining("--replace");
        Loaders.Load again = service.load(
                new LoadRequest(
                        "src",
                        scratch.name(),
                        "src",
                        destination,
                        List.of("parent", "child"),
                        LoaderSettings.of(LoaderKind.COPY_TEXT),
                        true),
                LoadObserver.NONE,
                ProgressListener.NONE,
                Cancellation.none());
        assertThat(again.report().rows()).isEqualTo(8001);
    }

    @Test
    void aLockedGuardedDestinationIsRefusedBeforeAnythingIsWritten() throws SQLException {
        String destination = scratch.name() + "_locked";
        workspace.targets().add("locked", spec(scratch.name()), TargetRole.GUARDED);
        assertThatThrownBy(() -> service.load(
                        new LoadRequest(
                                "src",
                                scratch.name(),
                                "locked",
                                destination,
                                List.of(),
                                LoaderSettings.of(LoaderKind.COPY_TEXT),
                                false),
                        LoadObserver.NONE,
                        ProgressListener.NONE,
                        Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessage("Target 'locked' is guarded and locked: nothing was written; unlock it first (miglab"
                        + " target unlock locked --reason ...).");
        assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + destination + "'"))
                .isZero();
    }

    /** Through the gate both ways: a locked guarded source read-only, an unlocked guarded destination written. */
    @ParameterizedTest
    @MethodSource("guardedVariants")
    void aGuardedSourceIsReadAndAnUnlockedGuardedDestinationWrittenThroughTheGate(LoaderSettings settings)
            throws SQLException {
        if (workspace.targets().find("gsrc").isEmpty()) {
            workspace.targets().add("gsrc", spec(scratch.name()), TargetRole.GUARDED);
            workspace.targets().add("gdst", spec("postgres"), TargetRole.GUARDED);
            workspace.targets().unlock("gdst", "loader test", java.time.Duration.ofMinutes(10));
        }
        String destination = newDestination();
        for (LoaderService s : List.of(service, service.catalogDdlOnly())) {
            Loaders.Load load = s.load(
                    new LoadRequest("gsrc", scratch.name(), "gdst", destination, List.of(), settings, true),
                    LoadObserver.NONE,
                    ProgressListener.NONE,
                    Cancellation.none());
            assertThat(load.report().rows()).isEqualTo(3001 + 5000 + 4000 + 500 + 400 + 300);
            assertValid(destination);
        }
    }

    static Stream<LoaderSettings> guardedVariants() {
        return Stream.of(
                LoaderSettings.of(LoaderKind.COPY_PARALLEL).withWorkers(2).withDropIndexes(true),
                LoaderSettings.of(LoaderKind.INSERT_MULTIROW));
    }

    @Test
    void theWorkspacesLoadersRunPgDumpAndPgRestoreAsALoader() throws SQLException {
        String destination = newDestination();
        Loaders.Load load = service.load(
                new LoadRequest(
                        "src",
                        scratch.name(),
                        "src",
                        destination,
                        List.of(),
                        LoaderSettings.of(LoaderKind.DUMP_DIRECTORY).withWorkers(2),
                        false),
                LoadObserver.NONE,
                ProgressListener.NONE,
                Cancellation.none());
        assertThat(load.report().rows()).isEqualTo(3001 + 5000 + 4000 + 500 + 400 + 300);
        assertThat(load.report().phases()).extracting(PhaseTime::phase).contains("dump", "restore");
        assertValid(destination);
    }

    @Test
    void theDumpLoadersAreRefusedUntilTheyArePluggedIn() {
        LoaderService bare = new LoaderService(workspace.ledger(), workspace.targets(), workspace.clientTools(), null);
        assertThatThrownBy(() -> bare.load(
                        new LoadRequest(
                                "src",
                                scratch.name(),
                                "src",
                                newDestination(),
                                List.of(),
                                LoaderSettings.of(LoaderKind.DUMP_CUSTOM),
                                false),
                        LoadObserver.NONE,
                        ProgressListener.NONE,
                        Cancellation.none()))
                .hasMessageContaining("dump-custom loader (pg_dump and pg_restore) is not available");
    }

    @Test
    void aMatrixRanksVariantsByMedianAndLinksItsRuns() {
        String destination = newDestination();
        Loaders.Matrix m = service.matrix(
                new Loaders.MatrixRequest(
                        new LoadRequest(
                                "src",
                                scratch.name(),
                                "src",
                                destination,
                                List.of("pairs", "loose"),
                                LoaderSettings.of(LoaderKind.COPY_TEXT),
                                false),
                        List.of(LoaderSettings.of(LoaderKind.COPY_TEXT), LoaderSettings.of(LoaderKind.INSERT_ROW)),
                        2),
                LoadObserver.NONE,
                ProgressListener.NONE,
                Cancellation.none());

        assertThat(m.rows()).hasSize(2);
        assertThat(m.rows()).allSatisfy(r -> assertThat(r.seconds()).hasSize(2));
        assertThat(m.best().medianSeconds()).isLessThanOrEqualTo(m.rows().get(1).medianSeconds());
        assertThat(m.margin()).isGreaterThanOrEqualTo(1.0);
        assertThat(m.marginLow()).isLessThanOrEqualTo(m.marginHigh());
        assertThat(workspace.ledger().links(m.experimentId())).hasSize(4);
        assertThat(workspace.ledger().find(m.experimentId()).orElseThrow().kind())
                .isEqualTo(Loaders.MATRIX_KIND);
    }

    /** Pagila's generated schema (enum, domains, tsvector, arrays, a partitioned table) through both DDL paths. */
    @Test
    void pagilaLoadsThroughPgDumpAndThroughTheCatalog() throws Exception {
        Path resources =
                Path.of("..", "sample-datasets", "src", "main", "resources", "io", "miglab", "datasets", "pagila");
        try (ScratchDatabase pagila = ScratchDatabase.create("loadpagila")) {
            ScriptRunner runner = new ScriptRunner(pagila.factory());
            runner.run(
                    resources.resolve("generated-schema.sql"),
                    ScriptOptions.defaults(),
                    ProgressListener.NONE,
                    Cancellation.none());
            pagila.execute(
                    "INSERT INTO language (name) VALUES ('English'), ('Italian')",
                    "INSERT INTO film (title, description, release_year, language_id, rating, special_features)"
                            + " SELECT 'Film ' || g, 'About ' || g, 2000 + g % 20, 1, (ARRAY['G', 'PG', 'R'])[1 + g % 3]::mpaa_rating,"
                            + " ARRAY['Trailers', 'Deleted Scenes'] FROM generate_series(1, 200) g",
                    "INSERT INTO actor (first_name, last_name) SELECT 'A' || g, 'B' || g FROM generate_series(1, 50) g",
                    "INSERT INTO film_actor (actor_id, film_id) SELECT 1 + g % 50, 1 + g % 200 FROM generate_series(1, 200) g",
                    "INSERT INTO payment (customer_id, staff_id, rental_id, amount, payment_date) SELECT 1, 1, g, 1.99,"
                            + " timestamptz '2022-01-15 00:00:00+00' + g * interval '1 hour' FROM generate_series(1, 3000) g");
            runner.run(
                    resources.resolve("generated-indexes.sql"),
                    ScriptOptions.defaults(),
                    ProgressListener.NONE,
                    Cancellation.none());
            workspace.targets().add("pagila", spec(pagila.name()), TargetRole.LAB);
            for (LoaderService s : List.of(service, service.catalogDdlOnly())) {
                String destination = newDestination();
                Loaders.Load load = s.load(
                        new LoadRequest(
                                "pagila",
                                pagila.name(),
                                "pagila",
                                destination,
                                List.of(),
                                LoaderSettings.of(LoaderKind.COPY_PARALLEL)
                                        .withWorkers(2)
                                        .withDropIndexes(true),
                                false),
                        LoadObserver.NONE,
                        ProgressListener.NONE,
                        Cancellation.none());
                assertThat(load.report().schemaFrom()).isEqualTo(s == service ? "pg_dump" : "catalog");
                Validations.Validation v = workspace
                        .validations()
                        .validate(
                                new ValidationRequest(
                                        "pagila", "pagila", pagila.name(), destination, List.of(), List.of(), null),
                                ProgressListener.NONE,
                                Cancellation.none());
                assertThat(v.report().parityPassed())
                        .as(v.report().tables().toString())
                        .isTrue();
                assertThat(count(destination, "SELECT count(*) FROM payment_p2022_01"))
                        .isEqualTo(count(pagila.name(), "SELECT count(*) FROM payment_p2022_01"));
            }
        }
    }
}
