package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.BaselineResult;
import io.miglab.core.workload.Baselines;
import io.miglab.core.workload.LatencySummary;
import io.miglab.core.workload.StatementError;
import io.miglab.core.workload.StatementResult;
import io.miglab.core.workload.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab baseline}: measure a workload and store it as an experiment. */
@Command(
        name = "baseline",
        description = "Run a workload against a target, measure latency and throughput, store it as an experiment.")
final class BaselineCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Mixin
    TargetOptions where;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(
                names = "--workload",
                paramLabel = "FILE",
                description = "Statements, each after a '-- name: NAME' line (optionally '-- weight: N', '-- params:"
                        + " ...').")
        Path workload;

        @Option(
                names = "--top-statements",
                paramLabel = "N",
                description = "The N heaviest statements of pg_stat_statements that take no parameters.")
        Integer topStatements;
    }

    @ArgGroup(exclusive = true)
    Length length;

    static final class Length {
        @Option(names = "--iterations", paramLabel = "N", description = "Passes through the workload per client.")
        Integer iterations;

        @Option(names = "--duration", paramLabel = "30s", description = "Run this long instead (500ms, 30s, 2m).")
        String duration;
    }

    @Option(names = "--clients", defaultValue = "1", paramLabel = "C", description = "Concurrent clients (default 1).")
    int clients;

    @Option(
            names = "--warmup",
            defaultValue = "1",
            paramLabel = "N",
            description = "Uncounted passes first (default 1).")
    int warmup;

    @Option(
            names = "--statement-timeout",
            defaultValue = "30s",
            paramLabel = "T",
            description = "statement_timeout of every statement (default 30s).")
    String statementTimeout;

    @Override
    public Integer call() {
        CliContext c = root.context();
        BaselineOptions options = options(); // checks --top-statements, with the option's name
        BaselineRequest request = new BaselineRequest(
                where.target,
                where.database,
                source.workload != null
                        ? new BaselineRequest.WorkloadSource.File(source.workload)
                        : new BaselineRequest.WorkloadSource.TopStatements(source.topStatements),
                options);
        Cancellation cancellation = new Cancellation();
        Baselines.Run run = CliSupport.cancellableByCtrlC(cancellation, () -> c.workspace()
                .baselines()
                .run(request, c.progressOnStderr(), BaselineListener.NONE, cancellation));
        List<Workload.Skipped> skipped = run.notReplayed();
        for (Workload.Skipped s : skipped.subList(0, Math.min(5, skipped.size()))) {
            c.err().println("Not replayed: " + s.query() + " (" + s.reason() + ")");
        }
        if (skipped.size() > 5) {
            c.err()
                    .println("... and " + (skipped.size() - 5) + " more statements of pg_stat_statements not"
                            + " replayed: only reads without parameters are.");
        }
        BaselineResult r = run.result();
        boolean failed = r.failure() != null;
        c.err()
                .println("Stored as experiment " + run.experimentId()
                        + (r.cancelled() ? " (cancelled, with what was measured)." : "."));
        if (c.json()) {
            var node = io.miglab.core.Json.mapper().<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(r);
            node.put("experimentId", run.experimentId());
            node.put("status", r.cancelled() ? "cancelled" : failed ? "failed" : "succeeded");
            node.put("failure", r.failure());
            c.printJson(node);
        } else {
            print(c.out(), run.experimentId(), r);
        }
        if (failed) {
            c.err().println("miglab: baseline experiment " + run.experimentId() + " failed: " + r.failure());
        }
        return r.cancelled() || failed ? Cli.FAILURE : Cli.OK;
    }

    /** Every option checked before anything connects: the parsers name the option, the record checks the ranges. */
    private BaselineOptions options() {
        if (source.topStatements != null) {
            Ranges.require(source.topStatements, 1, 100, "--top-statements");
        }
        BaselineOptions options = BaselineOptions.defaults()
                .withClients(clients)
                .withWarmup(warmup)
                .withStatementTimeout(Durations.parse(statementTimeout, "--statement-timeout"));
        if (length != null && length.duration != null) {
            return options.withDuration(Durations.parse(length.duration, "--duration"));
        }
        if (length != null && length.iterations != null) {
            return options.withIterations(length.iterations);
        }
        return options;
    }

    private static void print(PrintStream out, long id, BaselineResult r) {
        out.printf(
                Locale.ROOT,
                "Baseline of %s on database %s (experiment %d)%s: %d executions in %.2f s, %d client(s), %.1f/s,"
                        + " %d errors%n",
                r.workload(),
                r.database(),
                id,
                r.cancelled() ? " CANCELLED" : r.failure() != null ? " FAILED" : "",
                r.executions(),
                r.elapsedSeconds(),
                r.options().clients(),
                r.throughputPerSecond(),
                r.errors());
        TextTable table = new TextTable(
                "statement", "executions", "errors", "per s", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (StatementResult s : r.statements()) {
            row(table, s.name(), s.executions(), s.errors(), s.throughputPerSecond(), s.latency());
        }
        row(table, "(all)", r.executions(), r.errors(), r.throughputPerSecond(), r.latency());
        table.print(out);
        for (StatementResult s : r.statements()) {
            if (s.errors() == 0) {
                continue;
            }
            out.println("Errors of " + s.name() + " (" + s.errors() + " of " + s.executions() + " executions):");
            for (StatementError e : s.distinctErrors()) {
                out.println("  " + e.count() + " x " + e.firstLine()
                        + (e.sqlState() == null ? "" : " [SQLSTATE " + e.sqlState() + "]"));
            }
            if (s.unlistedErrors() > 0) {
                out.println("  " + s.unlistedErrors() + " x other errors (only the first "
                        + StatementResult.MAX_DISTINCT_ERRORS + " kinds are kept)");
            }
        }
        if (r.buffers() != null && r.buffers().hitRatio() != null) {
            out.printf(
                    Locale.ROOT,
                    "Shared buffers: %d hits, %d reads (%.1f %% hit, approximate)%n",
                    r.buffers().blocksHit(),
                    r.buffers().blocksRead(),
                    r.buffers().hitRatio() * 100);
        }
        if (r.statStatements() != null && !r.statStatements().available()) {
            out.println("pg_stat_statements: " + r.statStatements().hint());
        }
    }

    /** A dash, never 0.000, for a latency that does not exist (nothing succeeded). */
    private static void row(
            TextTable table, String name, long executions, long errors, double perSecond, LatencySummary latency) {
        table.row(
                name,
                executions,
                errors,
                String.format(Locale.ROOT, "%.1f", perSecond),
                latency == null ? "-" : Durations.plainMillis(latency.meanMs()),
                latency == null ? "-" : Durations.plainMillis(latency.p50Ms()),
                latency == null ? "-" : Durations.plainMillis(latency.p95Ms()),
                latency == null ? "-" : Durations.plainMillis(latency.p99Ms()),
                latency == null ? "-" : Durations.plainMillis(latency.maxMs()));
    }
}
