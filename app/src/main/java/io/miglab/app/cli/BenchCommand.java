package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.target.ConnectionSpec;
import io.miglab.core.target.TargetConnector;
import io.miglab.core.workload.HarnessBenchmark;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab bench ...}: MigLab measuring itself against the tools people know. */
@Command(
        name = "bench",
        description = "Benchmarks of MigLab itself.",
        subcommands = {BenchCommand.Harness.class})
final class BenchCommand {
    @ParentCommand
    MigLabCommand root;

    @Command(
            name = "harness",
            description = "The same trivial statement through MigLab and through pgbench -c 1, side by side.")
    static final class Harness implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--target", required = true, paramLabel = "NAME")
        String target;

        @Option(names = "--sql", defaultValue = "SELECT 1", description = "The statement (default SELECT 1).")
        String sql;

        @Option(names = "--transactions", defaultValue = "5000", description = "Per side per round (default 5000).")
        int transactions;

        @Option(names = "--rounds", defaultValue = "11", description = "Alternating rounds (default 11).")
        int rounds;

        @Option(names = "--pgbench", defaultValue = "pgbench", description = "The pgbench executable.")
        String pgbench;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            TargetConnector connector = c.workspace().targets().connector(target);
            ConnectionSpec spec = connector.target().connection();
            HarnessBenchmark bench = new HarnessBenchmark(
                    connector,
                    new HarnessBenchmark.PgbenchTarget(
                            spec.host(), spec.port(), spec.effectiveUser(), spec.database()));
            Cancellation cancellation = new Cancellation();
            HarnessBenchmark.Result result = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> bench.run(
                            new HarnessBenchmark.Options(sql, transactions, rounds, Duration.ofMinutes(10), pgbench),
                            cancellation,
                            c.progressOnStderr()));
            if (c.json()) {
                c.printJson(result);
            } else {
                c.out().print(result.summary());
            }
            return Cli.OK;
        }
    }
}
