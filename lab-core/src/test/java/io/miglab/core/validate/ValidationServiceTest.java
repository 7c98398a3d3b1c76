package io.miglab.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.SharedBinaries;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation between two scratch databases on the machine's PostgreSQL 15 (registered as a guarded, locked target:
 * every statement must pass the gate read-only) and between that server and a PostgreSQL 16 lab instance.
 */
@Tag("postgres")
@NeedsMachinePostgres
class ValidationServiceTest {
    /** Enough rows that the bisection recurses below the first level (more than 32 x 16k would need more). */
    private static final int ROWS = 60_000;

    private static final String SCHEMA = String.join(
            ";\n",
            "CREATE TABLE items (id bigint PRIMARY KEY, k int NOT NULL, payload text, price numeric(10,2),"
                    + " at timestamptz DEFAULT now())",
            "INSERT INTO items SELECT g, g % 97, md5(g::text), g / 7.0, timestamptz '2024-01-01 00:00:00+00' + g * interval '1"
                    + " minute' FROM generate_series(1, " + ROWS + ") g",
            "CREATE TABLE pairs (a text, b int, v text, PRIMARY KEY (a, b))",
            "INSERT INTO pairs SELECT chr(65 + g % 26) || (g % 7), g, 'v' || g FROM generate_series(1, 30000) g",
            "CREATE TABLE loose (x int, y text)",
            "INSERT INTO loose SELECT g % 10, 'y' FROM generate_series(1, 500) g",
            "CREATE SCHEMA \"Odd \"\"schema\"\"\"",
            "CREATE TABLE \"Odd \"\"schema\"\"\".\"Tä ble \"\"q\"\"\" (\"Ké y\" text PRIMARY KEY, \"va'l ue\" text,"
                    + " \"🙂\" int)",
            "INSERT INTO \"Odd \"\"schema\"\"\".\"Tä ble \"\"q\"\"\" SELECT 'k ' || g || ' ''é\"', 'v''' || g, g"
                    + " FROM generate_series(1, 2000) g",
            "CREATE TABLE child (id serial PRIMARY KEY, item_id bigint REFERENCES items (id))",
            "INSERT INTO child (item_id) SELECT g FROM generate_series(1, 100) g");

    @TempDir
    static Path home;

    static ScratchDatabase scratch;
    static String copy;
    static Workspace workspace;

    @BeforeAll
    static void setUp() {
        scratch = ScratchDatabase.create("validate");
        scratch.execute(SCHEMA.split(";\n"));
        copy = freshCopy();
        workspace = Workspace.open(
                new MigLabHome(home),
                Map.of(Workspace.BINARIES_VARIABLE, SharedBinaries.dir().toString()));
        workspace
                .targets()
                .add(
                        "pg15",
                        new ConnectionSpec(
                                ScratchDatabase.HOST,
                                ScratchDatabase.PORT,
                                scratch.name(),
                                ScratchDatabase.USER,
                                "disable",
                                Map.of()),
                        TargetRole.GUARDED);
    }

