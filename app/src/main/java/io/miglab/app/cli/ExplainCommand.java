package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
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
import io.miglab.core.units.Durations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
        ExplainOptions options = new ExplainOptions(
                analyze, buffers, verbose, true, analyze, true, true, Durations.parse(timeout, "--timeout"));
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
                            connection,
                            fingerprint,
                            title != null ? title : titleOf(sql),
                            database,
                            sql,
                            options,
                            cancel);
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

    /** A saved plan, from a file or standard input, capped as {@link PlanParser#parse(Path)} caps a file. */
    private static String readPlan(CliContext c, String file) {
        if (file.equals("-")) {
            return TextFiles.read(c.in(), PlanParser.MAX_FILE_BYTES, "the plan on standard input");
        }
        try {
            return TextFiles.read(Path.of(file), PlanParser.MAX_FILE_BYTES, "the plan file");
        } catch (java.nio.file.InvalidPathException e) {
            throw new MigLabException("'" + file + "' is not a file name: " + e.getReason() + ".");
        }
    }

    /** A statement is read whole; one over the workload cap is not a statement anyone explains. */
    private static String readFile(Path file) {
        return TextFiles.read(file, TextFiles.DEFAULT_MAX_BYTES, "the statement file");
    }

    private static String titleOf(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
