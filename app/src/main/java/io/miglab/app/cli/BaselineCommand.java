package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.inventory.StatStatements;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRecorder;
import io.miglab.core.workload.BaselineResult;
import io.miglab.core.workload.BaselineRunner;
import io.miglab.core.workload.StatementResult;
import io.miglab.core.workload.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab baseline}: measure a workload and store it as an experiment. */
@Command(
        name = "baseline",
        description = "Run a workload against a target, measure latency and throughput, store it as an experiment.")
final class BaselineCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "NAME",
            description = "The target to run on (see: miglab target list).")
    String target;

    @Option(names = "--database", paramLabel = "D", description = "Another database on the target's server.")
    String database;

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
        BaselineOptions options = BaselineOptions.defaults()
                .withClients(clients)
                .withWarmup(warmup)
                .withStatementTimeout(CliSupport.parseDuration(statementTimeout, "--statement-timeout"));
        if (length != null && length.duration != null) {
            options = options.withDuration(CliSupport.parseDuration(length.duration, "--duration"));
        } else if (length != null && length.iterations != null) {
            if (length.iterations < 1) {
                throw new MigLabException("--iterations must be at least 1.");
            }
            options = options.withIterations(length.iterations);
        }
        TargetConnector connector = c.workspace().targets().connector(target);
        Workload w = source.workload != null ? Workload.read(source.workload) : topStatements(connector);
        BaselineRecorder recorder = new BaselineRecorder(c.workspace().ledger());
        Cancellation cancellation = new Cancellation();
        BaselineOptions chosen = options;
        BaselineRecorder.Recorded recorded = CliSupport.cancellableByCtrlC(
                cancellation,
                () -> recorder.runAndRecord(
                        new BaselineRunner(connector),
                        CliSupport.fingerprint(target, connector, null),
                        database,
                        w,
                        chosen,
                        cancellation,
                        c.progressOnStderr(),
                        BaselineListener.NONE));
        BaselineResult r = recorded.result();
        c.err()
                .println("Stored as experiment " + recorded.experimentId()
                        + (r.cancelled() ? " (cancelled, with what was measured)." : "."));
        if (c.json()) {
            var node = io.miglab.core.Json.mapper().<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(r);
            node.put("experimentId", recorded.experimentId());
            c.printJson(node);
        } else {
            print(c.out(), recorded.experimentId(), r);
        }
        return r.cancelled() ? Cli.FAILURE : Cli.OK;
    }

    private Workload topStatements(TargetConnector connector) {
        if (source.topStatements < 1) {
            throw new MigLabException("--top-statements must be at least 1.");
        }
        try (Connection connection = connector.openOrExplain(database)) {
            StatStatements pgss = StatStatements.probe(connection);
            if (!pgss.available()) {
                throw new MigLabException(pgss.hint());
            }
            // Ask for more than needed: statements with parameters, and anything but reads, are left out.
            Workload.Replay replay = Workload.fromTopStatements(
                    "pg_stat_statements top " + source.topStatements,
                    pgss.top(connection, source.topStatements * 5),
                    source.topStatements);
            for (Workload.Skipped skipped : replay.skipped()) {
                root.context().err().println("Not replayed: " + skipped.query() + " (" + skipped.reason() + ")");
            }
            return replay.workload();
        } catch (SQLException e) {
            throw new MigLabException("Cannot read pg_stat_statements on " + target + ": " + e.getMessage(), e);
        }
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
            table.row(
                    s.name(),
                    s.executions(),
                    s.errors(),
                    String.format(Locale.ROOT, "%.1f", s.throughputPerSecond()),
                    CliSupport.ms(s.latency().meanMs()),
                    CliSupport.ms(s.latency().p50Ms()),
                    CliSupport.ms(s.latency().p95Ms()),
                    CliSupport.ms(s.latency().p99Ms()),
                    CliSupport.ms(s.latency().maxMs()));
        }
        table.row(
                "(all)",
                r.executions(),
                r.errors(),
                String.format(Locale.ROOT, "%.1f", r.throughputPerSecond()),
                CliSupport.ms(r.latency().meanMs()),
                CliSupport.ms(r.latency().p50Ms()),
                CliSupport.ms(r.latency().p95Ms()),
                CliSupport.ms(r.latency().p99Ms()),
                CliSupport.ms(r.latency().maxMs()));
        table.print(out);
        r.statements().stream()
                .filter(s -> s.firstError() != null)
                .forEach(s -> out.println("First error of " + s.name() + ": " + s.firstError()));
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