    @AfterAll
    static void tearDown() {
        if (workspace != null) {
            workspace.labInstances().stopStartedHere();
            workspace.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    /** Another database with the same tables and rows, for a test to change. */
    private static String freshCopy() {
        String name = scratch.createAnother();
        try {
            on(name, SCHEMA.split(";\n"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    private static void on(String database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/" + database,
                        ScratchDatabase.USER,
                        "");
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static Validations.Validation validate(List<String> tables) {
        return validate(copy, tables);
    }

    private static Validations.Validation validate(String destination, List<String> tables) {
        return workspace
                .validations()
                .validate(
                        new ValidationRequest("pg15", "pg15", scratch.name(), destination, tables, List.of(), null),
                        ProgressListener.NONE,
                        Cancellation.none());
    }

    private static TableParity table(Validations.Validation v, String name) {
        return v.report().tables().stream()
                .filter(t -> t.table().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aFaithfulCopyPassesEveryCheckAndIsStoredAsAnExperiment() {
        Validations.Validation v = validate(List.of());

        assertThat(v.report().tables())
                .extracting(TableParity::table)
                .containsExactlyInAnyOrder(
                        "public.items", "public.pairs", "public.loose", "public.child", "Odd \"schema\".Tä ble \"q\"");
        assertThat(v.report().tables())
                .allSatisfy(t -> assertThat(t.passed()).as(t.table()).isTrue());
        assertThat(table(v, "public.items").sourceRows()).isEqualTo(ROWS);
        assertThat(table(v, "public.items").targetRows()).isEqualTo(ROWS);
        assertThat(table(v, "public.pairs").key()).containsExactly("a", "b");
        assertThat(table(v, "public.loose").key()).isEmpty();
        assertThat(table(v, "public.loose").warnings()).anyMatch(w -> w.contains("No primary key"));
        assertThat(table(v, "Odd \"schema\".Tä ble \"q\"").sourceRows()).isEqualTo(2000);
        assertThat(v.report().checks()).allSatisfy(c -> assertThat(c.passed())
                .as(c.name() + ": " + c.problems())
                .isTrue());
        assertThat(v.report().parityPassed()).isTrue();
        Experiment e = workspace.ledger().find(v.experimentId()).orElseThrow();
        assertThat(e.kind()).isEqualTo(Validations.KIND);
        assertThat(e.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(workspace.ledger().artifacts(v.experimentId()))
                .anyMatch(a -> a.name().equals("validation.json"));
    }

    @Test
    void changedDeletedAndInsertedRowsAreNamedByKeyWithTheirKind() throws SQLException {
        String changed = freshCopy();
        on(
                changed,
                "UPDATE items SET payload = 'changed' WHERE id IN (7, 30001, 59999)",
                "DELETE FROM child WHERE item_id IN (12, 45000)",
                "DELETE FROM items WHERE id IN (12, 45000)",
                "INSERT INTO items (id, k) VALUES (60001, 1), (70000, 2)",
                "UPDATE pairs SET v = 'other' WHERE a = 'C0' AND b = 28",
                "DELETE FROM pairs WHERE a = 'A0' AND b = 182",
                "UPDATE \"Odd \"\"schema\"\"\".\"Tä ble \"\"q\"\"\" SET \"🙂\" = -1 WHERE \"Ké y\" = 'k 5 ''é\"'",
                "UPDATE loose SET y = 'z' WHERE ctid = (SELECT min(ctid) FROM loose)");
        // Segments of more than 500 rows are cut again: the first level's ~1,900-row segments recurse.
        Validations.Validation v = new ValidationService(workspace.ledger(), workspace.targets()::connector, 500)
                .validate(
                        new ValidationRequest("pg15", "pg15", scratch.name(), changed, List.of(), List.of(), null),
                        ProgressListener.NONE,
                        Cancellation.none());

        TableParity items = table(v, "public.items");
        assertThat(items.passed()).isFalse();
        assertThat(items.differences())
                .containsExactly(
                        new RowDifference(RowDifference.Kind.CHANGED, List.of("7")),
                        new RowDifference(RowDifference.Kind.MISSING, List.of("12")),
                        new RowDifference(RowDifference.Kind.CHANGED, List.of("30001")),
                        new RowDifference(RowDifference.Kind.MISSING, List.of("45000")),
                        new RowDifference(RowDifference.Kind.CHANGED, List.of("59999")),
                        new RowDifference(RowDifference.Kind.EXTRA, List.of("60001")),
                        new RowDifference(RowDifference.Kind.EXTRA, List.of("70000")));
        assertThat(items.sourceRows()).isEqualTo(ROWS);
        assertThat(items.targetRows()).isEqualTo(ROWS);
        assertThat(items.segments()).isGreaterThan(ParityChecker.FACTOR * 2); // it recursed
        assertThat(items.leaves()).isBetween(1L, 7L); // only the bottom segments holding a difference
        assertThat(table(v, "public.pairs").differences())
                .containsExactlyInAnyOrder(
                        new RowDifference(RowDifference.Kind.CHANGED, List.of("C0", "28")),
                        new RowDifference(RowDifference.Kind.MISSING, List.of("A0", "182")));
        assertThat(table(v, "Odd \"schema\".Tä ble \"q\"").differences())
                .containsExactly(new RowDifference(RowDifference.Kind.CHANGED, List.of("k 5 'é\"")));
        assertThat(table(v, "public.loose").passed()).isFalse();
        assertThat(table(v, "public.child").passed()).isFalse();
        assertThat(v.report().parityPassed()).isFalse();
        assertThat(v.report().checks().get(0).name()).isEqualTo("parity");
        assertThat(v.report().checks().get(0).passed()).isFalse();

        SideBySide rows = workspace
                .validations()
                .sideBySide(
                        "pg15",
                        scratch.name(),
                        "pg15",
                        changed,
                        "items",
                        items.differences().stream().map(RowDifference::key).toList());
        assertThat(rows.key()).containsExactly("id");
        int payload = rows.columns().indexOf("payload");
        SideBySide.RowPair seven = rows.rows().get(0);
        assertThat(seven.keyText()).isEqualTo("7");
        assertThat(seven.source().get(payload)).isEqualTo("8f14e45fceea167a5a36dedd4bea2543"); // md5('7')
        assertThat(seven.target().get(payload)).isEqualTo("changed");
        assertThat(seven.differs(payload)).isTrue();
        assertThat(seven.differs(rows.columns().indexOf("k"))).isFalse();
        assertThat(rows.rows().get(1).target()).as("12 was deleted").isNull();
        assertThat(rows.rows().get(1).source()).isNotNull();
        assertThat(rows.rows().get(5).source()).as("60001 was inserted").isNull();
        assertThat(rows.rows().get(5).target().get(rows.columns().indexOf("k"))).isEqualTo("1");
        SideBySide odd = workspace
                .validations()
                .sideBySide(
                        "pg15",
                        scratch.name(),
                        "pg15",
                        changed,
                        "Odd \"schema\".Tä ble \"q\"",
                        List.of(List.of("k 5 'é\"")));
        int smile = odd.columns().indexOf("🙂");
        assertThat(odd.rows().get(0).source().get(smile)).isEqualTo("5");
        assertThat(odd.rows().get(0).target().get(smile)).isEqualTo("-1");
    }

    @Test
    void theChosenColumnsAndAFilterLimitWhatIsCompared() throws SQLException {
        String changed = freshCopy();
        on(changed, "UPDATE items SET payload = 'changed' WHERE id = 100", "UPDATE items SET k = -1 WHERE id = 200");
        {
            Validations.Validation v = workspace
                    .validations()
                    .validate(
                            new ValidationRequest(
                                    "pg15",
                                    "pg15",
                                    scratch.name(),
                                    changed,
                                    List.of("items"),
                                    List.of("k"),
                                    "id > 150"),
                            ProgressListener.NONE,
                            Cancellation.none());
            TableParity items = table(v, "public.items");
            assertThat(items.columns()).containsExactly("id", "k");
            assertThat(items.sourceRows()).isEqualTo(ROWS - 150);
            assertThat(items.differences())
                    .containsExactly(new RowDifference(RowDifference.Kind.CHANGED, List.of("200")));
        }
    }

    @Test
    void columnsWithoutAHashFunctionOrOfAnotherTypeFallBackToTextAndStillFindTheChange() throws SQLException {
        String[] both = {
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE TABLE docs (id int PRIMARY KEY, body json, at point, m mood)",
            "INSERT INTO docs SELECT g, json_build_object('n', g), point(g, g), (ARRAY['sad', 'ok', 'happy'])[1 + g %"
                    + " 3]::mood FROM generate_series(1, 3000) g",
            "CREATE TABLE moods (id int PRIMARY KEY, m mood)",
            "INSERT INTO moods SELECT g, (ARRAY['sad', 'ok', 'happy'])[1 + g % 3]::mood FROM generate_series(1, 100) g"
        };
        scratch.execute(both);
        String other = scratch.createAnother();
        // Another enum first: mood's labels get other OIDs there, so hashing the enum natively would differ.
        on(other, "CREATE TYPE filler AS ENUM ('x', 'y', 'z')");
        on(other, both);
        on(
                other,
                "UPDATE docs SET body = '{\"n\": -1}' WHERE id = 17",
                "UPDATE docs SET at = point(0, 0) WHERE id = 2900");
        on(
                other,
                "CREATE TABLE items (id bigint PRIMARY KEY, k bigint NOT NULL, payload text, price numeric(10,2),"
                        + " at timestamptz)");
        on(
                other,
                "INSERT INTO items SELECT g, g % 97, md5(g::text), g / 7.0, timestamptz '2024-01-01 00:00:00+00'"
                        + " + g * interval '1 minute' FROM generate_series(1, " + ROWS + ") g");
        on(other, "UPDATE items SET price = price + 0.01 WHERE id = 31");
        try {
            Validations.Validation v = validate(other, List.of("docs", "items", "moods"));
            assertThat(table(v, "public.moods").passed())
                    .as("an enum agrees across databases")
                    .isTrue();
            assertThat(table(v, "public.docs").differences())
                    .containsExactly(
                            new RowDifference(RowDifference.Kind.CHANGED, List.of("17")),
                            new RowDifference(RowDifference.Kind.CHANGED, List.of("2900")));
            // k is integer on the source and bigint here: hashed as text on both sides, so equal values agree.
            assertThat(table(v, "public.items").differences())
                    .containsExactly(new RowDifference(RowDifference.Kind.CHANGED, List.of("31")));
        } finally {
            scratch.execute("DROP TABLE docs", "DROP TABLE moods", "DROP TYPE mood");
        }
    }

    @Test
    void integrityChecksFindOrphansNotValidConstraintsAndSequencesBehind() throws SQLException {
        String broken = freshCopy();
        on(
                broken,
                "ALTER TABLE child DROP CONSTRAINT child_item_id_fkey",
                "INSERT INTO child (id, item_id) VALUES (500, 999999)",
                "ALTER TABLE child ADD CONSTRAINT child_item_id_fkey FOREIGN KEY (item_id) REFERENCES items (id)"
                        + " NOT VALID",
                "SELECT setval('child_id_seq', 50)");
        {
            Validations.Validation v = validate(broken, List.of("child", "items"));
            Map<String, Check> checks = new java.util.HashMap<>();
            v.report().checks().forEach(c -> checks.put(c.name(), c));
            assertThat(checks.get("not-valid-constraints").passed()).isFalse();
            assertThat(checks.get("foreign-key-orphans").problems())
                    .singleElement()
                    .asString()
                    .contains("child_item_id_fkey has 1 row(s)");
            assertThat(checks.get("sequences").problems())
                    .singleElement()
                    .asString()
                    .contains("public.child_id_seq would give 51 next");
            assertThat(checks.get("schema").passed()).isFalse(); // the constraint's definition differs
            assertThat(checks.get("invalid-indexes").passed()).isTrue();
        }
    }

    @Test
    void aPostgres15ServiceAndAPostgres16LabInstanceWithTheSameDataAgree() throws SQLException {
        LabInstance lab = workspace.labInstances().start("v16", ProgressListener.NONE);
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl(null));
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE v");
        }
        try (Connection c = DriverManager.getConnection(lab.jdbcUrl("v"));
                Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'America/New_York'"); // the text form must not depend on a session's zone
            for (String sql : SCHEMA.split(";\n")) {
                st.execute(sql);
            }
        }
        Validations.Validation v = workspace
                .validations()
                .validate(
                        new ValidationRequest("pg15", "v16", scratch.name(), "v", List.of(), List.of(), null),
                        ProgressListener.NONE,
                        Cancellation.none());

        assertThat(v.report().sourceVersion()).startsWith("15.");
        assertThat(v.report().targetVersion()).startsWith("16.");
        assertThat(v.report().tables())
                .allSatisfy(t -> assertThat(t.passed()).as(t.table()).isTrue());
        assertThat(v.report().parityPassed()).isTrue();
    }

    @Test
    void badRequestsAreRefusedWithOneLine() {
        assertThatThrownBy(() -> new ValidationRequest("a", "a", "d", null, List.of(), List.of(), null))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("same database");
        assertThatThrownBy(() -> new ValidationRequest(" ", "b", null, null, List.of(), List.of(), null))
                .hasMessage("Choose the source target to validate against.");
        assertThatThrownBy(() -> new ValidationRequest("a", "b", null, null, List.of(), List.of(), "1=1; DROP x"))
                .hasMessage("The filter is one condition, without ';'.");
        assertThatThrownBy(() -> validate(List.of("no_such_table")))
                .hasMessageContaining("There is no table 'no_such_table'");
        ValidationRequest fromStep = ValidationRequest.fromParameters(Parameters.of(
                "step validate", Map.of("source", "a", "target", "b", "database", "d", "tables", "x, y")));
        assertThat(fromStep.tables()).containsExactly("x", "y");
        assertThat(fromStep.targetDatabase()).isEqualTo("d");
        assertThatThrownBy(() -> ValidationRequest.fromParameters(
                        Parameters.of("step validate", Map.of("source", "a", "target", "b", "rows", "1"))))
                .hasMessageContaining("has no parameter 'rows'");
    }
}
