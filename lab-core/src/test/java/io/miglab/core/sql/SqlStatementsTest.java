package io.miglab.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.sql.SqlToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatementsTest {

    /** Texts that hide a second statement from a careless splitter; the lexer must find it as the server would. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1; COMMIT; DELETE FROM t",
                "SELECT 'a\\'; DELETE FROM t; --'",
                "SELECT $a$ x $a$; DELETE FROM t",
                "SELECT 1 /* /* nested */ still comment */; DELETE FROM t",
                "SELECT \"a;b\"; DELETE FROM t",
                "SELECT 1 -- comment\n; DELETE FROM t",
                "SELECT U&'\\0027'; DELETE FROM t",
                "SELECT 1;\nDELETE FROM t;",
            })
    void findsTheSecondStatement(String sql) {
        List<SqlStatement> statements = SqlStatements.split(sql);
        assertThat(statements).hasSizeGreaterThan(1);
        assertThat(statements.get(statements.size() - 1).text()).containsIgnoringCase("DELETE FROM t");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 'a;b'",
                "SELECT E'a\\';b'",
                "SELECT $$ a; b $$",
                "SELECT $x$ $$; $x$",
                "SELECT a$b$ FROM t",
                "SELECT 1 /* ; */",
                "SELECT 1 -- ;",
                "SELECT f(';')",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
                "SELECT 1;",
                "SELECT 1;;",
            })
    void keepsOneStatementTogether(String sql) {
        assertThat(SqlStatements.split(sql)).hasSize(1);
    }

    @Test
    void aWordRunsThroughDollarSigns() {
        List<SqlToken> tokens = SqlLexer.tokenize("SELECT a$b$ FROM t");
        assertThat(tokens.get(1).kind()).isEqualTo(Kind.WORD);
        assertThat(tokens.get(1).value()).isEqualTo("a$b$");
    }

    @Test
    void unicodeNamesAreDecoded() {
        List<SqlToken> tokens = SqlLexer.tokenize("U&\"d\\0061t\\+000061\"");
        assertThat(tokens).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Kind.QUOTED_IDENTIFIER);
            assertThat(t.value()).isEqualTo("data");
        });
    }

    @Test
    void aNumberDoesNotSwallowTheNameAfterIt() {
        List<SqlToken> tokens = SqlLexer.tokenize("SELECT 1pg_sleep(1)");
        assertThat(tokens).extracting(SqlToken::text).containsExactly("SELECT", "1", "pg_sleep", "(", "1", ")");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            SELECT 'abc                  | unterminated quoted string starting at line 1
            SELECT 1; SELECT "x          | unterminated quoted identifier starting at line 1
            SELECT 1;\\nSELECT $$ abc    | unterminated dollar-quoted string starting at line 2
            SELECT /* abc                | unterminated /* comment starting at line 1
            """)
    void unterminatedPartsAreNamedWithTheirLine(String sql, String message) {
        assertThatThrownBy(() -> SqlStatements.split(sql.replace("\\n", "\n")))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void singleNamesTheSecondStatement() {
        assertThatThrownBy(() -> SqlStatements.single("SELECT 1;\nCOMMIT; DELETE FROM t", "EXPLAIN"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("EXPLAIN takes one statement; the text has a second one at line 2: COMMIT");
    }

    @Test
    void statementsKeepTheirLines() {
        List<SqlStatement> statements = SqlStatements.split("SELECT 1;\n\n  SELECT\n 2;");
        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 3);
        assertThat(statements.get(1).text()).isEqualTo("SELECT\n 2");
    }
}
