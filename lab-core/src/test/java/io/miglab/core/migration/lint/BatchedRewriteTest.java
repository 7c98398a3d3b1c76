package io.miglab.core.migration.lint;

import static io.miglab.core.migration.lint.MapTableStats.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mechanical fix of {@code unbatched-update}: the statement rewritten in batches by primary-key ranges. */
class BatchedRewriteTest {
    private static final long M = 1_000_000;

    @TempDir
    Path dir;

    /** {@code items} keyed by a bigint id; {@code docs} by a uuid; {@code pairs} by two columns (no key known). */
    private final MapTableStats stats = new MapTableStats()
            .keyed("items", 16 * M, 8L << 30, "id", "bigint", primaryKey("items_pkey", "id"))
            .keyed("public.items", 16 * M, 8L << 30, "id", "bigint", primaryKey("items_pkey", "id"))
            .keyed("docs", 16 * M, 8L << 30, "id", "uuid", primaryKey("docs_pkey", "id"))
            .table("pairs", 16 * M, 8L << 30)
            .keyed("\"we\"\"ird tab\"", 16 * M, 8L << 30, "Key \"1\"", "integer");

    private Finding unbatched(String sql, TableStats tableStats) throws IOException {
        Path file = dir.resolve("migration.sql");
        Files.writeString(file, sql);
        List<Finding> found =
                ScriptLint.lint(file, "migration.sql", tableStats, LintConfig.defaults()).findings().stream()
                        .filter(f -> f.rule() == LintRule.UNBATCHED_UPDATE)
                        .toList();
        assertThat(found).as("one unbatched-update in %s", sql).hasSize(1);
        return found.get(0);
    }

    private Finding unbatched(String sql) throws IOException {
        return unbatched(sql, stats);
    }

    @Test
    void aPlainUpdateBecomesADoBlockOfKeyRangesInPlaceOfTheStatement() throws IOException {
        String sql = "SET lock_timeout = '5s';\nUPDATE items SET status = 'done' WHERE status = 'new' OR flag;\n"
                + "SELECT 1;\n";
        Finding f = unbatched(sql);
        assertThat(f.hasMechanicalFix()).isTrue();
        assertThat(f.fixBefore()).isNull();
        assertThat(f.rewrite().summary()).isEqualTo("batched by id, about 10,000 rows per transaction");
        assertThat(f.help())
                .contains("MigLab can rewrite it as a DO block that updates by ranges of id")
                .contains("--try-fixes");
        String fixed = f.fixed(sql);
        assertThat(fixed)
                .startsWith("SET lock_timeout = '5s';\nDO $miglab_batch$\n#variable_conflict use_column\n")
                .endsWith("END\n$miglab_batch$;\nSELECT 1;\n")
                // The original WHERE in parentheses, so its OR cannot swallow the range.
                .contains("UPDATE items SET status = 'done' WHERE (status = 'new' OR flag)\n"
                        + "       AND \"id\" BETWEEN miglab_lo AND miglab_hi;\n        COMMIT;")
                .contains("SELECT min(\"id\"), max(\"id\") INTO miglab_first, miglab_last FROM items;")
                .contains("WHERE oid = 'items'::regclass")
                .contains("SELECT count(*) INTO miglab_rows FROM items;")
                .contains("greatest(10000,")
                .contains("/ 1000000));");
        assertThat(sql.substring(f.rewrite().start(), f.rewrite().end()))
                .isEqualTo("UPDATE items SET status = 'done' WHERE status = 'new' OR flag");
    }

    @Test
    void anAliasQualifiesTheKeyAndNoWhereGetsOnlyTheRange() throws IOException {
        assertThat(unbatched("UPDATE public.items AS i SET n = i.n + 1 WHERE i.n < 5;")
                        .fixed("x".repeat(0) + "UPDATE public.items AS i SET n = i.n + 1 WHERE i.n < 5;"))
                .contains("UPDATE public.items AS i SET n = i.n + 1 WHERE (i.n < 5)\n"
                        + "       AND i.\"id\" BETWEEN miglab_lo AND miglab_hi;")
                .contains("FROM public.items;")
                .contains("'public.items'::regclass");
        String bare = "UPDATE items it SET n = 0;";
        assertThat(unbatched(bare).fixed(bare))
                .contains("UPDATE items it SET n = 0\n     WHERE it.\"id\" BETWEEN miglab_lo AND miglab_hi;");
    }

    @Test
    void aDeleteIsRewrittenToo() throws IOException {
        String sql = "DELETE FROM items WHERE status = 'gone'";
        Finding f = unbatched(sql);
        assertThat(f.help()).contains("a DO block that deletes by ranges of id");
        // No semicolon of its own at the end of the file: the DO block needs none either.
        assertThat(f.fixed(sql))
                .contains("DELETE FROM items WHERE (status = 'gone')\n       AND \"id\" BETWEEN miglab_lo AND"
                        + " miglab_hi;")
                .endsWith("$miglab_batch$");
        String all = "DELETE FROM items x;\n";
        assertThat(unbatched(all).fixed(all)).contains("DELETE FROM items x\n     WHERE x.\"id\" BETWEEN");
    }

