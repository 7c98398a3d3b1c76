package io.miglab.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptLexerTest {

    private static List<ScriptCommand> lex(String script, boolean standardConformingStrings) throws IOException {
        LineSource source =
                new LineSource(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), new long[1]);
        ScriptLexer lexer = new ScriptLexer(source, () -> StandardCharsets.UTF_8, () -> standardConformingStrings);
        List<ScriptCommand> commands = new ArrayList<>();
        ScriptCommand command;
        while ((command = lexer.next()) != null) {
            commands.add(command);
        }
        return commands;
    }

    private static List<String> statements(String script) throws IOException {
        return lex(script, true).stream()
                .map(c -> c instanceof ScriptCommand.Sql sql ? sql.text() : "\\" + ((ScriptCommand.Meta) c).name())
                .toList();
    }

    @Test
    void semicolonsInsideLiteralsIdentifiersAndCommentsDoNotSplit() throws IOException {
        assertThat(statements("SELECT 'a;b', \"c;\"\"d\" /* x; /* nested; */ y; */ FROM t; -- trailing; comment\n"
                        + "SELECT 2;"))
                .containsExactly("SELECT 'a;b', \"c;\"\"d\" /* x; /* nested; */ y; */ FROM t", "SELECT 2");
    }

    @Test
    void dollarQuotesWithTagsSpanLinesAndNest() throws IOException {
        String body = "CREATE FUNCTION f() RETURNS text AS $fn$\nBEGIN\n  RETURN $$a;b$$;\nEND;\n$fn$ LANGUAGE plpgsql";
        assertThat(statements(body + ";\nSELECT $1x;")).containsExactly(body, "SELECT $1x");
    }

    @Test
    void escapeStringsTreatBackslashQuoteAsPartOfTheLiteral() throws IOException {
        assertThat(statements("SELECT E'it\\'s; fine', e'\\\\';SELECT 3;"))
                .containsExactly("SELECT E'it\\'s; fine', e'\\\\'", "SELECT 3");
    }

    @Test
    void plainLiteralsFollowStandardConformingStrings() throws IOException {
        String script = "SELECT 'a\\';b';\nSELECT 4;";
        assertThat(lex(script, false)).hasSize(2);
        // With standard_conforming_strings on, the backslash is plain and the literal ends early.
        assertThat(lex(script, true).get(0)).isEqualTo(new ScriptCommand.Sql("SELECT 'a\\'", 1));
    }

    @Test
    void parenthesesAndSqlStandardBodiesKeepTheirSemicolons() throws IOException {
        String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO l VALUES (1); INSERT INTO l VALUES (2))";
        String atomic = "CREATE OR REPLACE FUNCTION g(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT x;\nEND";
        assertThat(statements(rule + ";\n" + atomic + ";\nSELECT 5;")).containsExactly(rule, atomic, "SELECT 5");
    }

    @Test
    void metaCommandsRunToTheEndOfTheirLine() throws IOException {
        List<ScriptCommand> commands = lex("\\set ON_ERROR_STOP on\nSELECT 1;\n  \\echo 'hi there' x\n", true);
        assertThat(commands)
                .containsExactly(
                        new ScriptCommand.Meta("set", "ON_ERROR_STOP on", 1),
                        new ScriptCommand.Sql("SELECT 1", 2),
                        new ScriptCommand.Meta("echo", "'hi there' x", 3));
    }

    @Test
    void statementLineSkipsLeadingCommentsAndTheLastStatementNeedsNoSemicolon() throws IOException {
        List<ScriptCommand> commands = lex("-- header\n/* block\n comment */\n\nSELECT\n  1", true);
        assertThat(commands).containsExactly(new ScriptCommand.Sql("SELECT\n  1", 5));
    }

    @Test
    void metaArgumentsFollowPsqlQuoting() {
        assertThat(MetaArguments.split("'it''s' 'a\\tb' \"Quoted DB\" plain"))
                .containsExactly("it's", "a\tb", "\"Quoted DB\"", "plain");
        assertThat(MetaArguments.unquoteIdentifier("\"My \"\"DB\"\"\"")).isEqualTo("My \"DB\"");
        assertThat(MetaArguments.conninfoDatabase("host=x dbname='pa gila' user=u"))
                .isEqualTo("pa gila");
    }

    @Test
    void connectAndIncludeArgumentsLoseTrailingSemicolonsOutsideQuotesAsInPsql() {
        assertThat(MetaArguments.splitStrippingSemicolons("mydb;")).containsExactly("mydb");
        assertThat(MetaArguments.splitStrippingSemicolons("mydb;; other;")).containsExactly("mydb", "other");
        assertThat(MetaArguments.splitStrippingSemicolons("'odd;' \"My DB;\";")).containsExactly("odd;", "\"My DB;\"");
        assertThat(MetaArguments.splitStrippingSemicolons("'inc.sql';")).containsExactly("inc.sql");
        assertThat(MetaArguments.splitStrippingSemicolons(";")).isEmpty();
        assertThat(MetaArguments.splitStrippingSemicolons("''")).containsExactly("");
        // Other meta-commands keep them, as psql's \echo hi; prints "hi;".
        assertThat(MetaArguments.split("hi;")).containsExactly("hi;");
    }

    @Test
    void invalidUtf8BytesAreEscapedAndNamedWhileValidTextIsUntouched() throws IOException {
        byte[] script = concat(
                "SELECT 'caf".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xc3, '(', '\'', ';', '\n'},
                "SELECT '\uD83D\uDC80 \uFFFD ok';\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xff, '\'', ';', '\n'});
        LineSource source = new LineSource(new ByteArrayInputStream(script), new long[1]);
        ScriptLexer lexer = new ScriptLexer(source, () -> StandardCharsets.UTF_8, () -> true);

        String first = ((ScriptCommand.Sql) lexer.next()).text();
        String valid = ((ScriptCommand.Sql) lexer.next()).text();
        String third = ((ScriptCommand.Sql) lexer.next()).text();

        assertThat(InvalidBytes.firstIn(first)).isEqualTo(11);
        assertThat(InvalidBytes.message(first, 11)).isEqualTo("invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
        assertThat(InvalidBytes.displayed(first)).isEqualTo("SELECT 'caf\uFFFD('");
        // A real U+FFFD and an emoji whose low surrogate lies in the escape range are text, not invalid bytes.
        assertThat(valid).isEqualTo("SELECT '\uD83D\uDC80 \uFFFD ok'");
        assertThat(InvalidBytes.firstIn(valid)).isEqualTo(-1);
        assertThat(InvalidBytes.message(third, InvalidBytes.firstIn(third)))
                .isEqualTo("invalid byte sequence for encoding \"UTF8\": 0xff");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
