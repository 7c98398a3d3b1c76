package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.finding.Finding;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.analysis.PlanFindings;
import io.miglab.core.plan.capture.ExplainOptions;
import io.miglab.core.plan.capture.PlanRecorder;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.plan.render.PlanJsonWriter;
import io.miglab.core.plan.render.PlanTextRenderer;
import io.miglab.core.sql.StatementClassifier;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code miglab explain}: capture a plan on a target and record it as an experiment, or analyse a saved or pasted
 * plan. Either way it prints the plan with per-node times and rows, and the findings.
 */
@Command(
        name = "explain",
        description = {
            "Capture a query plan on a target (recorded as an experiment), or analyse a saved plan.",
            "  miglab explain --target NAME (--sql \"...\" | --file F) [--analyze] [--buffers] [--json]",
            "  miglab explain --plan FILE   (FORMAT JSON or TEXT, psql output accepted; - reads stdin)"
        },
        sortOptions = false)
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--sql", paramLabel = "SQL", description = "The statement to explain.")
        String sql;

        @Option(names = "--file", paramLabel = "FILE", description = "Read the statement from this file.")
        Path file;

        @Option(
                names = "--plan",
                paramLabel = "FILE",
                description = "Analyse a saved plan instead (JSON or TEXT; '-' for standard input).")
        String plan;
    }

    @Option(
            names = "--database",
            paramLabel = "NAME",
            description = "The database on the target (default: the target's own).")
    String database;

    @Option(names = "--target", paramLabel = "NAME", description = "The target to run EXPLAIN on.")
    String target;

    @Option(
            names = "--analyze",
            description = "Run the statement (EXPLAIN ANALYZE) for actual rows and times. A statement that writes"
                    + " runs inside BEGIN ... ROLLBACK.")
    boolean analyze;

    @Option(names = "--buffers", description = "Report buffer usage (BUFFERS).")
    boolean buffers;

    @Option(names = "--verbose", description = "Report output columns and schema names (VERBOSE).")
    boolean verbose;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = "statement_timeout for the capture: 30s, 5m, 1h (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title of the experiment (default: the query).")
    String title;

    @Override
    public Integer call() {
        CliContext c = root.context();
        if (source.plan != null) {
            if (target != null || database != null) {
                throw new MigLabException("--plan analyses a saved plan; it does not take --target or --database.");
            }
            Plan plan = PlanParser.parse(readPlan(c, source.plan));
            print(c, plan, null, List.of());
            return Cli.OK;
        }
        if (target == null) {
            throw new MigLabException(
                    "Which target should run the EXPLAIN?", "Add --target NAME (see 'miglab target list').", null);
        }
        String sql = source.sql != null ? source.sql : readFile(source.file);
        ExplainOptions options =
                new ExplainOptions(analyze, buffers, verbose, true, analyze, true, true, parseDuration(timeout));
        if (analyze && StatementClassifier.classify(sql).writes()) {
            c.err()
                    .println("Note: this statement writes. With --analyze it really runs, inside BEGIN ... ROLLBACK,"
                            + " so nothing is kept.");
        }
        TargetConnector connector = c.workspace().targets().connector(target);
        Cancellation cancel = new Cancellation();
        Thread onInterrupt = new Thread(cancel::cancel, "miglab-explain-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (Connection connection = connector.openOrExplain(database)) {
            TargetFingerprint fingerprint = ServerFingerprint.capture(target, connection, database);
            PlanRecorder.Recorded recorded = new PlanRecorder(c.workspace().ledger())
                    .captureAndRecord(
                            connection, fingerprint, title != null ? title : titleOf(sql), sql, options, cancel);
            for (String note : recorded.capture().notes()) {
                c.err().println("Note: " + note);
            }
            print(c, recorded.capture().plan(), recorded, recorded.capture().notes());
            if (!c.json()) {
                c.out().println("Recorded as experiment " + recorded.experimentId() + ".");
            }
            return Cli.OK;
        } catch (SQLException e) {
            throw new MigLabException("Lost the connection to target '" + target + "': " + e.getMessage(), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting (Ctrl+C): the hook is cancelling the capture.
            }
        }
    }

    private static void print(CliContext c, Plan plan, PlanRecorder.Recorded recorded, List<String> notes) {
        PlanAnalysis analysis = recorded != null ? recorded.analysis() : PlanAnalyzer.analyze(plan);
        List<Finding> findings = recorded != null ? recorded.findings() : PlanFindings.find(plan, analysis);
        if (c.json()) {
            ObjectNode doc = PlanJsonWriter.document(plan, analysis, findings);
            if (recorded != null) {
                doc.put("experimentId", recorded.experimentId());
                doc.put("writes", recorded.capture().writes());
                doc.put("rolledBack", recorded.capture().rolledBack());
                doc.putArray("options")
                        .addAll(recorded.capture().command().options().stream()
                                .map(o -> doc.textNode(o))
                                .toList());
                doc.putArray("notes").addAll(notes.stream().map(doc::textNode).toList());
            }
            c.printJson(doc);
        } else {
            c.out().print(PlanTextRenderer.render(plan, analysis, findings));
        }
    }

    private static String readPlan(CliContext c, String file) {
        if (file.equals("-")) {
            try {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MigLabException("Cannot read the plan from standard input: " + e.getMessage(), e);
            }
        }
        return readFile(Path.of(file));
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigLabException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String titleOf(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }

    /** "30s", "5m", "1h", "500ms", or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(t.substring(0, t.length() - 2).strip()));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(
                        Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(
                        Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            if (t.endsWith("h")) {
                return Duration.ofHours(
                        Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            return Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new MigLabException("'" + text + "' is not a duration.", "Write it as 500ms, 30s, 5m or 1h.", null);
        }
    }
}
