package io.miglab.core.sql;

import io.miglab.core.MigLabException;
import io.miglab.core.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at semicolons outside quotes, comments and parentheses, as psql does, including
 * psql's rule for SQL-standard routine bodies: inside {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, {@code BEGIN
 * ATOMIC ... END} (and {@code CASE ... END} within it) keeps its semicolons.
 */
public final class SqlStatements {

    private SqlStatements() {}

    /** Every non-empty statement of {@code sql}, in order. */
    public static List<SqlStatement> split(String sql) {
        String text = sql == null ? "" : sql;
        List<SqlToken> tokens = SqlLexer.tokenize(text);
        List<SqlStatement> statements = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        int depth = 0;
        int blockDepth = 0;
        for (SqlToken token : tokens) {
            if (token.isPunctuation(';') && depth == 0 && blockDepth == 0) {
                addStatement(text, current, token.start(), statements);
                current = new ArrayList<>();
                continue;
            }
            if (token.isPunctuation('(') || token.isPunctuation('[')) {
                depth++;
            } else if ((token.isPunctuation(')') || token.isPunctuation(']')) && depth > 0) {
                depth--;
            } else if (token.kind() == Kind.WORD && depth == 0 && isRoutine(current)) {
                switch (token.value()) {
                    case "begin" -> blockDepth++;
                    case "case" -> blockDepth += blockDepth > 0 ? 1 : 0;
                    case "end" -> blockDepth -= blockDepth > 0 ? 1 : 0;
                    default -> {}
                }
            }
            current.add(token);
        }
        addStatement(text, current, text.length(), statements);
        return List.copyOf(statements);
    }

    /**
     * The one statement of {@code sql} for {@code what} (for example "EXPLAIN" or "A workload statement"), or a
     * one-line error naming the second statement. A trailing semicolon is fine.
     */
    public static SqlStatement single(String sql, String what) {
        List<SqlStatement> statements = split(sql);
        if (statements.isEmpty()) {
            throw new MigLabException(what + " needs a statement; the text has none.");
        }
        if (statements.size() > 1) {
            SqlStatement second = statements.get(1);
            throw new MigLabException(
                    what + " takes one statement; the text has a second one at line " + second.line() + ": "
                            + second.firstLine(),
                    "Run several statements as a script (miglab sql run) or one at a time.",
                    null);
        }
        return statements.get(0);
    }

    /** The statement runs from its first token to its semicolon (or the end), comments before the semicolon kept. */
    private static void addStatement(String text, List<SqlToken> tokens, int end, List<SqlStatement> out) {
        if (tokens.isEmpty()) {
            return;
        }
        SqlToken first = tokens.get(0);
        String statement = text.substring(first.start(), end).strip();
        out.add(new SqlStatement(statement, first.line(), tokens));
    }

    /** Whether the statement so far starts with CREATE [OR REPLACE] FUNCTION or PROCEDURE. */
    private static boolean isRoutine(List<SqlToken> tokens) {
        int i = 0;
        if (tokens.size() < 2 || !tokens.get(0).isWord("create")) {
            return false;
        }
        i = 1;
        if (tokens.get(i).isWord("or")) {
            if (tokens.size() < 4 || !tokens.get(2).isWord("replace")) {
                return false;
            }
            i = 3;
        }
        return tokens.get(i).isWord("function") || tokens.get(i).isWord("procedure");
    }
}
