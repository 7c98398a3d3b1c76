package io.miglab.core.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The story's migration against a real {@code instance} table on the machine's PostgreSQL. */
@NeedsMachinePostgres
class PostgresScriptLintTest {
    private static ScratchDatabase db;

    @BeforeAll
    static void createInstances() {
        db = ScratchDatabase.create("lint");
        db.execute(
                "CREATE TABLE instance (id uuid PRIMARY KEY, jsonb jsonb NOT NULL)",
                "INSERT INTO instance SELECT md5(i::text)::uuid, jsonb_build_object('title', 'Book ' || i,"
                        + " 'publication', jsonb_build_array(jsonb_build_object('dateOfPublication',"
                        + " CASE i % 3 WHEN 0 THEN (1800 + i % 200)::text WHEN 1 THEN 'c' || (1900 + i % 100)"
                        + " ELSE '[' || (1950 + i % 50) || '?]' END)))"
                        + " FROM generate_series(1, 5000) i",
                "ANALYZE instance");
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(PostgresScriptLintTest.class
                .getResource("publication-period.sql")
                .toURI());
    }

    private static LintReport lint(LintConfig config) throws Exception {
        try (Connection c = db.connect()) {
            return ScriptLint.lint(fixture(), "publication-period.sql", new PostgresTableStats(c), config);
        }
    }

    @Test
    void storyMigrationNamesTheMissingIndexWithTheTableSizeAndTheFindingGoesOnceTheIndexExists() throws Exception {
        LintReport before = lint(LintConfig.defaults());
        List<Finding> batch = before.findings().stream()
                .filter(f -> f.rule() == LintRule.UNINDEXED_BATCH_PREDICATE)
                .toList();
        assertThat(batch).hasSize(1);
        Finding f = batch.get(0);
        assertThat(f.line()).isEqualTo(21); // inside the DO body: the file's own line of the predicate
        assertThat(f.column()).isEqualTo(30);
        assertThat(f.rows()).isEqualTo(5000L);
        assertThat(f.bytes()).isGreaterThan(100_000L);
        assertThat(f.message()).contains("NOT jsonb ? 'publicationPeriod'").contains("5,000 rows");
        String create =
                f.help().substring(f.help().indexOf("CREATE INDEX"), f.help().indexOf("; after it"));
        assertThat(create)
                .isEqualTo("CREATE INDEX CONCURRENTLY instance_migration_batch_idx ON instance (id)"
                        + " WHERE NOT jsonb ? 'publicationPeriod'");
        assertThat(f.help()).contains("DROP INDEX CONCURRENTLY instance_migration_batch_idx");
        assertThat(f.severity()).isEqualTo(Severity.WARNING); // 5,000 rows is not large by default

        db.execute(create);
        try {
            LintReport after = lint(LintConfig.defaults());
            assertThat(after.findings()).noneMatch(x -> x.rule() == LintRule.UNINDEXED_BATCH_PREDICATE);
            // The temporary index is itself on the updated column: said, but only as a note.
            assertThat(after.findings())
                    .filteredOn(x -> x.rule() == LintRule.INDEX_ON_UPDATED_COLUMN)
                    .singleElement()
                    .satisfies(x -> {
                        assertThat(x.severity()).isEqualTo(Severity.INFO);
                        assertThat(x.message()).contains("instance_migration_batch_idx");
                    });
        } finally {
            db.execute("DROP INDEX instance_migration_batch_idx");
        }
    }

    @Test
    void anExpressionIndexOnTheTestedKeyAlsoServesTheBatch() throws Exception {
        db.execute("CREATE INDEX instance_has_period ON instance ((jsonb ? 'publicationPeriod'))");
        try {
            assertThat(lint(LintConfig.defaults()).findings())
                    .noneMatch(x -> x.rule() == LintRule.UNINDEXED_BATCH_PREDICATE);
        } finally {
            db.execute("DROP INDEX instance_has_period");
        }
    }

    @Test
    void aLargeTableMakesTheUnindexedBatchAnErrorAndAGinIndexOnTheUpdatedColumnIsReported() throws Exception {
        db.execute("CREATE INDEX instance_jsonb_gin ON instance USING gin (jsonb)");
        try {
            LintReport report = lint(new LintConfig(Set.of(), 1000, LintConfig.DEFAULT_LARGE_BYTES));
            assertThat(report.hasErrors()).isTrue();
            assertThat(report.findings())
                    .filteredOn(x -> x.rule() == LintRule.UNINDEXED_BATCH_PREDICATE)
                    .singleElement()
                    .extracting(Finding::severity)
                    .isEqualTo(Severity.ERROR);
            // A GIN index cannot find rows by NOT ?, so it does not serve the batch; it is rebuilt on every update.
            assertThat(report.findings())
                    .filteredOn(x -> x.rule() == LintRule.INDEX_ON_UPDATED_COLUMN)
                    .singleElement()
                    .satisfies(x -> {
                        assertThat(x.severity()).isEqualTo(Severity.ERROR);
                        assertThat(x.message()).contains("instance_jsonb_gin").contains("HOT");
                        assertThat(x.line()).isEqualTo(11);
                        // The mechanical fix, from the index's own definition: drop before, build again after.
                        assertThat(x.fixBefore()).isEqualTo("DROP INDEX CONCURRENTLY instance_jsonb_gin");
                        assertThat(x.fixAfter())
                                .isEqualTo("CREATE INDEX CONCURRENTLY instance_jsonb_gin ON public.instance USING gin"
                                        + " (jsonb)");
                    });
        } finally {
            db.execute("DROP INDEX instance_jsonb_gin");
        }
    }

