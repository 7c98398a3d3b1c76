package io.miglab.core.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.script.ScriptOptions;
import io.miglab.core.script.ScriptRunner;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batched rewrite of an unbatched UPDATE or DELETE on the machine's PostgreSQL: it leaves what the statement
 * leaves, and it commits batch by batch (each row it changed carries the xmin of its batch's transaction).
 */
@NeedsMachinePostgres
class PostgresBatchedRewriteTest {
    /** Ids 3, 6, ..., 150,000: 50,000 rows over 149,998 keys, so a batch of 10,000 rows is 30,000 keys. */
    private static final String ITEMS = "CREATE TABLE items (id bigint PRIMARY KEY, n int NOT NULL, status text);"
            + " INSERT INTO items SELECT 3 * g, g % 97, CASE WHEN g % 4 = 0 THEN 'new' ELSE 'old' END"
            + " FROM generate_series(1, 50000) g; ANALYZE items";

    @TempDir
    Path dir;

    @Test
    void theRewriteLeavesTheSameRowsAsTheStatementInFiveCommittedBatches() throws Exception {
        // OR in the WHERE: without its parentheses the range would bound only one side of it.
        String sql = "SET statement_timeout = '5min';\n"
                + "UPDATE items SET n = n * 2 + 1, status = 'done' WHERE status = 'new' OR n % 5 = 0;\n";
        try (ScratchDatabase original = ScratchDatabase.create("batch");
                ScratchDatabase rewritten = ScratchDatabase.create("batch")) {
            original.execute(ITEMS);
            rewritten.execute(ITEMS);
            Finding f = unbatched(rewritten, sql);
            assertThat(f.rewrite()).as(f.help()).isNotNull();

            run(original, sql);
            run(rewritten, f.fixed(sql));

            String checksum = "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM items t";
            assertThat(text(rewritten, checksum)).isEqualTo(text(original, checksum));
            assertThat(text(rewritten, "SELECT count(*) FROM items WHERE status = 'done'"))
                    .as("rows changed")
                    .isEqualTo(text(original, "SELECT count(*) FROM items WHERE status = 'done'"))
                    .isNotEqualTo("0");
            assertThat(text(rewritten, "SELECT count(*) FROM items WHERE status <> 'done'"))
                    .as("rows the WHERE excludes stay")
                    .isNotEqualTo("0");
            String transactions = "SELECT count(DISTINCT xmin::text) FROM items WHERE status = 'done'";
            assertThat(text(original, transactions)).isEqualTo("1");
            // ceil(149,998 keys / 30,000 keys per batch) = 5 transactions, each committed before the next began.
            assertThat(text(rewritten, transactions)).isEqualTo("5");
        }
    }

    @Test
    void aDeleteFromAHostilelyNamedTableWithItsOwnDollarTagRunsAndDeletesTheSame() throws Exception {
        String table = "CREATE TABLE \"we\"\"ird tab\" (\"Key \"\"1\"\"\" int PRIMARY KEY, note text);"
                + " INSERT INTO \"we\"\"ird tab\" SELECT g * 7, CASE WHEN g % 3 = 0 THEN 'x$miglab_batch$y' END"
                + " FROM generate_series(1, 30000) g";
        String sql =
                "DELETE FROM \"we\"\"ird tab\" AS w WHERE w.note = $miglab_batch$x$miglab_batch$ || '$miglab_batch$y'"
                        + " OR \"Key \"\"1\"\"\" % 11 = 0";
        try (ScratchDatabase original = ScratchDatabase.create("batch");
                ScratchDatabase rewritten = ScratchDatabase.create("batch")) {
            original.execute(table);
            rewritten.execute(table); // not analyzed: the batch size comes from count(*)
            Finding f = unbatched(rewritten, sql);
            assertThat(f.rewrite()).as(f.help()).isNotNull();
            assertThat(f.rewrite().replacement()).startsWith("DO $miglab_batch_2$");

            run(original, sql);
            run(rewritten, f.fixed(sql));

            String checksum =
                    "SELECT md5(string_agg(t::text, ',' ORDER BY \"Key \"\"1\"\"\")) FROM \"we\"\"ird tab\" t";
            assertThat(text(rewritten, checksum)).isEqualTo(text(original, checksum));
            assertThat(text(rewritten, "SELECT count(*) FROM \"we\"\"ird tab\""))
                    .isEqualTo(text(original, "SELECT count(*) FROM \"we\"\"ird tab\""))
                    .isNotEqualTo("30000");
        }
    }

    @Test
    void anEmptyTableIsDoneAtOnce() throws Exception {
        String sql = "UPDATE items SET n = 0;\n";
        try (ScratchDatabase db = ScratchDatabase.create("batch")) {
            db.execute("CREATE TABLE items (id smallint PRIMARY KEY, n int)");
            Finding f = unbatched(db, sql);
            run(db, f.fixed(sql));
            assertThat(text(db, "SELECT count(*) FROM items")).isEqualTo("0");
        }
    }

    private Finding unbatched(ScratchDatabase db, String sql) throws Exception {
        Path file = dir.resolve("migration.sql");
        Files.writeString(file, sql);
        try (Connection c = db.connect()) {
            return ScriptLint.lint(file, "migration.sql", new PostgresTableStats(c), LintConfig.defaults())
                    .findings()
                    .stream()
                    .filter(x -> x.rule() == LintRule.UNBATCHED_UPDATE)
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** As script time runs a variant: MigLab's runner, one statement at a time in auto-commit. */
    private static void run(ScratchDatabase db, String sql) {
        new ScriptRunner(db.factory())
                .run(
                        "migration.sql",
                        new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)),
                        null,
                        ScriptOptions.defaults().withStopOnError(true),
                        ProgressListener.NONE,
                        Cancellation.none());
    }

    private static String text(ScratchDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
