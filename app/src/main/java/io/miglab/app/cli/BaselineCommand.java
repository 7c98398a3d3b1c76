package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.units.Durations;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.BaselineResult;
import io.miglab.core.workload.Baselines;
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
                description = "The N heaviest reads of pg_stat_statements that take no parameters (1 to 100).")
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

    @Option(
            names = "--clients",
            defaultValue = "1",
            paramLabel = "C",
            description = "Concurrent clients, 1 to 1000 (default 1).")
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
        BaselineOptions options = BaselineOptions.defaults()
                .withClients(clients)
                .withWarmup(warmup)
                .withStatementTimeout(Durations.parse(statementTimeout, "--statement-timeout"));
        if (length != null && length.duration != null) {
            options = options.withDuration(Durations.parse(length.duration, "--duration"));
        } else if (length != null && length.iterations != null) {
            options = options.withIterations(length.iterations);
        }
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
        for (Workload.Skipped skipped : run.notReplayed()) {
            c.err().println("Not replayed: " + skipped.query() + " (" + skipped.reason() + ")");
        }
        BaselineResult r = run.result();
        c.err()
                .println("Stored as experiment " + run.experimentId()
                        + (r.cancelled() ? " (cancelled, with what was measured)." : "."));
        if (c.json()) {
            var node = io.miglab.core.Json.mapper().<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(r);
            node.put("experimentId", run.experimentId());
            node.put("failure", r.failure());
            c.printJson(node);
        } else {
            print(c.out(), run.experimentId(), r);
        }
        if (r.failure() != null && !r.cancelled()) {
            c.err().println("miglab: the baseline failed: " + r.failure());
        }
        return r.cancelled() || r.failure() != null ? Cli.FAILURE : Cli.OK;
    }

    private static void print(PrintStream out, long id, BaselineResult r) {
        out.printf(
                Locale.ROOT,
                "Baseline of %s on database %s (experiment %d)%s: %d executions in %.2f s, %d client(s), %.1f/s,"
                        + " %d errors%n",
                r.workload(),
                r.database(),
                id,
                r.cancelled() ? " CANCELLED" : "",
                r.executions(),
                r.elapsedSeconds(),
                r.options().clients(),
                r.throughputPerSecond(),
                r.errors());
        TextTable table = new TextTable(
                "statement", "executions", "errors", "per s", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (StatementResult s : r.statements()) {
            if (s.neverSucceeded()) {
                // No latency was measured: dashes, not 0.000 ms that would read as "fast".
                table.row(s.name(), s.executions(), s.errors(), "0.0", "-", "-", "-", "-", "FAILED");
                continue;
            }
            table.row(
                    s.name(),
                    s.executions(),
                    s.errors(),
                    String.format(Locale.ROOT, "%.1f", s.throughputPerSecond()),
                    Durations.plainMillis(s.latency().meanMs()),
                    Durations.plainMillis(s.latency().p50Ms()),
                    Durations.plainMillis(s.latency().p95Ms()),
                    Durations.plainMillis(s.latency().p99Ms()),
                    Durations.plainMillis(s.latency().maxMs()));
        }
        table.row(
                "(all)",
                r.executions(),
                r.errors(),
                String.format(Locale.ROOT, "%.1f", r.throughputPerSecond()),
                Durations.plainMillis(r.latency().meanMs()),
                Durations.plainMillis(r.latency().p50Ms()),
                Durations.plainMillis(r.latency().p95Ms()),
                Durations.plainMillis(r.latency().p99Ms()),
                Durations.plainMillis(r.latency().maxMs()));
        table.print(out);
        for (StatementResult s : r.statements()) {
            if (s.errors() == 0) {
                continue;
            }
            out.println("Errors of " + s.name() + " (" + s.errors() + " of " + s.executions() + " executions):");
            List<StatementResult.ErrorCount> distinct = s.distinctErrors().isEmpty() && s.firstError() != null
                    ? List.of(new StatementResult.ErrorCount(s.firstError(), s.errors()))
                    : s.distinctErrors();
            for (StatementResult.ErrorCount e : distinct) {
                out.println("  " + e.count() + " x " + e.message().replace('\n', ' '));
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
}
