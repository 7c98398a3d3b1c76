package io.miglab.core.migration.lint;

import static io.miglab.core.migration.lint.MapTableStats.btree;
import static io.miglab.core.migration.lint.MapTableStats.partial;
import static io.miglab.core.migration.lint.MapTableStats.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptLintTest {
    private static final long M = 1_000_000;

    @TempDir
    Path dir;

    /** {@code items}: 16M rows, 8 GB, a primary key on id and an index on status. */
    private final MapTableStats big = new MapTableStats()
            .table("items", 16 * M, 8L << 30, primaryKey("items_pkey", "id"), btree("items_status", "status"))
            .table("small", 100, 8192, primaryKey("small_pkey", "id"));

    private Path script(String sql) throws IOException {
        Path file = dir.resolve("migration.sql");
        Files.writeString(file, sql);
        return file;
    }

    private List<Finding> lint(String sql, TableStats stats) throws IOException {
        return ScriptLint.lint(script(sql), "migration.sql", stats, LintConfig.defaults())
                .findings();
    }

    private List<Finding> lint(String sql) throws IOException {
        return lint(sql, big);
    }

    private static List<Finding> of(List<Finding> findings, LintRule rule) {
        return findings.stream().filter(f -> f.rule() == rule).toList();
    }

    // ---- unbatched-update ----

    @Test
    void updateOfAWholeLargeTableIsAnErrorWithItsSize() throws IOException {
        Finding f = of(lint("UPDATE items SET status = 'done';"), LintRule.UNBATCHED_UPDATE)
                .get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.rows()).isEqualTo(16 * M);
        assertThat(f.bytes()).isEqualTo(8L << 30);
        assertThat(f.message()).contains("16,000,000 rows").contains("8.0 GB");
        assertThat(f.line()).isEqualTo(1);
        assertThat(f.column()).isEqualTo(1);
    }

    @Test
    void deleteWithAWhereThatBoundsNothingIsUnbatched() throws IOException {
        assertThat(of(lint("DELETE FROM items WHERE status = 'gone';"), LintRule.UNBATCHED_UPDATE))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("its WHERE matches"));
    }

    @Test
    void sizeDecidesTheSeverity() throws IOException {
        assertThat(of(lint("UPDATE small SET status = 'done';"), LintRule.UNBATCHED_UPDATE))
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.INFO);
        Finding unknown = of(lint("UPDATE items SET status = 'done';", TableStats.none()), LintRule.UNBATCHED_UPDATE)
                .get(0);
        assertThat(unknown.severity()).isEqualTo(Severity.WARNING);
        assertThat(unknown.rows()).isNull();
        assertThat(unknown.bytes()).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "UPDATE items SET status = 'x' WHERE id IN (SELECT id FROM items WHERE status = 'new' LIMIT 1000)",
                "UPDATE items SET status = 'x' WHERE id >= 1000 AND id < 2000",
                "UPDATE items SET status = 'x' WHERE id BETWEEN 1000 AND 1999",
                "UPDATE items SET status = 'x' WHERE id = 42",
                "UPDATE items SET status = 'x' WHERE id = ANY('{1,2,3}')",
                "DELETE FROM items WHERE ctid IN (SELECT ctid FROM items WHERE status = 'gone' LIMIT 5000)",
                "WITH b AS (SELECT id FROM items WHERE status = 'new' LIMIT 100) UPDATE items SET status = 'x' FROM b"
                        + " WHERE items.id = b.id"
            })
    void batchedOrKeyedStatementsAreNotUnbatched(String sql) throws IOException {
        assertThat(of(lint(sql + ";"), LintRule.UNBATCHED_UPDATE)).isEmpty();
    }

    @Test
    void aTableTheScriptCreatesIsNewAndEmpty() throws IOException {
        assertThat(lint("CREATE TABLE items_copy (id int);\nUPDATE items_copy SET id = id + 1;\n"))
                .noneMatch(f -> f.rule() == LintRule.UNBATCHED_UPDATE);
    }

    // ---- unindexed-batch-predicate ----

    @Test
    void aBatchByAnIndexedColumnOrAMatchingPartialIndexIsServed() throws IOException {
        String sql = "UPDATE items SET flag = true WHERE id IN (SELECT id FROM items WHERE %s LIMIT 1000);";
        assertThat(of(lint(sql.formatted("status = 'new'")), LintRule.UNINDEXED_BATCH_PREDICATE))
                .isEmpty();
        MapTableStats partialIndexed =
                new MapTableStats().table("items", 16 * M, 8L << 30, partial("items_todo", "id", "(NOT migrated)"));
        assertThat(of(lint(sql.formatted("NOT migrated"), partialIndexed), LintRule.UNINDEXED_BATCH_PREDICATE))
                .isEmpty();
        assertThat(of(lint(sql.formatted("migrated = false"), big), LintRule.UNINDEXED_BATCH_PREDICATE))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.help())
                            .contains("CREATE INDEX CONCURRENTLY items_migration_batch_idx ON items (id) WHERE"
                                    + " migrated = false");
                    // The same fix, as SQL that script time --try-fixes runs before and after the script.
                    assertThat(f.hasMechanicalFix()).isTrue();
                    assertThat(f.fixBefore())
                            .isEqualTo("CREATE INDEX CONCURRENTLY items_migration_batch_idx ON items (id) WHERE"
                                    + " migrated = false");
                    assertThat(f.fixAfter()).isEqualTo("DROP INDEX CONCURRENTLY items_migration_batch_idx");
                });
    }

    @Test
    void aPartialIndexForAnotherPredicateDoesNotServe() throws IOException {
        MapTableStats stats = new MapTableStats()
                .table("items", 16 * M, 8L << 30, partial("items_other", "id", "status = 'x'::text"));
        assertThat(lint(
                        "DELETE FROM items WHERE id IN (SELECT id FROM items WHERE doc->>'gone' IS NULL LIMIT 10);",
                        stats))
                .filteredOn(f -> f.rule() == LintRule.UNINDEXED_BATCH_PREDICATE)
                .singleElement()
                .satisfies(f -> assertThat(f.help()).contains("WHERE doc->>'gone' IS NULL"));
        MapTableStats expression =
                new MapTableStats().table("items", 16 * M, 8L << 30, btree("items_gone", "(doc ->> 'gone'::text)"));
        assertThat(lint(
                        "DELETE FROM items WHERE id IN (SELECT id FROM items WHERE doc->>'gone' IS NULL LIMIT 10);",
                        expression))
                .noneMatch(f -> f.rule() == LintRule.UNINDEXED_BATCH_PREDICATE);
    }

    @Test
    void anIndexTheScriptBuildsFirstServesItsBatches() throws IOException {
        String sql = "CREATE INDEX CONCURRENTLY todo ON items (id) WHERE NOT migrated;\n"
                + "UPDATE items SET migrated = true WHERE id IN (SELECT id FROM items WHERE NOT migrated LIMIT 1000);\n";
        assertThat(lint(sql, TableStats.none())).noneMatch(f -> f.rule() == LintRule.UNINDEXED_BATCH_PREDICATE);
    }

    @Test
    void withoutATargetTheBatchPredicateIsAWarningThatSaysSo() throws IOException {
        assertThat(lint(
                        "UPDATE items SET a = 1 WHERE id IN (SELECT id FROM items WHERE a IS NULL LIMIT 1000);",
                        TableStats.none()))
                .filteredOn(f -> f.rule() == LintRule.UNINDEXED_BATCH_PREDICATE)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("no target given");
                });
    }

    @Test
    void aLoopSelectingItsBatchIntoAVariableIsChecked() throws IOException {
        String sql =
                """
                DO $$
                DECLARE ids uuid[];
                BEGIN
                  LOOP
                    SELECT array_agg(id) INTO ids FROM (SELECT id FROM items WHERE migrated = false LIMIT 500) s;
                    EXIT WHEN ids IS NULL;
                    UPDATE items SET migrated = true WHERE id = ANY(ids);
                  END LOOP;
                END $$;
                """;
        List<Finding> findings = lint(sql);
        assertThat(of(findings, LintRule.UNINDEXED_BATCH_PREDICATE))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.line()).isEqualTo(5);
                    assertThat(f.column()).isEqualTo(68);
                });
        assertThat(of(findings, LintRule.UNBATCHED_UPDATE)).isEmpty();
        assertThat(of(findings, LintRule.ROW_BY_ROW)).isEmpty();
    }

    // ---- index-on-updated-column ----

    @Test
    void anIndexOnTheUpdatedColumnLosesHotUpdates() throws IOException {
        assertThat(of(lint("UPDATE items SET status = 'x' WHERE id = 7;"), LintRule.INDEX_ON_UPDATED_COLUMN))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("items_status").contains("HOT");
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                });
        assertThat(of(lint("UPDATE items SET note = 'x' WHERE id = 7;"), LintRule.INDEX_ON_UPDATED_COLUMN))
                .isEmpty();
    }

    // ---- row-by-row ----

    @Test
    void aLoopUpdatingOneRowPerStatementIsRowByRow() throws IOException {
        String sql =
                """
                DO $$
                DECLARE r record;
                BEGIN
                  FOR r IN SELECT id FROM items WHERE note IS NULL LOOP
                    UPDATE items SET note = 'n/a' WHERE id = r.id;
                  END LOOP;
                END $$;
                """;
        assertThat(of(lint(sql), LintRule.ROW_BY_ROW)).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(5);
            assertThat(f.column()).isEqualTo(5);
            assertThat(f.rows()).isEqualTo(16 * M);
        });
        assertThat(of(lint(sql), LintRule.UNBATCHED_UPDATE)).isEmpty();
        assertThat(of(
                        lint(sql.replace("WHERE id = r.id", "WHERE id IN (SELECT id FROM items LIMIT 10)")),
                        LintRule.ROW_BY_ROW))
                .isEmpty();
    }

    @Test
    void aDeleteByTheLoopVariableIsRowByRowEvenWhenTheScriptIndexedTheTable() throws IOException {
        String sql =
                """
                CREATE INDEX CONCURRENTLY orders_region ON orders (region);
                DO $$
                DECLARE r record;
                BEGIN
                  FOR r IN EXECUTE 'SELECT customer_id FROM orders' LOOP
                    DELETE FROM orders WHERE customer_id = r.customer_id;
                  END LOOP;
                END $$;
                """;
        List<Finding> findings = lint(sql, TableStats.none());
        assertThat(of(findings, LintRule.ROW_BY_ROW)).extracting(Finding::line).containsExactly(6);
        assertThat(of(findings, LintRule.UNBATCHED_UPDATE)).isEmpty();
    }

    @Test
    void aFunctionBodyIsCheckedToo() throws IOException {
        String sql =
                """
                CREATE OR REPLACE FUNCTION fill_notes() RETURNS void LANGUAGE plpgsql AS $body$
                DECLARE
                  r record;
                BEGIN
                  FOR r IN SELECT id FROM items LOOP
                    IF r.id > 0 THEN
                      UPDATE items SET note = 'x' WHERE id = r.id;
                    END IF;
                  END LOOP;
                END
                $body$;
                """;
        assertThat(of(lint(sql), LintRule.ROW_BY_ROW))
                .singleElement()
                .extracting(Finding::line)
                .isEqualTo(7);
        assertThat(lint(sql.replace("plpgsql", "plpython3u"))).isEmpty();
    }

    @Test
    void aSqlStandardBodyIsCheckedToo() throws IOException {
        String sql =
                """
                CREATE PROCEDURE archive_all()
                LANGUAGE sql
                BEGIN ATOMIC
                  UPDATE items SET status = 'archived';
                  DELETE FROM items WHERE id = 1;
                  SELECT dblink_exec('other', 'SELECT 1');
                END;
                """;
        assertThat(lint(sql))
                .extracting(f -> f.rule().id() + "@" + f.line() + ":" + f.column())
                .containsExactly("unbatched-update@4:3", "index-on-updated-column@4:3", "remote-call@6:10");
    }

    // ---- remote-call ----

    @Test
    void dblinkAndHttpCallsAreRemote() throws IOException {
        String sql =
                """
                SELECT dblink_exec('otherdb', 'UPDATE t SET a = 1');
                DO $$
                BEGIN
                  LOOP
                    PERFORM net.http_post('https://example.org/hook', '{}'::jsonb);
                    EXIT;
                  END LOOP;
                END $$;
                SELECT http_status FROM items WHERE id = 1;
                """;
        List<Finding> remote = of(lint(sql), LintRule.REMOTE_CALL);
        assertThat(remote).extracting(Finding::line).containsExactly(1, 5);
        assertThat(remote.get(1).message()).contains("net.http_post").contains("once per loop iteration");
    }

    @Test
    void aForeignTableTheScriptCreatesIsRemote() throws IOException {
        String sql = "CREATE FOREIGN TABLE far (id int) SERVER s;\nINSERT INTO items SELECT id FROM far;\n";
        assertThat(of(lint(sql), LintRule.REMOTE_CALL))
                .singleElement()
                .extracting(Finding::line)
                .isEqualTo(2);
    }

    // ---- DDL ----

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ALTER TABLE items ALTER COLUMN status TYPE varchar(20)|alter-column-type",
                "ALTER TABLE items ALTER status SET DATA TYPE text|alter-column-type",
                "ALTER TABLE items ALTER COLUMN status SET NOT NULL|set-not-null",
                "ALTER TABLE items ADD COLUMN token uuid DEFAULT gen_random_uuid()|add-column-volatile-default",
                "ALTER TABLE items ADD COLUMN seen timestamptz NOT NULL DEFAULT clock_timestamp()"
                        + "|add-column-volatile-default",
                "ALTER TABLE items ADD CONSTRAINT items_owner FOREIGN KEY (owner) REFERENCES owners (id)"
                        + "|constraint-not-valid",
                "ALTER TABLE items ADD CHECK (qty >= 0)|constraint-not-valid",
                "CREATE INDEX items_owner ON items (owner)|create-index-concurrently",
                "CREATE UNIQUE INDEX ON items (code)|create-index-concurrently",
                "ALTER TABLE items ADD CONSTRAINT items_code UNIQUE (code)|create-index-concurrently"
            })
    void lockingDdlOnALargeTableIsAnError(String sql, String rule) throws IOException {
        List<Finding> findings = lint("SET lock_timeout = '5s';\nSET statement_timeout = '10min';\n" + sql + ";\n");
        assertThat(findings).extracting(f -> f.rule().id()).containsExactly(rule);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(findings.get(0).line()).isEqualTo(3);
        assertThat(findings.get(0).rows()).isEqualTo(16 * M);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ALTER TABLE items ALTER COLUMN status DROP NOT NULL",
                "ALTER TABLE items ADD COLUMN qty int DEFAULT 0",
                "ALTER TABLE items ADD COLUMN tags text[] DEFAULT '{}'::text[]",
                "ALTER TABLE items ADD CONSTRAINT items_owner FOREIGN KEY (owner) REFERENCES owners (id) NOT VALID",
                "ALTER TABLE items ADD CHECK (qty >= 0) NOT VALID",
                "ALTER TABLE items VALIDATE CONSTRAINT items_owner",
                "CREATE INDEX CONCURRENTLY items_owner ON items (owner)",
                "ALTER TABLE items ADD CONSTRAINT items_code UNIQUE USING INDEX items_code_idx"
            })
    void theSafeFormsAreNotReported(String sql) throws IOException {
        assertThat(lint("SET lock_timeout = '5s';\nSET statement_timeout = '10min';\n" + sql + ";\n"))
                .isEmpty();
    }

    @Test
    void aStableDefaultIsOnlyANote() throws IOException {
        assertThat(lint("SET lock_timeout = '5s'; SET statement_timeout = '1min';\n"
                        + "ALTER TABLE items ADD COLUMN created timestamptz DEFAULT now();"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.rule()).isEqualTo(LintRule.ADD_COLUMN_VOLATILE_DEFAULT);
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.message()).contains("no rewrite");
                });
    }

    @Test
    void ddlOnATableTheScriptCreatedIsFine() throws IOException {
        assertThat(lint("CREATE TABLE fresh (id int, a int);\nCREATE INDEX fresh_a ON fresh (a);\n"
                        + "ALTER TABLE fresh ALTER COLUMN a SET NOT NULL;\n"))
                .isEmpty();
    }

    @Test
    void ddlWithoutTimeoutsIsReportedOnceAtTheFirstDdl() throws IOException {
        List<Finding> findings = lint("UPDATE items SET a = 1 WHERE id = 1;\n"
                + "CREATE INDEX CONCURRENTLY i1 ON items (a);\nCREATE INDEX CONCURRENTLY i2 ON items (b);\n");
        assertThat(of(findings, LintRule.MISSING_LOCK_TIMEOUT)).singleElement().satisfies(f -> assertThat(f.line())
                .isEqualTo(2));
        assertThat(of(findings, LintRule.MISSING_STATEMENT_TIMEOUT))
                .singleElement()
                .extracting(Finding::line)
                .isEqualTo(2);
        List<Finding> zero = lint("SET lock_timeout = 0;\nSET statement_timeout TO '5min';\n"
                + "CREATE INDEX CONCURRENTLY i1 ON items (a);\n");
        assertThat(zero).extracting(f -> f.rule().id()).containsExactly("missing-lock-timeout");
        assertThat(lint("SELECT set_config('lock_timeout', '3s', false);\nSET LOCAL statement_timeout = '1h';\n"
                        + "CREATE INDEX CONCURRENTLY i1 ON items (a);\n"))
                .isEmpty();
    }

    @Test
    void droppingRoutinesOrTheScriptsOwnTablesNeedsNoLockTimeout() throws IOException {
        assertThat(lint("CREATE TABLE scratch (id int);\nDROP PROCEDURE migrate(int);\nDROP FUNCTION f(jsonb);\n"
                        + "DROP TABLE scratch;\n"))
                .isEmpty();
        assertThat(lint("DROP INDEX CONCURRENTLY items_status;\n"))
                .extracting(f -> f.rule().id())
                .containsExactly("missing-lock-timeout", "missing-statement-timeout");
        assertThat(lint("TRUNCATE items;\n")).extracting(f -> f.rule().id()).contains("missing-lock-timeout");
    }

    // ---- suppression and configuration ----

    @Test
    void aCommentTurnsARuleOffForTheNextStatementOnly() throws IOException {
        String sql = "-- miglab-lint: disable unbatched-update\nUPDATE items SET a = 1;\nUPDATE items SET b = 2;\n";
        assertThat(of(lint(sql), LintRule.UNBATCHED_UPDATE))
                .extracting(Finding::line)
                .containsExactly(3);
    }

    @Test
    void aCommentInsideABodyTurnsARuleOffForTheStatementAfterIt() throws IOException {
        String sql =
                """
                DO $$
                DECLARE r record;
                BEGIN
                  FOR r IN SELECT id FROM items LOOP
                    -- miglab-lint: disable row-by-row, index-on-updated-column
                    UPDATE items SET status = 'x' WHERE id = r.id;
                    UPDATE items SET note = 'x' WHERE id = r.id;
                  END LOOP;
                END $$;
                """;
        assertThat(lint(sql)).extracting(f -> f.rule().id() + "@" + f.line()).containsExactly("row-by-row@7");
    }

    @Test
    void aFileCommentTurnsARuleOffEverywhere() throws IOException {
        String sql = "UPDATE items SET a = 1;\n/* miglab-lint: disable-file unbatched-update */\nDELETE FROM items;\n";
        assertThat(lint(sql)).isEmpty();
    }

    @Test
    void anUnknownRuleInACommentIsAnErrorNamingTheLine() throws IOException {
        assertThatThrownBy(() -> lint("SELECT 1;\n-- miglab-lint: disable no-such-rule\nSELECT 2;\n"))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("migration.sql:2: no lint rule is called \"no-such-rule\"");
    }

    @Test
    void theConfigurationFileBesideTheScriptTurnsRulesOffAndSetsLarge() throws IOException {
        Files.writeString(dir.resolve(".miglab-lint.yaml"), "disabled: [missing-lock-timeout]\nlarge-table-rows: 50\n");
        Path file = script("UPDATE small SET a = 1;\nALTER TABLE small ALTER a TYPE int;\n");
        LintReport report = new ScriptLint(null).lint(LintRequest.of(file));
        // Without a target, sizes are unknown: warnings; the disabled rule is gone.
        assertThat(report.findings())
                .extracting(f -> f.rule().id())
                .containsExactly("unbatched-update", "missing-statement-timeout", "alter-column-type");
        LintConfig config = LintConfig.near(file);
        assertThat(config.largeRows()).isEqualTo(50);
        List<Finding> sized = ScriptLint.lint(file, "m.sql", big, config).findings();
        assertThat(sized)
                .filteredOn(f -> f.rule() == LintRule.UNBATCHED_UPDATE)
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.ERROR); // 100 rows >= 50
    }

    @Test
    void anExplicitConfigurationWinsAndABadOneNamesTheFileAndKey() throws IOException {
        Path config = dir.resolve("lint.yaml");
        Files.writeString(config, "disabled:\n  - unbatched-update\n");
        Path file = script("UPDATE items SET a = 1;\n");
        assertThat(new ScriptLint(null)
                        .lint(new LintRequest(file, null, null, config))
                        .findings())
                .isEmpty();
        Files.writeString(config, "large-table-row: 5\n");
        assertThatThrownBy(() -> LintConfig.load(config))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining(config.toString())
                .hasMessageContaining("unknown key \"large-table-row\"");
        Files.writeString(config, "disabled: [nope]\n");
        assertThatThrownBy(() -> LintConfig.load(config)).hasMessageContaining("no lint rule is called \"nope\"");
        Files.writeString(config, "large-table-rows: -3\n");
        assertThatThrownBy(() -> LintConfig.load(config)).hasMessageContaining("at least 1");
    }

    // ---- positions and bad input ----

    @Test
    void positionsAreTheFilesOwnWithCrLfAndSeveralStatementsOnALine() throws IOException {
        String sql = "SET lock_timeout = '1s';\r\n\r\n  SELECT 1; UPDATE items SET a = 1; DELETE FROM items;\r\n";
        assertThat(of(lint(sql), LintRule.UNBATCHED_UPDATE))
                .extracting(f -> f.line() + ":" + f.column())
                .containsExactly("3:13", "3:37");
    }

    @Test
    void copyDataIsSkippedAsTheRunnerSkipsIt() throws IOException {
        String sql = "COPY items (id, note) FROM stdin;\n1\tit's $$ odd\n\\.\nUPDATE items SET a = 1;\n";
        assertThat(lint(sql)).extracting(f -> f.rule().id() + "@" + f.line()).containsExactly("unbatched-update@4");
    }

    @Test
    void anUnterminatedDollarQuoteNamesTheFileAndLine() throws IOException {
        assertThatThrownBy(() -> lint("SELECT 1;\n\nDO $$\nBEGIN\n  UPDATE items SET a = 1;\n"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("migration.sql:3: unterminated dollar-quoted string.");
        assertThatThrownBy(() -> lint("DO $$\nBEGIN\n  UPDATE items SET note = 'x;\nEND $$;\n"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("migration.sql:3: unterminated quoted string.");
    }

    @Test
    void aBinaryFileIsRefusedNamingFileAndLine() throws IOException {
        Path file = dir.resolve("image.sql");
        Files.write(
                file, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', ';', '\n', (byte) 0x89, 'P', 'N', 'G', 0, 1});
        assertThatThrownBy(() -> ScriptLint.lint(file, "image.sql", TableStats.none(), LintConfig.defaults()))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining(file + ":2: ")
                .hasMessageNotContaining("\n");
        Path nul = dir.resolve("nul.sql");
        Files.write(nul, new byte[] {'S', 'E', 'L', 0, 'C', 'T'});
        assertThatThrownBy(() -> ScriptLint.lint(nul, "nul.sql", TableStats.none(), LintConfig.defaults()))
                .hasMessageContaining(nul + ":1: a NUL byte");
    }

    @Test
    void theStoryFixtureWithoutATargetStillFlagsTheBatchPredicate() throws Exception {
        Path fixture = Path.of(getClass().getResource("publication-period.sql").toURI());
        LintReport report =
                ScriptLint.lint(fixture, "publication-period.sql", TableStats.none(), new LintConfig(Set.of(), 1, 1));
        assertThat(report.findings())
                .extracting(f -> f.rule().id() + "@" + f.line())
                .containsExactly("unindexed-batch-predicate@21");
    }
}
