package io.miglab.core.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.testing.ScratchDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("postgres")
@io.miglab.core.testing.NeedsMachinePostgres
class ScriptRunnerTest {
    @TempDir
    Path dir;

    private ScratchDatabase db;
    private ScriptRunner runner;

    @BeforeEach
    void createDatabase() {
        db = ScratchDatabase.create("script");
        runner = new ScriptRunner(db.factory());
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private ScriptResult run(String content) throws IOException {
        return runner.run(
                write("script.sql", content), ScriptOptions.defaults(), ProgressListener.NONE, Cancellation.none());
    }

    private ScriptException failure(String content) throws IOException {
        Path file = write("bad.sql", content);
        try {
            runner.run(file, ScriptOptions.defaults(), ProgressListener.NONE, Cancellation.none());
        } catch (ScriptException e) {
            return e;
        }
        throw new AssertionError("the script should have failed");
    }

    private List<String> column(String sql) throws SQLException {
        return column(db.name(), sql);
    }

    private List<String> column(String database, String sql) throws SQLException {
        try (Connection c = db.factory().open(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    @Test
    void runsEverySyntaxFormAgainstTheServer() throws Exception {
        ScriptResult result = run(
                """
                -- a pg_dump-like header; with a semicolon
                SET client_min_messages = warning;
                /* nested /* block; */ comment */
                CREATE TABLE "odd;name" (id int PRIMARY KEY, "quo""ted" text);
                INSERT INTO "odd;name" VALUES (1, 'plain; with ''quotes'''), (2, E'escaped \\' quote; and \\\\ backslash');
                CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE plpgsql AS $body$
                BEGIN
                  -- a semicolon in a body; and a nested $$dollar; quote$$
                  RETURN x + 1;
                END;
                $body$;
                CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN x IS NULL THEN 0 ELSE x * 2 END;
                END;
                INSERT INTO "odd;name" VALUES (3, $$dollar; 'quoted'$$), (add_one(3), twice(2)::text);
                SET standard_conforming_strings = off;
                INSERT INTO "odd;name" VALUES (5, 'old\\'style; string');
                SET standard_conforming_strings = on;
                INSERT INTO "odd;name" VALUES (6, 'no semicolon at the end')
                """);

        assertThat(result.statements()).isEqualTo(10);
        assertThat(column("SELECT \"quo\"\"ted\" FROM \"odd;name\" ORDER BY id"))
                .containsExactly(
                        "plain; with 'quotes'",
                        "escaped ' quote; and \\ backslash",
                        "dollar; 'quoted'",
                        "4",
                        "old'style; string",
                        "no semicolon at the end");
    }

    @Test
    void noticesOfEachStatementReachTheListenerInOrder() throws Exception {
        List<String> notices = new ArrayList<>();
        runner.withNotices(notices::add)
                .run(
                        write(
                                "notices.sql",
                                """
                                DO $$ BEGIN RAISE NOTICE 'first'; RAISE NOTICE 'second: %', 2; END $$;
                                SELECT 1;
                                DO $$ BEGIN RAISE NOTICE 'third'; END $$;
                                """),
                        ScriptOptions.defaults(),
                        ProgressListener.NONE,
                        Cancellation.none());
        assertThat(notices).containsExactly("first", "second: 2", "third");
    }

    @Test
    void copyFromStdinStreamsItsDataBlockAndContinuesAfterIt() throws Exception {
        ScriptResult result = run(
                """
                CREATE TABLE actor (id int, name text, note text);
                COPY actor (id, name, note) FROM stdin;
                1\tPENELOPE\t\\N
                2\tNICK\twith\\ttab; and 'quote'
                3\tÉLODIE\t-- not a comment
                \\.
                COPY actor FROM stdin WITH (FORMAT csv);
                4,"CSV, quoted",x
                \\.
                INSERT INTO actor VALUES (5, 'after', NULL);
                COPY actor TO STDOUT;
                """);

        assertThat(result.rowsCopied()).isEqualTo(4);
        assertThat(result.statements()).isEqualTo(5);
        assertThat(column("SELECT concat_ws('|', id, name, coalesce(note, 'NULL')) FROM actor ORDER BY id"))
                .containsExactly(
                        "1|PENELOPE|NULL",
                        "2|NICK|with\ttab; and 'quote'",
                        "3|ÉLODIE|-- not a comment",
                        "4|CSV, quoted|x",
                        "5|after|NULL");
    }

    @Test
    void copyStreamsLargeBlocksWithoutHoldingThem() throws Exception {
        int rows = 200_000;
        InputStream head = new ByteArrayInputStream(
                "CREATE TABLE big (id int, payload text);\nCOPY big FROM stdin;\n".getBytes(StandardCharsets.UTF_8));
        InputStream data = new InputStream() {
            private int row;
            private byte[] line = new byte[0];
            private int pos;

            @Override
            public int read() {
                if (pos == line.length) {
                    if (row == rows) {
                        return -1;
                    }
                    row++;
                    line = (row + "\tpayload-" + row + "\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                return line[pos++] & 0xff;
            }
        };
        InputStream tail = new ByteArrayInputStream("\\.\nSELECT 1;\n".getBytes(StandardCharsets.UTF_8));
        List<Progress> reports = new CopyOnWriteArrayList<>();

        ScriptResult result = runner.run(
                "generated.sql",
                new SequenceInputStream(new SequenceInputStream(head, data), tail),
                null,
                ScriptOptions.defaults(),
                reports::add,
                Cancellation.none());

        assertThat(result.rowsCopied()).isEqualTo(rows);
        assertThat(column("SELECT count(*) FROM big")).containsExactly(String.valueOf(rows));
        assertThat(result.bytesRead()).isGreaterThan(rows * 10L);
        assertThat(reports).last().extracting(Progress::done).isEqualTo(result.bytesRead());
    }

    @Test
    void connectSwitchesToAnotherDatabaseOnTheSameServer() throws Exception {
        String other = db.createAnother();
        ScriptResult result = run("CREATE TABLE here (x int);\n\\connect " + other + "\nCREATE TABLE there (y int);\n"
                + "\\c -reuse-previous=on \"dbname='" + db.name() + "'\"\nINSERT INTO here VALUES (1);\n");

        assertThat(result.statements()).isEqualTo(3);
        assertThat(column(other, "SELECT count(*) FROM there")).containsExactly("0");
        assertThat(column("SELECT count(*) FROM here")).containsExactly("1");
    }

    @Test
    void includesResolveFromTheWorkingDirectoryOrTheIncludingFile() throws Exception {
        write("parts/child.sql", "INSERT INTO t VALUES (2);\n\\ir grandchild.sql\n");
        write("parts/grandchild.sql", "INSERT INTO t VALUES (3);\n");
        Path absolute = write("abs.sql", "INSERT INTO t VALUES (4);\n");
        ScriptResult result = run("CREATE TABLE t (x int);\nINSERT INTO t VALUES (1);\n\\ir parts/child.sql\n" + "\\i "
                + absolute + "\n\\include_relative parts/grandchild.sql\n");

        assertThat(result.files()).isEqualTo(5);
        assertThat(column("SELECT string_agg(x::text, ',' ORDER BY x) FROM t")).containsExactly("1,2,3,3,4");
    }

    @Test
    void echoAndEncodingAreApplied() throws Exception {
        byte[] latin1 = "\\encoding LATIN1\nCREATE TABLE e (s text);\nINSERT INTO e VALUES ('café');\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] more = "\\echo 'loaded' \"quoted\" done\n\\echo -n tail\nSET client_encoding = 'UTF8';\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("latin1.sql");
        Files.write(file, concat(latin1, more));

        ScriptResult result = runner.run(file, ScriptOptions.defaults(), ProgressListener.NONE, Cancellation.none());

        assertThat(column("SELECT s FROM e")).containsExactly("café");
        assertThat(result.echoOutput()).containsExactly("loaded \"quoted\" done", "tail");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void errorNamesFileLineStatementAndServerMessageWithPosition() throws Exception {
        ScriptException e =
                failure("CREATE TABLE ok (x int);\n\nSELECT x,\n       nope\nFROM ok;\nSELECT 'never run';\n");

        ScriptError error = e.error();
        assertThat(error.file()).endsWith("bad.sql");
        assertThat(error.statementLine()).isEqualTo(3);
        assertThat(error.line()).isEqualTo(4);
        assertThat(error.statementFirstLine()).isEqualTo("SELECT x,");
        assertThat(error.sqlState()).isEqualTo("42703");
        assertThat(error.position()).isEqualTo(18);
        assertThat(e.getMessage())
                .contains("bad.sql:4: ERROR: column \"nope\" does not exist")
                .contains("at character 18")
                .contains("starting at line 3: SELECT x,");
    }

    @Test
    void badCopyDataPointsAtTheFailingDataLine() throws Exception {
        ScriptException e = failure("CREATE TABLE n (x int);\nCOPY n FROM stdin;\n1\n2\nthree\n4\n\\.\nSELECT 1;\n");

        assertThat(e.error().line()).isEqualTo(5);
        assertThat(e.error().statementFirstLine()).isEqualTo("COPY n FROM stdin");
        assertThat(e.getMessage()).contains("bad.sql:5:").contains("invalid input syntax for type integer: \"three\"");
    }

    @Test
    void unsupportedMetaCommandStopsWithItsNameAndLine() throws Exception {
        ScriptException e = failure("SELECT 1;\n\\gexec\nSELECT 2;\n");

        assertThat(e.error().line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("bad.sql:2: unsupported meta-command \\gexec");
    }

    @Test
    void badMetaCommandArgumentsAreReported() throws Exception {
        assertThat(failure("\\set FOO bar\n").getMessage())
                .contains("bad.sql:1:")
                .contains("\\set FOO");
        assertThat(failure("\n\\i missing.sql\n").getMessage()).contains("bad.sql:2: included file not found");
        assertThat(failure("\\encoding KLINGON\n").getMessage()).contains("unknown encoding \"KLINGON\"");
        assertThat(failure("\\connect a b\n").getMessage()).contains("only switch to another database");
        assertThat(failure("\\set ON_ERROR_STOP maybe\n").getMessage()).contains("ON_ERROR_STOP needs on or off");
    }

    @Test
    void onErrorStopOffCollectsErrorsAndGoesOn() throws Exception {
        ScriptResult result = run("\\set ON_ERROR_STOP off\nCREATE TABLE c (x int);\nINSERT INTO c VALUES ('x');\n"
                + "INSERT INTO c VALUES (1);\n\\set ON_ERROR_STOP on\n");

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.message()).contains("invalid input syntax for type integer");
        });
        assertThat(column("SELECT count(*) FROM c")).containsExactly("1");
    }

    @Test
    void singleTransactionRollsEverythingBackOnError() throws Exception {
        Path file = write("tx.sql", "CREATE TABLE s (x int);\nINSERT INTO s VALUES (1);\nSELECT 1/0;\n");

        assertThatThrownBy(() -> runner.run(
                        file,
                        ScriptOptions.defaults().withSingleTransaction(true),
                        ProgressListener.NONE,
                        Cancellation.none()))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("tx.sql:3: ERROR: division by zero");
        assertThat(column("SELECT count(*) FROM pg_tables WHERE tablename = 's'"))
                .containsExactly("0");

        Path good = write("good.sql", "CREATE TABLE s (x int);\nINSERT INTO s VALUES (1);\n");
        runner.run(
                good, ScriptOptions.defaults().withSingleTransaction(true), ProgressListener.NONE, Cancellation.none());
        assertThat(column("SELECT count(*) FROM s")).containsExactly("1");
    }

    @Test
    void transactionBlocksInTheScriptAreTheScriptsOwn() throws Exception {
        ScriptResult result = run(
                """
                CREATE TABLE b (x int);
                BEGIN;
                INSERT INTO b VALUES (1);
                ROLLBACK;
                START TRANSACTION;
                INSERT INTO b VALUES (2);
                COMMIT;
                DO $$ BEGIN INSERT INTO b VALUES (3); END $$;
                """);

        assertThat(result.statements()).isEqualTo(8);
        assertThat(column("SELECT string_agg(x::text, ',' ORDER BY x) FROM b")).containsExactly("2,3");
    }

    @Test
    void cancellingInterruptsARunningStatement() throws Exception {
        // The marker is unique: other people run this test against the same server at the same time.
        String marker = "miglab-cancel-" + db.name();
        Path file = write("slow.sql", "SELECT '" + marker + "', pg_sleep(60);\nCREATE TABLE never (x int);\n");
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ScriptResult> run = CompletableFuture.supplyAsync(
                () -> runner.run(file, ScriptOptions.defaults(), ProgressListener.NONE, cancellation));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (column("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT ''" + marker + "''%'")
                .get(0)
                .equals("0")) {
            assertThat(System.nanoTime()).as("the statement starts").isLessThan(deadline);
        }
        cancellation.cancel();

        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
        assertThat(column("SELECT count(*) FROM pg_tables WHERE tablename = 'never'"))
                .containsExactly("0");
    }

    @Test
    void restrictBlocksMetaCommandsUntilUnrestrict() throws Exception {
        ScriptResult ok = run("\\restrict abc123\nSELECT 1;\n\\unrestrict abc123\n\\echo done\n");
        assertThat(ok.echoOutput()).containsExactly("done");

        assertThat(failure("\\restrict k\n\\! rm -rf /\n").getMessage())
                .contains("bad.sql:2:")
                .contains("not allowed after \\restrict");
    }

    /** The script psql was run with on this machine; psql 15 printed the two errors the assertions quote. */
    private Path invalidUtf8Script() throws IOException {
        Path file = dir.resolve("latin1-in-utf8.sql");
        Files.write(
                file,
                concat(
                        concat(
                                "SELECT 1;\n\n-- caf".getBytes(StandardCharsets.UTF_8),
                                new byte[] {(byte) 0xff}), // in a leading comment: psql never sends it, no error
                        concat(
                                "\nCREATE TABLE t (x text);\nSELECT\n  'caf".getBytes(StandardCharsets.UTF_8),
                                concat(
                                        new byte[] {(byte) 0xc3, '(', '\''},
                                        concat(
                                                ";\nINSERT INTO t VALUES ('after');\nCOPY t FROM stdin;\nok\nbad"
                                                        .getBytes(StandardCharsets.UTF_8),
                                                concat(
                                                        new byte[] {(byte) 0xe9, 't', (byte) 0xe9},
                                                        "\n\\.\n".getBytes(StandardCharsets.UTF_8)))))));
        return file;
    }

    @Test
    void invalidUtf8StopsTheScriptWithFileLineAndPsqlsMessage() throws Exception {
        Path file = invalidUtf8Script();

        assertThatThrownBy(() -> runner.run(file, ScriptOptions.defaults(), ProgressListener.NONE, Cancellation.none()))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.error().line()).isEqualTo(6);
                    assertThat(e.error().sqlState()).isEqualTo("22021");
                    assertThat(e.getMessage())
                            .startsWith(file + ":6: ERROR: invalid byte sequence for encoding \"UTF8\": 0xc3 0x28")
                            .doesNotContain("\uDCC3");
                    assertThat(e.result()).hasValueSatisfying(partial -> {
                        assertThat(partial.statements()).isEqualTo(2);
                        assertThat(partial.stoppedBy()).isEqualTo(e.error());
                    });
                });
        assertThat(column("SELECT count(*) FROM t"))
                .as("nothing after the bad statement ran")
                .containsExactly("0");
    }

    @Test
    void invalidUtf8WithOnErrorStopOffFailsEachStatementThatHoldsItAndNeverSendsReplacementCharacters()
            throws Exception {
        Path file = invalidUtf8Script();

        ScriptResult result = runner.run(
                file, ScriptOptions.defaults().withStopOnError(false), ProgressListener.NONE, Cancellation.none());

        assertThat(result.errors())
                .extracting(ScriptError::line, ScriptError::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                6, "ERROR: invalid byte sequence for encoding \"UTF8\": 0xc3 0x28"),
                        org.assertj.core.groups.Tuple.tuple(
                                10,
                                "ERROR: invalid byte sequence for encoding \"UTF8\": 0xe9 0x74 0xe9 [COPY t, line 2]"));
        assertThat(result.stoppedBy()).isNull();
        assertThat(result.succeeded()).isFalse();
        assertThat(column("SELECT string_agg(x, ',') FROM t")).containsExactly("after");
    }

    @Test
    void connectAndIncludeIgnoreTrailingSemicolonsAsPsqlDoes() throws Exception {
        String other = db.createAnother();
        Path absolute = write("abs.sql", "INSERT INTO t VALUES (2);\n");
        write("parts/child.sql", "INSERT INTO t VALUES (3);\n");
        write("parts/odd;name.sql", "INSERT INTO t VALUES (4);\n");

        ScriptResult result = run("CREATE TABLE t (x int);\nINSERT INTO t VALUES (1);\n\\i " + absolute + ";\n"
                + "\\ir parts/child.sql;;\n\\ir 'parts/odd;name.sql';\n\\echo done;\n"
                + "\\c " + other + ";\nCREATE TABLE there (y int);\n\\connect \"" + db.name() + "\";\n"
                + "INSERT INTO t VALUES (5);\n");

        assertThat(column("SELECT string_agg(x::text, ',' ORDER BY x) FROM t")).containsExactly("1,2,3,4,5");
        assertThat(column(other, "SELECT count(*) FROM there")).containsExactly("0");
        assertThat(result.echoOutput())
                .as("\\echo keeps its semicolon, as in psql")
                .containsExactly("done;");
    }
}
