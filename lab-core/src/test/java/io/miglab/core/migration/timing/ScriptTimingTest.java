package io.miglab.core.migration.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.migration.timing.TimingResult.Run;
import io.miglab.core.migration.timing.TimingResult.Variant;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timing service on the machine's PostgreSQL, at small sizes (seconds, not minutes); nothing timed asserted. */
@NeedsMachinePostgres
@Tag("postgres")
class ScriptTimingTest {
    /** This test's scratch databases, told apart from those of another run on the same server. */
    static final String PREFIX = "miglab_time_t" + ProcessHandle.current().pid() + "_";

    static ScratchDatabase db;

    @TempDir
    Path temp;

    Ledger ledger;

    @BeforeAll
    static void create() {
        db = ScratchDatabase.create("stime");
        db.execute(
                "CREATE TABLE parent (id int PRIMARY KEY, name text)",
                "CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent ON DELETE RESTRICT,"
                        + " v int)",
                "CREATE TABLE grandchild (id int PRIMARY KEY, child_id int REFERENCES child, note text)",
                "INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 2000) g",
                "INSERT INTO child SELECT g, 1 + (g % 2000), g FROM generate_series(1, 6000) g",
                "INSERT INTO grandchild SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 1 + (g % 6000) END, 'n'"
                        + " FROM generate_series(1, 6000) g",
                "CREATE TABLE items (id int PRIMARY KEY, doc jsonb NOT NULL)",
                "INSERT INTO items SELECT g, jsonb_build_object('title', repeat('t', 1 + g % 40), 'n', g)"
                        + " FROM generate_series(1, 3000) g",
                "VACUUM ANALYZE");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void open() {
        ledger = Ledger.open(temp.resolve("ledger.db"));
    }

    @AfterEach
    void close() throws SQLException {
        ledger.close();
        assertThat(leftovers()).as("every copy is dropped").isEmpty();
    }

    @Test
    void aTenPercentSampleKeepsTheForeignKeysAndAboutATenthOfTheRows() throws SQLException {
        List<List<Long>> samples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String copy = db.name() + "_sample" + i;
            admin("CREATE DATABASE " + copy + " TEMPLATE " + db.name());
            try (Connection c = db.factory().open(copy)) {
                long deleted = DatabaseSampler.sample(c, 0.10, ScriptTiming.SEED, Cancellation.none());
                long parents = count(c, "SELECT count(*) FROM parent");
                long children = count(c, "SELECT count(*) FROM child");
                long grandchildren = count(c, "SELECT count(*) FROM grandchild");
                assertThat(deleted).isPositive();
                assertThat(parents).isBetween(120L, 300L);
                // Each parent has 3 children; each child one grandchild, plus the 600 with no child at all.
                assertThat(children).isEqualTo(3 * parents);
                assertThat(grandchildren).isBetween(children - children / 5, children + 600);
                assertThat(count(c, "SELECT count(*) FROM child WHERE parent_id NOT IN (SELECT id FROM parent)"))
                        .isZero();
                assertThat(count(
                                c,
                                "SELECT count(*) FROM grandchild WHERE child_id IS NOT NULL"
                                        + " AND child_id NOT IN (SELECT id FROM child)"))
                        .isZero();
                assertThat(count(c, "SELECT count(*) FROM grandchild WHERE child_id IS NULL"))
                        .as("a null key references nothing: kept")
                        .isEqualTo(600);
                assertThat(count(c, "SELECT count(*) FROM items")).isBetween(180L, 450L);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SHOW session_replication_role")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("origin");
                }
                samples.add(List.of(parents, children, grandchildren, count(c, "SELECT sum(id) FROM parent")));
            } finally {
                admin("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
            }
        }
        assertThat(samples.get(1)).as("the same seed, the same sample").isEqualTo(samples.get(0));
    }

