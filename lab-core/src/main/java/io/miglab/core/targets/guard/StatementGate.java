package io.miglab.core.targets.guard;

import io.miglab.core.sql.Classification;
import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.sql.SqlSyntaxException;
import io.miglab.core.sql.StatementClassifier;
import io.miglab.core.sql.StatementEffect;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * The one gate every statement bound for a guarded target passes, whoever wrote it: the user, a workload file,
 * MigLab itself, or pg_stat_statements replayed. It cuts the text with MigLab's lexer, insists on exactly one
 * statement (and checks that pgjdbc, which splits statements on the client, sees one too), classifies it, and
 * while the target is locked lets through only reads and harmless session settings.
 */
public final class StatementGate {

    /** What the gate found in one piece of SQL text; computed once per prepared statement. */
    public record Inspection(String sql, SqlStatement statement, Classification classification, String problem) {

        /** Whether the text is one statement the gate could read (it may still need an unlock). */
        public boolean readable() {
            return problem == null;
        }
    }

    private StatementGate() {}

    /** Reads {@code sql} without deciding anything yet. */
    public static Inspection inspect(String sql, boolean jdbcParameters) {
        String text = sql == null ? "" : sql;
        List<SqlStatement> statements;
        try {
            statements = SqlStatements.split(text);
        } catch (SqlSyntaxException e) {
            // The server would refuse it too, unless the session reads strings differently; either way it is no read.
            return new Inspection(
                    text,
                    null,
                    new Classification(
                            StatementEffect.UNKNOWN, "", "MigLab cannot read the statement (" + e.getMessage() + ")"),
                    null);
        }
        if (statements.size() > 1) {
            SqlStatement second = statements.get(1);
            return new Inspection(
                    text,
                    statements.get(0),
                    null,
                    "MigLab sends one statement at a time to a guarded target; the text has a second one at line "
                            + second.line() + ": " + second.firstLine());
        }
        if (statements.isEmpty()) {
            return new Inspection(
                    text, null, new Classification(StatementEffect.READ, "", "an empty statement does nothing"), null);
        }
        int driverCount = driverStatementCount(text, jdbcParameters);
        if (driverCount > 1) {
            return new Inspection(
                    text,
                    statements.get(0),
                    null,
                    "the driver would send this text as " + driverCount + " statements; MigLab sends one at a time"
                            + " to a guarded target");
        }
        SqlStatement statement = statements.get(0);
        return new Inspection(text, statement, StatementClassifier.classify(statement), null);
    }

    /**
     * Refuses what the target may not run now.
     *
     * @param writesAllowed whether the target is unlocked at this moment
     * @throws GuardRefusedException when the statement may not run
     */
    public static void require(Inspection inspection, boolean writesAllowed, String targetName)
            throws GuardRefusedException {
        if (!inspection.readable()) {
            throw new GuardRefusedException(
                    "Refused on guarded target '" + targetName + "': " + inspection.problem() + ".");
        }
        if (writesAllowed || inspection.classification().effect().allowedWhileLocked()) {
            return;
        }
        throw locked(targetName, inspection.classification(), SqlStatement.abbreviate(inspection.sql()));
    }

    /** The refusal for a statement that needs an unlock, in the words the user sees. */
    static GuardRefusedException locked(String targetName, Classification classification, String statement) {
        return new GuardRefusedException("Writes are locked on guarded target '" + targetName + "': "
                + classification.reason() + " (" + statement + "). Unlock it first: miglab target unlock " + targetName
                + " --reason \"...\", or Unlock writes on the Targets page.");
    }

    /**
     * How many statements pgjdbc would make of the text. The driver splits on the client, so a difference between
     * its count and MigLab's would let a second statement past the gate unseen; the gate refuses then.
     */
    private static int driverStatementCount(String sql, boolean jdbcParameters) {
        try {
            List<NativeQuery> queries = Parser.parseJdbcSql(sql, true, jdbcParameters, true, false, false);
            int count = 0;
            for (NativeQuery query : queries) {
                if (!query.nativeSql.isBlank()) {
                    count++;
                }
            }
            return count;
        } catch (SQLException e) {
            return Integer.MAX_VALUE;
        }
    }
}
