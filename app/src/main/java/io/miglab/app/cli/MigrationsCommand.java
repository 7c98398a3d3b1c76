package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.migration.bench.BenchRequest;
import io.miglab.core.migration.bench.BenchResult;
import io.miglab.core.migration.bench.BenchResult.FileResult;
import io.miglab.core.migration.bench.BenchResult.KindTotal;
import io.miglab.core.migration.bench.MigrationBench;
import io.miglab.core.units.Durations;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab migrations ...}: a folder of migration files as one set. */
@Command(
        name = "migrations",
        description = "Work on a folder of migration files (Flyway V<n>__name.sql or numbered 001_name.sql).",
        subcommands = {MigrationsCommand.Bench.class})
final class MigrationsCommand {
    /** Files listed as the slowest, and statement kinds. */
    static final int SLOWEST = 5;

    @ParentCommand
    MigLabCommand root;

    @Command(
            name = "bench",
            description = "Time each migration file on a fresh copy of a database (CREATE DATABASE ... TEMPLATE),"
                    + " sequentially or in parallel batches of independent files; store the results in the ledger;"
                    + " with --against, exit 1 when a file got slower beyond the noise.")
    static final class Bench implements Callable<Integer> {
        @ParentCommand
        MigrationsCommand parent;

        @Parameters(paramLabel = "DIR", description = "The folder of migration files.")
        Path folder;

        @Option(names = "--target", required = true, paramLabel = "NAME", description = "A lab target to run on.")
        String target;

        @Option(
                names = "--database",
                paramLabel = "DB",
                description = "The start database, copied for each run; nobody else may be connected to it"
                        + " (default: the target's).")
        String database;

        @Option(names = "--parallel", description = "Run independent files at once, batch by batch.")
        boolean parallel;

        @Option(
                names = "--repeats",
                paramLabel = "N",
                description = "Runs of the whole set, one after another (default: 1, or 3 with --against).")
        Integer repeats;

        @Option(
                names = "--against",
                paramLabel = "EXP",
                description = "An earlier migrations-bench experiment to compare each file with.")
        Long against;

        @Option(
                names = "--max-regression",
                paramLabel = "PCT",
                description = "The slow-down allowed before the gate fails (default: 20%%).")
        String maxRegression;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                description = "statement_timeout for every statement of the files: 30s, 5m, 1h (default: none).")
        String timeout;

        @Option(names = "--keep", description = "Keep the scratch copies instead of dropping them.")
        boolean keep;

        @Option(names = "--no-cache", description = "Replay the set even when its end state is cached.")
        boolean noCache;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            BenchRequest request = new BenchRequest(
                    folder,
                    target,
                    database,
                    parallel,
                    repeats == null ? BenchRequest.defaultRepeats(against) : repeats,
                    against,
                    BenchRequest.parseRegression(maxRegression),
                    keep,
                    !noCache,
                    timeout == null ? null : Durations.parse(timeout, "--timeout"));
            MigrationBench bench =
                    new MigrationBench(c.workspace().ledger(), c.workspace().targets());
            Cancellation cancellation = new Cancellation();
            BenchResult r = CliSupport.cancellableByCtrlC(
                    cancellation, () -> bench.bench(request, c.progressOnStderr(), cancellation));
            c.err().println("Stored as experiment " + r.experimentId() + ".");
            if (c.json()) {
                ObjectNode node = Json.mapper().valueToTree(r);
                node.put("medianTotal", r.medianTotal());
                if (r.gate() != null) {
                    ((ObjectNode) node.get("gate")).put("passed", r.gate().passed());
                }
                c.printJson(node);
            } else {
                print(c.out(), r);
            }
            return r.gate() == null || r.gate().passed() ? Cli.OK : Cli.FAILURE;
        }
    }

    static void print(PrintStream out, BenchResult r) {
        out.printf(
                Locale.ROOT,
                "Migrations bench of %s: %d files, %s%s, experiment %d, %s per run%n",
                r.folder(),
                r.files().size(),
                r.mode(),
                r.totals().size() > 1 ? ", " + r.totals().size() + " repeats" : "",
                r.experimentId(),
                seconds(r.medianTotal()));
        if (r.cached()) {
            out.println("Unchanged set: restored from the cache template " + r.cacheDatabase()
                    + " instead of replaying; the timings are the earlier run's.");
        }
        TextTable table = new TextTable("file", "batch", "duration", "vs earlier", "slowest statement");
        for (FileResult f : r.files()) {
            table.row(f.file(), f.batch() + 1, seconds(f.medianSeconds()), versus(f, r), f.slowestKind());
        }
        table.print(out);
        out.println();
        out.println("Slowest files: "
                + String.join(
                        ", ",
                        r.slowestFiles().stream()
                                .limit(SLOWEST)
                                .map(f -> f.file() + " " + seconds(f.medianSeconds()))
                                .toList()));
        out.println("Slowest statement kinds: "
                + String.join(
                        ", ",
                        r.slowestKinds().stream()
                                .limit(SLOWEST)
                                .map(MigrationsCommand::kind)
                                .toList()));
        if (r.mode().equals("parallel")) {
            out.println("Batches: " + r.batches().size() + " (the widest runs "
                    + r.batches().stream().mapToInt(java.util.List::size).max().orElse(0) + " files at once)");
        }
        for (String problem : r.problems()) {
            out.println("Dependency problem: " + problem);
        }
        if (!r.keptDatabases().isEmpty()) {
            out.println("Kept: " + String.join(", ", r.keptDatabases()));
        }
        if (r.gate() != null) {
            out.println(
                    r.gate().passed()
                            ? String.format(
                                    Locale.ROOT,
                                    "Gate against experiment %d: PASSED (no file slower than +%.0f%% beyond the noise)",
                                    r.gate().against(),
                                    r.gate().maxRegression() * 100)
                            : String.format(
                                    Locale.ROOT,
                                    "Gate against experiment %d: FAILED, slower than +%.0f%% beyond the noise: %s",
                                    r.gate().against(),
                                    r.gate().maxRegression() * 100,
                                    String.join(", ", r.gate().regressed())));
        }
    }

    private static String versus(FileResult f, BenchResult r) {
        if (f.cached()) {
            return "cached";
        }
        if (r.gate() == null) {
            return "-";
        }
        if (f.vsEarlier() == null) {
            return "new";
        }
        var v = f.vsEarlier();
        return String.format(
                Locale.ROOT, "%.2fx [%.2f, %.2f]%s", v.ratio(), v.low(), v.high(), v.regressed() ? " SLOWER" : "");
    }

    private static String kind(KindTotal k) {
        return k.kind() + " " + seconds(k.seconds()) + " (" + k.statements() + ")";
    }

    static String seconds(double s) {
        return s >= 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.3f s", s);
    }
}