    @Test
    void theConnectionIsReadOnlyAndAMalformedNameDoesNotSpoilTheLookupsAfterIt() throws Exception {
        try (Connection c = db.connect()) {
            PostgresTableStats stats = new PostgresTableStats(c);
            assertThat(c.isReadOnly()).isTrue();
            assertThat(stats.table("a.b.c.d.e")).isEmpty();
            assertThat(stats.table("no_such_table")).isEmpty();
            TableInfo instance = stats.table("public.instance").orElseThrow();
            assertThat(instance.rows()).isEqualTo(5000L);
            assertThat(instance.foreign()).isFalse();
            assertThat(instance.indexes()).singleElement().satisfies(i -> {
                assertThat(i.name()).isEqualTo("instance_pkey");
                assertThat(i.unique()).isTrue();
                assertThat(i.keys()).containsExactly("id");
                assertThat(i.predicate()).isNull();
            });
            try (var st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute("CREATE TABLE nope (a int)"))
                        .hasMessageContaining("read-only transaction");
            }
        }
    }

    @Test
    void theTargetSaysWhichDefaultFunctionsAreVolatile() throws Exception {
        db.execute(
                "CREATE FUNCTION next_code() RETURNS int VOLATILE LANGUAGE sql AS 'SELECT 1'",
                "CREATE FUNCTION fixed_code() RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT 2'");
        Path script = java.nio.file.Files.createTempFile("lint", ".sql");
        try {
            java.nio.file.Files.writeString(
                    script,
                    "SET lock_timeout = '2s';\nSET statement_timeout = '1min';\n"
                            + "ALTER TABLE instance ADD COLUMN a int DEFAULT fixed_code(),\n"
                            + "  ADD COLUMN b int DEFAULT next_code();\n");
            try (Connection c = db.connect()) {
                assertThat(ScriptLint.lint(script, "s.sql", new PostgresTableStats(c), LintConfig.defaults())
                                .findings())
                        .singleElement()
                        .satisfies(f -> {
                            assertThat(f.rule()).isEqualTo(LintRule.ADD_COLUMN_VOLATILE_DEFAULT);
                            assertThat(f.line()).isEqualTo(4);
                            assertThat(f.message()).contains("volatile default next_code()");
                            assertThat(f.severity()).isEqualTo(Severity.INFO); // 5,000 rows: small
                        });
            }
            // Without the target neither is known: both are warnings to check.
            assertThat(ScriptLint.lint(script, "s.sql", TableStats.none(), LintConfig.defaults())
                            .findings())
                    .filteredOn(f -> f.rule() == LintRule.ADD_COLUMN_VOLATILE_DEFAULT)
                    .hasSize(2);
        } finally {
            java.nio.file.Files.deleteIfExists(script);
        }
    }

    @Test
    void foreignTablesOnTheTargetAreRemoteCalls() throws Exception {
        db.execute(
                "CREATE EXTENSION IF NOT EXISTS postgres_fdw",
                "CREATE SERVER IF NOT EXISTS elsewhere FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'postgres')",
                "CREATE FOREIGN TABLE remote_holdings (id uuid, instance_id uuid) SERVER elsewhere");
        Path script = java.nio.file.Files.createTempFile("lint", ".sql");
        try {
            java.nio.file.Files.writeString(
                    script,
                    "UPDATE instance SET jsonb = jsonb || '{}' WHERE id = '00000000-0000-0000-0000-000000000001';\n"
                            + "INSERT INTO instance SELECT instance_id, '{}' FROM remote_holdings;\n");
            try (Connection c = db.connect()) {
                LintReport report = ScriptLint.lint(script, "s.sql", new PostgresTableStats(c), LintConfig.defaults());
                assertThat(report.findings())
                        .filteredOn(x -> x.rule() == LintRule.REMOTE_CALL)
                        .singleElement()
                        .satisfies(x -> {
                            assertThat(x.line()).isEqualTo(2);
                            assertThat(x.table()).isEqualTo("remote_holdings");
                        });
                // The primary key makes the first UPDATE one row: not unbatched.
                assertThat(report.findings()).noneMatch(x -> x.rule() == LintRule.UNBATCHED_UPDATE);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(script);
        }
    }
}
