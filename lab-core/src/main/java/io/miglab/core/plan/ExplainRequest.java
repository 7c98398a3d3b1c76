package io.miglab.core.plan;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import io.miglab.core.plan.capture.ExplainOptions;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.units.Durations;
import java.time.Duration;

/**
 * What to explain, where: the one input of {@link Explains#capture}. The CLI, the app and a playbook step build the
 * same record; it checks itself on construction, so a bad request never reaches a server.
 *
 * @param target the target's name
 * @param database a database on the target's server, or null for the target's own
 * @param sql exactly one statement (a trailing semicolon is fine)
 * @param options what EXPLAIN reports; every capture has a statement timeout
 * @param title the experiment's title, or null to use the statement's first line
 */
public record ExplainRequest(String target, String database, String sql, ExplainOptions options, String title) {

    public ExplainRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to run EXPLAIN on.");
        }
        if (sql == null || sql.isBlank()) {
            throw new MigLabException("Type the statement to explain.");
        }
        SqlStatements.single(sql, "EXPLAIN");
        if (options == null) {
            throw new MigLabException("EXPLAIN needs its options.");
        }
        database = database == null || database.isBlank() ? null : database.strip();
        title = title == null || title.isBlank() ? null : title.strip();
    }

    /** EXPLAIN, or EXPLAIN ANALYZE with BUFFERS (and WAL and SETTINGS where the server has them). */
    public static ExplainRequest of(String target, String database, String sql, boolean analyze, Duration timeout) {
        ExplainOptions options = ExplainOptions.estimate()
                .withAnalyze(analyze)
                .withBuffers(analyze)
                .withTimeout(timeout);
        return new ExplainRequest(target, database, sql, analyze ? options.withWal(true) : options, null);
    }

    /**
     * From a playbook step: {@code target}, {@code sql}, and optionally {@code database}, {@code analyze},
     * {@code buffers}, {@code verbose}, {@code timeout} (30s, 5m), {@code title}.
     */
    public static ExplainRequest fromParameters(Parameters p) {
        p.allowOnly("target", "database", "sql", "analyze", "buffers", "verbose", "timeout", "title");
        boolean analyze = p.flag("analyze", false);
        ExplainOptions options = ExplainOptions.estimate()
                .withAnalyze(analyze)
                .withBuffers(p.flag("buffers", analyze))
                .withVerbose(p.flag("verbose", false))
                .withWal(analyze)
                .withTimeout(
                        p.duration("timeout", ExplainOptions.DEFAULT_TIMEOUT, Durations.SHORTEST, Durations.LONGEST));
        return new ExplainRequest(
                p.required("target"), p.optional("database"), p.required("sql"), options, p.optional("title"));
    }

    /** The experiment's title: the one given, or the statement on one line, shortened. */
    public String titleOrDefault() {
        if (title != null) {
            return title;
        }
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
