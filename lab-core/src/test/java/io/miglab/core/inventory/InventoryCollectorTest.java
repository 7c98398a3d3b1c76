package io.miglab.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.inventory.InventoryDiff.ChangeType;
import io.miglab.core.inventory.InventorySnapshot.Index;
import io.miglab.core.inventory.InventorySnapshot.Sequence;
import io.miglab.core.inventory.InventorySnapshot.Table;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class InventoryCollectorTest {
    static final String SCHEMA = "My \"odd\" Schéma";
    static final String TABLE = "Tàble With Spaces";
    static final String Q_TABLE = Identifiers.qualified(SCHEMA, TABLE);

    static ScratchDatabase db;
    static InventorySnapshot snapshot;

    @BeforeAll
    static void fixture() throws SQLException {
        db = ScratchDatabase.create("inventory");
        db.execute(
                "CREATE SCHEMA " + Identifiers.quote(SCHEMA),
                "CREATE TABLE " + Q_TABLE + " (\"Id\" serial PRIMARY KEY, \"Naïve Col\" text, \"UPPER\" int)",
                "INSERT INTO " + Q_TABLE + " (\"Naïve Col\", \"UPPER\") SELECT 'x' || g, g % 10"
                        + " FROM generate_series(1, 1000) g",
                "CREATE INDEX \"idx \"\"dup\"\" A\" ON " + Q_TABLE + " (\"UPPER\")",
                "CREATE INDEX \"idx \"\"dup\"\" B\" ON " + Q_TABLE + " (\"UPPER\")",
                "CREATE INDEX \"idx wide\" ON " + Q_TABLE + " (\"UPPER\", \"Naïve Col\")",
                "ALTER TABLE " + Q_TABLE + " ADD CONSTRAINT \"chk \"\"positive\"\"\" CHECK (\"UPPER\" >= 0) NOT VALID",
                "CREATE TABLE public.dupes (v int)",
                "INSERT INTO public.dupes VALUES (1), (1)",
                "CREATE TABLE public.used (a int)",
                "INSERT INTO public.used SELECT g FROM generate_series(1, 100) g",
                "CREATE INDEX used_a ON public.used (a)",
                "CREATE SEQUENCE " + Identifiers.qualified(SCHEMA, "Seq Near Max") + " AS integer MAXVALUE 100",
                "SELECT setval(" + Identifiers.literal(Identifiers.qualified(SCHEMA, "Seq Near Max")) + ", 95)",
                "CREATE TABLE public.small_id (id int)",
                "CREATE SEQUENCE public.big_seq OWNED BY public.small_id.id",
                "SELECT setval('public.big_seq', 2000000000)",
                "CREATE VIEW " + Identifiers.qualified(SCHEMA, "Vue \"quoted\"") + " AS SELECT 1 AS one",
                "CREATE FUNCTION " + Identifiers.qualified(SCHEMA, "Fünc") + "(a int) RETURNS int LANGUAGE sql"
                        + " AS 'SELECT a'",
                "CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
                "CREATE TRIGGER \"Trig Ä\" BEFORE UPDATE ON " + Q_TABLE
                        + " FOR EACH ROW EXECUTE FUNCTION public.touch()",
                "CREATE TABLE public.\"Parted\" (k int) PARTITION BY RANGE (k)",
                "CREATE TABLE public.\"Parted 1\" PARTITION OF public.\"Parted\" FOR VALUES FROM (0) TO (100)",
                "ANALYZE");
        try {
            db.execute("CREATE UNIQUE INDEX CONCURRENTLY \"Invalid Ünique\" ON public.dupes (v)");
        } catch (IllegalStateException expected) {
            // Duplicate values: the build fails and leaves an INVALID index behind, which is the point.
        }
        useIndexAndWaitForStatistics();
        snapshot = new InventoryCollector(db.guardedFactory())
                .collect(null, InventoryOptions.defaults().withExactRowCounts(true), Cancellation.none(), p -> {});
    }

    /** Scans used_a once and waits (bounded) until the cumulative statistics show it. */
    private static void useIndexAndWaitForStatistics() throws SQLException {
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            st.executeQuery("SELECT * FROM public.used WHERE a = 7").close();
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                st.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs =
                        st.executeQuery("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'used_a'")) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("The statistics never showed the scan of used_a");
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void hostileIdentifiersAreListedAndCountedExactly() {
        Table table = table(SCHEMA, TABLE);
        assertThat(table.exactRows()).isEqualTo(1000L);
        assertThat(table.estimatedRows()).isEqualTo(1000L);
        assertThat(table.heapBytes()).isPositive();
        assertThat(table.indexBytes()).isPositive();
        assertThat(snapshot.schemas())
                .extracting(InventorySnapshot.Schema::name)
                .contains(SCHEMA);
        assertThat(snapshot.views()).extracting(InventorySnapshot.View::name).contains("Vue \"quoted\"");
        assertThat(snapshot.functions())
                .extracting(InventorySnapshot.Function::name)
                .contains("Fünc");
        assertThat(snapshot.triggers())
                .extracting(InventorySnapshot.Trigger::name)
                .containsExactly("Trig Ä");
        assertThat(index("idx wide").keyColumns()).containsExactly("\"UPPER\"", "\"Naïve Col\"");
        assertThat(snapshot.partitions()).singleElement().satisfies(p -> {
            assertThat(p.parentName()).isEqualTo("Parted");
            assertThat(p.name()).isEqualTo("Parted 1");
            assertThat(p.bound()).contains("FROM (0) TO (100)");
        });
        assertThat(snapshot.warnings()).isEmpty();
    }

    @Test
    void duplicateRedundantUnusedAndInvalidIndexesAreFound() {
        assertThat(index("idx \"dup\" B").duplicateOf()).isEqualTo(Identifiers.qualified(SCHEMA, "idx \"dup\" A"));
        assertThat(index("idx \"dup\" A").duplicateOf()).isNull();
        assertThat(index("idx \"dup\" A").redundantWith()).isEqualTo(Identifiers.qualified(SCHEMA, "idx wide"));
        assertThat(index("idx wide").unused()).isTrue();
        assertThat(index("used_a").unused()).isFalse();
        assertThat(index(TABLE + "_pkey").unused())
                .as("a primary key is never unused")
                .isFalse();
        assertThat(index("Invalid Ünique").valid()).isFalse();

        assertThat(snapshot.findings()).first().extracting(Finding::severity).isEqualTo(Severity.CRITICAL);
        assertThat(snapshot.findings())
                .extracting(Finding::code, f -> f.subject().key())
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "invalid-index", Identifiers.qualified("public", "Invalid Ünique")),
                        org.assertj.core.groups.Tuple.tuple(
                                "duplicate-index", Identifiers.qualified(SCHEMA, "idx \"dup\" B")));
        assertThat(snapshot.findings()).isSortedAccordingTo(Finding.ORDER);
    }

    @Test
    void aFreshDatabaseIsTooYoungToCallAnIndexUnused() {
        assertThat(snapshot.findings())
                .as("idx wide has no scans, but the database was created seconds ago")
                .noneMatch(f -> f.code().equals("unused-index"));
        assertThat(snapshot.findings())
                .filteredOn(f -> f.code().equals("index-statistics-too-young"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.evidence()).contains(Identifiers.qualified(SCHEMA, "idx wide"));
                    assertThat(f.title()).containsAnyOf("never reset", " old)");
                    assertThat(f.threshold()).contains("7 days").contains("1,000 scans");
                });
    }

    @Test
    void anIndexIsCalledUnusedOnceItsTableWasScannedEnough() throws SQLException {
        String busy = Identifiers.qualified("public", "busy");
        db.execute(
                "CREATE TABLE " + busy + " (id int, v int)",
                "INSERT INTO " + busy + " SELECT g, g % 7 FROM generate_series(1, 50) g",
                "CREATE INDEX busy_v ON " + busy + " (v)",
                "ANALYZE " + busy);
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("SET enable_indexscan = off");
            st.execute("SET enable_bitmapscan = off");
            st.execute("SET enable_indexonlyscan = off");
            for (int i = 0; i < Findings.UNUSED_INDEX_MIN_TABLE_SCANS; i++) {
                st.executeQuery("SELECT count(*) FROM " + busy + " WHERE v = 3").close();
            }
        }
        waitForStatistics(
                "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'busy'",
                Findings.UNUSED_INDEX_MIN_TABLE_SCANS);
        InventorySnapshot s = new InventoryCollector(db.guardedFactory())
                .collect(null, InventoryOptions.defaults(), Cancellation.none(), p -> {});
        assertThat(s.findings())
                .filteredOn(f -> f.code().equals("unused-index"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.subject().key()).isEqualTo(Identifiers.qualified("public", "busy_v"));
                    assertThat(f.subject().kind()).isEqualTo("index");
                    assertThat(f.evidence()).containsPattern("its table was scanned 1,\\d{3} times");
                    assertThat(f.title()).contains("has not been scanned");
                });
        db.execute("DROP TABLE " + busy);
    }

    @Test
    void aSnapshotStoredBeforeTheOneFindingModelIsReadWithItsFindingsDrawnAgain(@TempDir Path home) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json =
                io.miglab.core.Json.mapper().valueToTree(snapshot);
        json.putArray("findings")
                .addObject()
                .put("severity", "INFO")
                .put("kind", "unused-index")
                .put("object", Identifiers.qualified(SCHEMA, "idx wide"))
                .put("message", "Index ... has not been scanned since the statistics were last reset.");
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            long id;
            try (var run = ledger.begin(
                    InventoryRecorder.KIND,
                    "old inventory",
                    TargetFingerprint.NONE,
                    io.miglab.core.Json.mapper().createObjectNode())) {
                run.attach(
                        InventoryRecorder.ARTIFACT,
                        "application/json",
                        io.miglab.core.Json.mapper().writeValueAsBytes(json));
                run.succeed();
                id = run.id();
            }
            InventorySnapshot loaded = new InventoryRecorder(ledger).load(id);
            assertThat(loaded.tables()).isEqualTo(snapshot.tables());
            assertThat(loaded.findings()).isEqualTo(snapshot.findings());
        }
    }

    private static void waitForStatistics(String sql, long atLeast) throws SQLException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                st.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs = st.executeQuery(sql)) {
                    if (rs.next() && rs.getLong(1) >= atLeast) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("The statistics never reached " + atLeast + ": " + sql);
    }

    @Test
    void sequencesNearTheirMaximumAndNotValidConstraintsAreFlagged() {
        Sequence own = sequence("Seq Near Max");
        assertThat(own.fractionUsed()).isCloseTo(0.949, org.assertj.core.data.Offset.offset(0.01));
        Sequence big = sequence("big_seq");
        assertThat(big.dataType()).isEqualTo("bigint");
        assertThat(big.usableMax()).as("capped by the integer column it feeds").isEqualTo(Integer.MAX_VALUE);
        assertThat(big.ownedBy()).isEqualTo("\"public\".\"small_id\".\"id\"");
        assertThat(snapshot.findings())
                .filteredOn(f -> f.code().equals("sequence-near-max"))
                .extracting(Finding::severity)
                .containsOnly(Severity.CRITICAL)
                .hasSize(2);
        assertThat(snapshot.constraints())
                .filteredOn(c -> c.name().equals("chk \"positive\""))
                .singleElement()
                .satisfies(c -> assertThat(c.notValid()).isTrue());
        assertThat(snapshot.findings()).extracting(Finding::code).contains("not-valid-constraint");
    }

    @Test
    void aTableMostlyDeletedAndVacuumedIsReportedAsBloated() {
        String bloated = Identifiers.qualified(SCHEMA, "Bloated Täble");
        db.execute(
                "CREATE TABLE " + bloated + " (id int, payload text)",
                "INSERT INTO " + bloated + " SELECT g, md5(g::text) FROM generate_series(1, 60000) g",
                "DELETE FROM " + bloated + " WHERE id % 5 <> 0",
                "VACUUM ANALYZE " + bloated);
        InventoryOptions options = new InventoryOptions(
                false, 20, java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(1), 0.75, 1L << 20, 0.5);
        InventorySnapshot s =
                new InventoryCollector(db.guardedFactory()).collect(null, options, Cancellation.none(), p -> {});
        Table t = s.tables().stream()
                .filter(x -> x.name().equals("Bloated Täble"))
                .findFirst()
                .orElseThrow();
        assertThat(t.bloatRatio()).as("4 of 5 rows deleted").isBetween(0.6, 0.9);
        assertThat(t.bloatBytes()).isGreaterThan(1L << 20);
        assertThat(table(SCHEMA, TABLE).bloatRatio())
                .as("a freshly loaded table")
                .isLessThan(0.2);
        assertThat(s.findings())
                .filteredOn(f -> f.code().equals("bloat"))
                .extracting(f -> f.subject().key())
                .containsExactly(bloated);
        db.execute("DROP TABLE " + bloated);
    }

    @Test
    void missingPgStatStatementsGivesAHint() {
        assertThat(snapshot.statementStats().available()).isFalse();
        assertThat(snapshot.statementStats().top()).isEmpty();
        assertThat(snapshot.statementStats().hint())
                .contains("shared_preload_libraries")
                .contains("CREATE EXTENSION pg_stat_statements");
        assertThat(snapshot.server().versionNumber()).isGreaterThanOrEqualTo(110000);
        assertThat(snapshot.extensions()).anyMatch(e -> e.name().equals("plpgsql") && e.installed());
        assertThat(snapshot.databases())
                .extracting(InventorySnapshot.Database::name)
                .contains(db.name());
    }

    @Test
    void aGuardedTargetIsOnlyReadFrom() throws SQLException {
        String before = catalogFingerprint();
        InventorySnapshot again = new InventoryCollector(db.guardedFactory())
                .collect(null, InventoryOptions.defaults().withExactRowCounts(true), Cancellation.none(), p -> {});
        assertThat(again.tables()).hasSameSizeAs(snapshot.tables());
        assertThat(catalogFingerprint()).isEqualTo(before);
        try (Connection guarded = db.guardedFactory().open();
                Statement st = guarded.createStatement()) {
            assertThatThrownBy(() -> st.execute("CREATE TABLE public.sneaky (x int)"))
                    .hasMessageContaining("Writes are locked on guarded target");
        }
    }

    @Test
    void snapshotsAreStoredAsExperimentsAndDiffed(@TempDir Path home) throws SQLException {
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            InventoryRecorder recorder = new InventoryRecorder(ledger);
            TargetFingerprint target = new TargetFingerprint("scratch", null, null, null);
            long first = recorder.record(target, snapshot);
            assertThat(recorder.load(first)).isEqualTo(snapshot);

            db.execute(
                    "CREATE TABLE " + Identifiers.qualified(SCHEMA, "New Täble") + " (x int)",
                    "CREATE INDEX \"idx new\" ON " + Q_TABLE + " (\"Naïve Col\")",
                    "INSERT INTO " + Q_TABLE + " (\"Naïve Col\", \"UPPER\") SELECT 'y', 1 FROM generate_series(1, 500)",
                    "DROP VIEW " + Identifiers.qualified(SCHEMA, "Vue \"quoted\""));
            InventoryRecorder.Recorded second = recorder.collectAndRecord(
                    new InventoryCollector(db.factory()),
                    target,
                    null,
                    InventoryOptions.defaults().withExactRowCounts(true),
                    Cancellation.none(),
                    ProgressListener.NONE);
            assertThat(ledger.find(second.experimentId()).orElseThrow().status())
                    .isEqualTo(ExperimentStatus.SUCCEEDED);
            assertThat(ledger.find(second.experimentId()).orElseThrow().kind()).isEqualTo("inventory");

            InventoryDiff diff = recorder.diff(first, second.experimentId());
            assertThat(diff.changes())
                    .extracting(InventoryDiff.Change::type, InventoryDiff.Change::kind, InventoryDiff.Change::object)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple(
                                    ChangeType.ADDED, "table", Identifiers.qualified(SCHEMA, "New Täble")),
                            org.assertj.core.groups.Tuple.tuple(
                                    ChangeType.ADDED, "index", Identifiers.qualified(SCHEMA, "idx new")),
                            org.assertj.core.groups.Tuple.tuple(
                                    ChangeType.REMOVED, "view", Identifiers.qualified(SCHEMA, "Vue \"quoted\"")));
            assertThat(diff.tables())
                    .filteredOn(t -> t.name().equals(TABLE))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.rowsBefore()).isEqualTo(1000L);
                        assertThat(t.rowsAfter()).isEqualTo(1500L);
                        assertThat(t.byteChange()).isPositive();
                    });
        } finally {
            db.execute(
                    "DROP TABLE IF EXISTS " + Identifiers.qualified(SCHEMA, "New Täble"),
                    "DROP INDEX IF EXISTS " + Identifiers.qualified(SCHEMA, "idx new"),
                    "DELETE FROM " + Q_TABLE + " WHERE \"Naïve Col\" = 'y'",
                    "CREATE OR REPLACE VIEW " + Identifiers.qualified(SCHEMA, "Vue \"quoted\"")
                            + " AS SELECT 1 AS one");
        }
    }

    private static String catalogFingerprint() throws SQLException {
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT (SELECT string_agg(oid::text || ':' || relname, ',' ORDER BY oid)"
                                + " FROM pg_class) || '|' || (SELECT string_agg(oid::text, ',' ORDER BY oid) FROM pg_constraint)"
                                + " || '|' || (SELECT string_agg(last_value::text, ',' ORDER BY sequencename)"
                                + " FROM pg_sequences)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Table table(String schema, String name) {
        return snapshot.tables().stream()
                .filter(t -> t.schema().equals(schema) && t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + names(snapshot.tables())));
    }

    private static Index index(String name) {
        return snapshot.indexes().stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name + " in "
                        + snapshot.indexes().stream().map(Index::name).toList()));
    }

    private static Sequence sequence(String name) {
        return snapshot.sequences().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> names(List<Table> tables) {
        return tables.stream().map(Table::name).toList();
    }
}