    @Test
    void hostileNamesAreQuotedAndTheDollarTagAvoidsTheStatementsOwn() throws IOException {
        String sql = "UPDATE \"we\"\"ird tab\" SET note = $miglab_batch$it's$miglab_batch$;\n";
        Finding f = unbatched(sql);
        String fixed = f.fixed(sql);
        assertThat(fixed)
                .startsWith("DO $miglab_batch_2$\n")
                .endsWith("$miglab_batch_2$;\n")
                .contains("SELECT min(\"Key \"\"1\"\"\"), max(\"Key \"\"1\"\"\") INTO miglab_first, miglab_last"
                        + " FROM \"we\"\"ird tab\";")
                .contains("WHERE oid = '\"we\"\"ird tab\"'::regclass;")
                .contains("WHERE \"Key \"\"1\"\"\" BETWEEN miglab_lo AND miglab_hi;");
        assertThat(f.rewrite().summary()).startsWith("batched by \"Key \"\"1\"\"\", ");
    }

    @Test
    void windowsLineEndsAreCountedAsTheLintCountsThem() throws IOException {
        String sql = "SELECT 1;\r\nUPDATE items SET n = 0;\r\nSELECT 2;\r\n";
        assertThat(unbatched(sql).fixed(sql))
                .startsWith("SELECT 1;\nDO $miglab_batch$")
                .endsWith("$miglab_batch$;\nSELECT 2;\n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "DO $$ BEGIN UPDATE items SET n = 0; END $$;"
                        + "| it runs inside a function or DO body, which cannot commit per batch",
                "UPDATE items SET n = o.n FROM other o WHERE o.k = items.k;| not one with FROM or RETURNING",
                "UPDATE items SET n = 0 RETURNING id;| not one with FROM or RETURNING",
                "DELETE FROM items USING other o WHERE o.k = items.k;| not one with USING or RETURNING",
                "DELETE FROM items RETURNING *;| not one with USING or RETURNING",
                "WITH x AS (SELECT 1) UPDATE items SET n = 0;| not one with WITH",
                "BEGIN;\\nUPDATE items SET n = 0;\\nCOMMIT;| inside the script's BEGIN ... COMMIT",
                "START TRANSACTION;\\nSAVEPOINT a;\\nROLLBACK TO a;\\nUPDATE items SET n = 0;| inside the script's BEGIN",
                "UPDATE items SET n = (SELECT max(n) FROM items);| reads items again in a subquery",
                "UPDATE docs SET n = 0;| docs has no one-column smallint, integer or bigint primary key",
                "UPDATE pairs SET n = 0;| pairs has no one-column smallint, integer or bigint primary key",
                "UPDATE nosuch SET n = 0;| the target has no table nosuch"
            })
    void noRewriteWhereBatchesWouldNotBeTheSameStatementAndTheHelpSaysWhy(String sql, String why) throws IOException {
        String script = sql.replace("\\n", "\n");
        Finding f = unbatched(script);
        assertThat(f.rewrite()).isNull();
        assertThat(f.hasMechanicalFix()).isFalse();
        assertThat(f.help()).contains("MigLab offers no batched rewrite: ").contains(why);
        assertThatThrownBy(() -> f.fixed(script)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noTargetNoRewrite() throws IOException {
        Finding f = unbatched("UPDATE items SET n = 0;", TableStats.none());
        assertThat(f.rewrite()).isNull();
        assertThat(f.help()).contains("no target given, so its primary key is not known");
    }

    @Test
    void afterTheBlockEndsTheNextStatementIsRewrittenAgain() throws IOException {
        String sql = "BEGIN;\nSELECT 1;\nCOMMIT;\nUPDATE items SET n = 0;\n";
        assertThat(unbatched(sql).rewrite()).isNotNull();
        String chained = "BEGIN;\nCOMMIT AND CHAIN;\nUPDATE items SET n = 0;\n";
        assertThat(unbatched(chained).rewrite()).isNull();
        String aborted = "BEGIN;\nROLLBACK;\nUPDATE items SET n = 0;\n";
        assertThat(unbatched(aborted).rewrite()).isNotNull();
    }

    @Test
    void theBeforeAndAfterFixesStillWrapTheScript() {
        Finding index = new Finding(
                LintRule.UNINDEXED_BATCH_PREDICATE,
                Severity.ERROR,
                "m",
                "h",
                "f.sql",
                1,
                1,
                "items",
                null,
                null,
                "CREATE INDEX i ON items (id)",
                "DROP INDEX i");
        assertThat(index.hasMechanicalFix()).isTrue();
        assertThat(index.rewrite()).isNull();
        assertThat(index.fixed("UPDATE items SET n = 0"))
                .isEqualTo("CREATE INDEX i ON items (id);\nUPDATE items SET n = 0\n;\nDROP INDEX i;\n");
    }
}
