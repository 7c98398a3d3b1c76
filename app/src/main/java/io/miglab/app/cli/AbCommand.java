package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Ranges;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.BaselineOptions;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab ab}: two configurations measured in interleaved rounds, B against A per statement. */
@Command(
        name = "ab",
        description = "A/B test in interleaved rounds (A B B A ...): before each round the side's setup SQL runs, then"
                + " the workload is measured; per statement the ratio of medians B / A with a 95 %% interval and a"
                + " verdict, stored as one experiment.")
final class AbCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Mixin
    TargetOptions where;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--workload", paramLabel = "FILE", description = "A workload file ('-- name: NAME' blocks).")
        Path workload;

        @Option(names = "--bundled", description = "The bundled Pagila workload.")
        boolean bundled;
    }

    @Option(
            names = "--a-setup",
            paramLabel = "SQL",
            description = "SQL run before each A round, e.g. \"DROP INDEX IF EXISTS x\" (default: none).")
    String aSetup;

    @Option(
            names = "--b-setup",
            paramLabel = "SQL",
            description = "SQL run before each B round, e.g. \"CREATE INDEX IF NOT EXISTS x ON t (c)\".")
    String bSetup;

    @Option(names = "--a-label", paramLabel = "TEXT", description = "What A is, in the results (default: A).")
    String aLabel = "A";

    @Option(names = "--b-label", paramLabel = "TEXT", description = "What B is, in the results (default: B).")
    String bLabel = "B";

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "Measured rounds per side, 4 to 100 (default 6), after one uncounted round each.")
    int rounds = AbRequest.DEFAULT_ROUNDS;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            description = "Passes through the workload per round and client (default 20).")
    int iterations = 20;

    @Option(names = "--clients", paramLabel = "C", description = "Concurrent clients (default 1).")
    int clients = 1;

    @Option(
            names = "--statement-timeout",
            paramLabel = "T",
            description = "statement_timeout of every statement (default 30s).")
    String statementTimeout = "30s";

    @Option(
            names = "--proves",
            paramLabel = "EXPERIMENT",
            description = "Link the test to the experiment it gives evidence for.")
    Long proves;

    @Override
    public Integer call() {
        CliContext c = root.context();
        // Checked here, before anything connects, so the message names the option.
        Ranges.require(rounds, AbRequest.MIN_ROUNDS, AbRequest.MAX_ROUNDS, "--rounds");
        Ranges.require(iterations, 1, BaselineOptions.MAX_ITERATIONS, "--iterations");
        Ranges.require(clients, 1, BaselineOptions.MAX_CLIENTS, "--clients");
        BaselineOptions round = AbRequest.defaultRound()
                .withIterations(iterations)
                .withClients(clients)
                .withStatementTimeout(Durations.parse(statementTimeout, "--statement-timeout"));
        AbRequest request = new AbRequest(
                where.target,
                where.database,
                source.bundled
                        ? new BaselineRequest.WorkloadSource.Given(PagilaWorkload.bundled())
                        : new BaselineRequest.WorkloadSource.File(source.workload),
                AbRequest.AbSide.of(aLabel, aSetup),
                AbRequest.AbSide.of(bLabel, bSetup),
                rounds,
                round,
                proves);
        Cancellation cancellation = new Cancellation();
        AbRun run = CliSupport.cancellableByCtrlC(
                cancellation, () -> c.workspace().abTests().run(request, c.progressOnStderr(), cancellation));
        c.err()
                .println("Stored as experiment " + run.experimentId()
                        + (run.cancelled() ? " (cancelled, with the rounds it finished)." : "."));
        if (c.json()) {
            c.printJson(run);
        } else {
            print(c.out(), run);
        }
        return run.cancelled() ? Cli.FAILURE : Cli.OK;
    }

    static void print(PrintStream out, AbRun run) {
        long pairs = run.rounds().stream()
                .filter(r -> r.counted() && r.side() == 'B')
                .count();
        double setupA = meanSetup(run, 'A');
        double setupB = meanSetup(run, 'B');
        out.printf(
                Locale.ROOT,
                "B = %s against A = %s, %d interleaved pairs of rounds (ratio of medians B / A; below 1 means B is"
                        + " faster)%n",
                run.bLabel(),
                run.aLabel(),
                pairs);
        ComparisonTable.print(out, run.comparison());
        out.printf(Locale.ROOT, "Setup per round: A %s ms, B %s ms%n", plain(setupA), plain(setupB));
    }

    private static double meanSetup(AbRun run, char side) {
        return run.rounds().stream()
                .filter(r -> r.side() == side)
                .mapToDouble(AbRun.Round::setupMs)
                .average()
                .orElse(0);
    }

    private static String plain(double ms) {
        return Durations.plainMillis(ms);
    }
}
