package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.plan.ExplainRequest;
import io.miglab.core.plan.Explained;
import io.miglab.core.plan.Explains;
import io.miglab.core.plan.capture.ExplainOptions;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.plan.render.PlanJsonWriter;
import io.miglab.core.plan.render.PlanTextRenderer;
import io.miglab.core.units.Durations;
import java.nio.file.Path;
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
        Explains explains = c.workspace().explains();
        if (source.plan != null) {
            if (target != null || database != null) {
                throw new MigLabException("--plan analyses a saved plan; it does not take --target or --database.");
            }
            print(c, explains.analyse(readPlan(c, source.plan), source.plan));
            return Cli.OK;
        }
        if (target == null) {
            throw new MigLabException(
                    "Which target should run the EXPLAIN?", "Add --target NAME (see 'miglab target list').", null);
        }
        String sql = source.sql != null ? source.sql : readFile(source.file);
        ExplainOptions options = ExplainOptions.estimate()
                .withAnalyze(analyze)
                .withBuffers(buffers)
                .withVerbose(verbose)
                .withWal(analyze)
                .withTimeout(Durations.parse(timeout, "--timeout"));
        ExplainRequest request = new ExplainRequest(target, database, sql, options, title);
        Cancellation cancel = new Cancellation();
        Explained explained = CliSupport.cancellableByCtrlC(cancel, () -> explains.capture(request, cancel));
        // Notes come from the capture itself, so "it ran inside BEGIN ... ROLLBACK" is said only when it did.
        for (String note : explained.notes()) {
            c.err().println("Note: " + note);
        }
        print(c, explained);
        if (!c.json()) {
            c.out().println("Recorded as experiment " + explained.experimentId() + ".");
        }
        return Cli.OK;
    }

    private static void print(CliContext c, Explained e) {
        if (c.json()) {
            ObjectNode doc = PlanJsonWriter.document(e.plan(), e.analysis(), e.findings());
            if (e.experimentId() != null) {
                doc.put("experimentId", e.experimentId());
                doc.put("writes", e.writes());
                doc.put("rolledBack", e.rolledBack());
                doc.putArray("options")
                        .addAll(e.explainOptions().stream().map(doc::textNode).toList());
                doc.putArray("notes")
                        .addAll(e.notes().stream().map(doc::textNode).toList());
            }
            c.printJson(doc);
        } else {
            c.out().print(PlanTextRenderer.render(e.plan(), e.analysis(), e.findings()));
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
}