    @Test
    void theStorysShapeWithTryFixesGivesTwoVariantsFittedProjectedAndStored() throws IOException {
        Path script = temp.resolve("mark-done.sql");
        try (InputStream in = getClass().getResourceAsStream("mark-done.sql")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> progress = new ArrayList<>();
        TimingResult r = timing().time(
                        new TimingRequest(
                                script,
                                "lab",
                                null,
                                List.of(0.25, 0.5, 1.0),
                                "items",
                                16_000_000L,
                                Duration.ofHours(2),
                                true,
                                1,
                                true),
                        p -> progress.add(p.message()),
                        Cancellation.none());
        assertThat(r.table()).isEqualTo("public.items");
        assertThat(r.productionRows()).isEqualTo(16_000_000L);
        assertThat(r.variants())
                .extracting(Variant::label)
                .containsExactly(ScriptTiming.AS_WRITTEN, "with the temporary index");
        Variant fixed = r.variants().get(1);
        assertThat(fixed.fixBefore()).startsWith("CREATE INDEX CONCURRENTLY items_migration_batch_idx ON items");
        assertThat(fixed.fixAfter()).isEqualTo("DROP INDEX CONCURRENTLY items_migration_batch_idx");
        for (Variant v : r.variants()) {
            assertThat(v.runs()).extracting(Run::fraction).containsExactly(0.25, 0.5, 1.0);
            assertThat(v.runs().get(2).rows()).isEqualTo(3000);
            assertThat(v.runs().get(0).rows()).isBetween(500L, 1000L);
            assertThat(v.runs()).allSatisfy(run -> {
                assertThat(run.seconds()).isPositive();
                assertThat(run.bytes()).isPositive();
                assertThat(run.blocksRead() + run.blocksHit())
                        .as("the copy's buffer counts")
                        .isPositive();
            });
            assertThat(v.models()).hasSize(3);
            assertThat(v.chosen()).isNotNull();
            assertThat(v.exponentLow()).isLessThanOrEqualTo(v.exponent());
            assertThat(v.projection().rows()).isEqualTo(16_000_000L);
            assertThat(v.projection().lowSeconds())
                    .isLessThanOrEqualTo(v.projection().highSeconds());
            assertThat(v.projection().warnings()).anyMatch(w -> w.contains("past the 10x"));
            assertThat(v.verdict()).isIn("GO", "NO_GO");
            assertThat(v.sentence()).startsWith(v.label() + ": ").contains("2 h window");
        }
        assertThat(progress).anyMatch(m -> m.startsWith("Sampling ")).anyMatch(m -> m.startsWith("with the"));
        for (Variant v : r.variants()) {
            assertThat(v.plans()).as("one explained run per size").hasSize(3);
            assertThat(v.plans()).allSatisfy(p -> assertThat(p.note()).isNull());
            assertThat(v.runs())
                    .as("the explained run is not one of the timed runs")
                    .hasSize(3);
        }
        // The work sits in the procedure's body: auto_explain's nested statements show its batch UPDATE, once per
        // batch (60 of 50 rows and the last, empty one), with the plan of its slowest run.
        TimingResult.SizePlans whole = r.variants().get(0).plans().get(2);
        assertThat(whole.rows()).isEqualTo(3000);
        TimingResult.HeavyStatement batch = whole.statements().get(0);
        assertThat(batch.query()).startsWith("UPDATE items").contains("NOT doc ? 'done'");
        assertThat(batch.calls()).isEqualTo(61);
        assertThat(batch.maxMillis()).isPositive().isLessThanOrEqualTo(batch.totalMillis());
        // The slowest call is usually a late batch (rows removed by filter), but may be the first, cold one: the
        // summary names the table's scans and buffers either way.
        assertThat(batch.summary()).contains("on items", "blocks hit");
        assertThat(batch.totalMillis()).as("many batches").isGreaterThan(batch.maxMillis());
        assertThat(io.miglab.core.plan.parse.PlanParser.parse(batch.plan())
                        .root()
                        .label())
                .isEqualTo("Update on items");
        assertThat(r.variants().get(0).largestPlans()).isSameAs(whole);

        Experiment e = ledger.find(r.experimentId()).orElseThrow();
        assertThat(e.kind()).isEqualTo(ScriptTiming.KIND);
        Artifact results = ledger.artifacts(e.id()).stream()
                .filter(a -> a.name().equals(ScriptTiming.RESULTS))
                .findFirst()
                .orElseThrow();
        JsonNode json = Json.mapper().readTree(ledger.artifactContent(results.id()));
        assertThat(json.get("variants")).hasSize(2);
        assertThat(json.get("variants").get(1).get("runs")).hasSize(3);
        assertThat(json.get("experimentId").asLong()).isEqualTo(e.id());

        // The release documentation carries the heaviest statements beside the durations.
        io.miglab.core.report.Table heaviest = new io.miglab.core.report.ReportService(ledger)
                .build(io.miglab.core.report.ReportRequest.of(List.of(e.id()))).sections().get(0).tables().stream()
                        .filter(t -> t.name().endsWith("-heaviest"))
                        .findFirst()
                        .orElseThrow();
        assertThat(heaviest.rows()).anySatisfy(row -> {
            assertThat(row.get(0)).isEqualTo(ScriptTiming.AS_WRITTEN);
            assertThat(row.get(2)).startsWith("UPDATE items");
            assertThat(row.get(3)).isEqualTo("61");
        });
    }

    @Test
    void aPlainUpdateAtFourSizesIsFittedAndProjectedToTheTablesOwnRowsWithoutAVerdict() throws IOException {
        Path script = temp.resolve("touch.sql");
        Files.writeString(script, "UPDATE child SET v = v + 1;\n");
        TimingResult r = timing().time(
                        new TimingRequest(script, "lab", null, List.of(0.1, 0.2, 0.4, 0.8), null, null, null, false, 1),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(r.table()).isEqualTo("public.child");
        assertThat(r.productionRows()).as("the table's rows in the database").isEqualTo(6000);
        Variant v = r.variants().get(0);
        assertThat(r.variants()).hasSize(1);
        assertThat(v.runs()).hasSize(4);
        assertThat(v.runs()).extracting(Run::rows).isSorted();
        // The samples are rewritten: a tenth of the rows is about a tenth of the bytes, not the whole table's.
        assertThat(v.runs()).extracting(Run::bytes).isSorted();
        assertThat(v.runs().get(0).bytes()).isLessThan(v.runs().get(3).bytes() / 3);
        assertThat(v.projection()).isNotNull();
        assertThat(v.verdict()).isEqualTo("UNKNOWN");
        assertThat(v.sentence()).endsWith("no threshold: no verdict");
        // For the release documentation: the report shows the durations per size and the sentence.
        io.miglab.core.report.ReportSection section = new io.miglab.core.report.ReportService(ledger)
                .build(io.miglab.core.report.ReportRequest.of(List.of(r.experimentId())))
                .sections()
                .get(0);
        assertThat(section.tables().get(0).title()).isEqualTo("Durations per size");
        assertThat(section.tables().get(0).rows()).hasSize(4).allSatisfy(row -> assertThat(row.get(2))
                .isNotEqualTo("-"));
        assertThat(section.paragraphs()).anySatisfy(p -> assertThat(p).endsWith("no threshold: no verdict"));
    }

    @Test
    void anIndexEveryUpdateRewritesIsTriedDroppedAndRebuilt() throws Exception {
        db.execute("CREATE INDEX child_v_idx ON child (v)");
        try {
            Path script = temp.resolve("touch-indexed.sql");
            Files.writeString(script, "UPDATE child SET v = v + 1;\n");
            TimingResult r = timing().time(
                            new TimingRequest(script, "lab", null, List.of(0.1, 0.2, 0.4), null, null, null, true, 1),
                            ProgressListener.NONE,
                            Cancellation.none());
            // The unbatched UPDATE is tried batched too: with two fixes, each label names its line.
            assertThat(r.variants())
                    .extracting(Variant::label)
                    .containsExactly(
                            ScriptTiming.AS_WRITTEN,
                            "batched by id, about 10,000 rows per transaction (line 1)",
                            "with child_v_idx dropped and rebuilt (line 1)");
            Variant fixed = r.variants().stream()
                    .filter(v -> v.label().equals("with child_v_idx dropped and rebuilt (line 1)"))
                    .findFirst()
                    .orElseThrow();
            assertThat(fixed.fixBefore()).isEqualTo("DROP INDEX CONCURRENTLY child_v_idx");
            assertThat(fixed.fixAfter()).startsWith("CREATE INDEX CONCURRENTLY child_v_idx ON public.child");
            assertThat(fixed.runs()).hasSize(3);
        } finally {
            db.execute("DROP INDEX child_v_idx");
        }
    }

    @Test
    void anUnbatchedUpdateIsTriedBatchedByItsKeyAtEverySize() throws Exception {
        Path script = temp.resolve("touch-some.sql");
        String sql = "UPDATE child SET v = v + 1 WHERE v % 3 = 0 OR parent_id < 10;\n";
        Files.writeString(script, sql);
        TimingResult r = timing().time(
                        new TimingRequest(
                                script,
                                "lab",
                                null,
                                List.of(0.1, 0.2, 0.4),
                                "child",
                                16_000_000L,
                                Duration.ofHours(2),
                                true,
                                1),
                        ProgressListener.NONE,
                        Cancellation.none());
        String batched = "batched by id, about 10,000 rows per transaction";
        assertThat(r.variants()).extracting(Variant::label).containsExactly(ScriptTiming.AS_WRITTEN, batched);
        Variant fixed = r.variants().get(1);
        assertThat(fixed.rule()).isEqualTo("unbatched-update");
        // What ran in place of the statement, with no SQL after the script.
        assertThat(fixed.fixBefore())
                .startsWith("DO $miglab_batch$")
                .contains("WHERE (v % 3 = 0 OR parent_id < 10)\n       AND \"id\" BETWEEN miglab_lo AND miglab_hi;");
        assertThat(fixed.fixAfter()).isNull();
        assertThat(fixed.runs()).extracting(Run::fraction).containsExactly(0.1, 0.2, 0.4);
        assertThat(fixed.runs()).allSatisfy(run -> assertThat(run.seconds()).isPositive());
        assertThat(fixed.runs())
                .extracting(Run::rows)
                .isEqualTo(r.variants().get(0).runs().stream().map(Run::rows).toList());
        assertThat(fixed.projection()).isNotNull();
        // No index is built, so no sort is projected past maintenance_work_mem (16M rows would be 768 MB).
        assertThat(fixed.projection().warnings()).noneMatch(w -> w.startsWith("The largest sort"));
        assertThat(fixed.sentence()).startsWith(batched + ": ");
    }

    @Test
    void aSessionOnTheSourceDatabaseIsNamedAndAGuardedTargetRefused() throws Exception {
        Path script = temp.resolve("touch.sql");
        Files.writeString(script, "UPDATE child SET v = v + 1;\n");
        TimingRequest request =
                new TimingRequest(script, "lab", null, List.of(0.1, 0.2, 0.4), null, null, null, false, 1);
        try (Connection holding = db.connect()) {
            assertThatThrownBy(() -> timing().time(request, ProgressListener.NONE, Cancellation.none()))
                    .isInstanceOf(MigLabException.class)
                    .hasMessageContaining("other sessions are connected to it");
        }
        assertThatThrownBy(() -> new ScriptTiming(ledger, name -> db.guardedFactory())
                        .time(request, ProgressListener.NONE, Cancellation.none()))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("guarded and locked");
        assertThatThrownBy(() -> timing().time(
                                new TimingRequest(
                                        script, "lab", null, List.of(0.1, 0.2, 0.4), "nosuch", 5L, null, false, 1),
                                ProgressListener.NONE,
                                Cancellation.none()))
                .hasMessage("--production-rows names nosuch, which is no table of " + db.name() + ".");
    }

    @Test
    void badSizesAndRowsAreOneLine() {
        assertThatThrownBy(() -> TimingRequest.parseSizes("0%,3%"))
                .hasMessage("--sizes: each size must be above 0% and at most 100%, not '0%'.");
        assertThatThrownBy(() -> TimingRequest.parseSizes("1%,200%"))
                .hasMessage("--sizes: each size must be above 0% and at most 100%, not '200%'.");
        assertThatThrownBy(() -> TimingRequest.parseSizes("1%,x"))
                .hasMessage("--sizes takes percentages such as 1%,3%,10%,30%, not 'x'.");
        assertThat(TimingRequest.parseSizes("1%, 3%,10")).containsExactly(0.01, 0.03, 0.10);
        assertThatThrownBy(() -> TimingRequest.parseProductionRows("items"))
                .hasMessage("--production-rows takes TABLE=ROWS, such as instance=16000000, not 'items'.");
        assertThatThrownBy(() -> TimingRequest.parseProductionRows("items=0"))
                .hasMessage("--production-rows must be a positive row count, not 0.");
        assertThat(TimingRequest.parseProductionRows("items=16_000_000"))
                .isEqualTo(new TimingRequest.TableRows("items", 16_000_000L));
        assertThatThrownBy(() -> new TimingRequest(
                        Path.of("x.sql"), "lab", null, List.of(0.1, 0.2), null, null, Duration.ofHours(2), false, 1))
                .hasMessage("A verdict needs at least 3 sizes; --sizes gives 2.");
    }

    private ScriptTiming timing() {
        return new ScriptTiming(ledger, name -> db.factory(), PREFIX);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = db.factory().open("postgres");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> leftovers() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.factory().open("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT datname FROM pg_database WHERE starts_with(datname, '" + PREFIX + "')")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
