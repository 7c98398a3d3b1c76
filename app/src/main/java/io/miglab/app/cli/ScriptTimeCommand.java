package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.migration.timing.ScriptTiming;
import io.miglab.core.migration.timing.TimingRequest;
import io.miglab.core.migration.timing.TimingResult;
import io.miglab.core.migration.timing.TimingResult.Model;
import io.miglab.core.migration.timing.TimingResult.Run;
import io.miglab.core.migration.timing.TimingResult.Variant;
import io.miglab.core.migration.timing.Verdict;
import io.miglab.core.units.Counts;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Sizes;
import io.miglab.playbooks.ShippedPlaybooks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code miglab script time FILE --target T --sizes 1%,3%,10%,30%}: the script timed on samples of a database,
 * fitted and projected to production size, with the go/no-go against the migration window.
 */
@Command(
        name = "time",
        description = {
            "Time a data-migration script on samples of a database at several sizes (each a CREATE DATABASE ..."
                    + " TEMPLATE copy keeping about that share of the rows, foreign keys consistent; every run on a"
                    + " fresh copy), fit linear, n log n and power-law growth, project to production rows with a"
                    + " 95%% prediction interval, and judge it against the migration window: go only when the upper"
                    + " bound fits. With --try-fixes the lint's mechanical fixes (the temporary index on a batch"
                    + " predicate) are timed and projected beside it. Each variant runs once more per size with"
                    + " auto_explain (not timed for the fit) for the plans of its heaviest statements, inside"
                    + " plpgsql bodies too. Stored in the ledger as a script-timing experiment.",
            "Exit status: 0 when every verdict given is go or there is none, 1 on a no-go as written and for"
                    + " every fix tried, or on bad input."
        })
final class ScriptTimeCommand implements Callable<Integer> {
    @ParentCommand
    ScriptCommand parent;

    @Parameters(paramLabel = "FILE", description = "The script to time.")
    Path file;

    @Option(names = "--target", required = true, paramLabel = "NAME", description = "A lab target to run on.")
    String target;

    @Option(
            names = "--database",
            paramLabel = "DB",
            description = "The database to sample; nobody else may be connected to it (default: the target's).")
    String database;

    @Option(
            names = "--sizes",
            required = true,
            paramLabel = "PCTS",
            description = "Sizes as shares of the database, such as 1%%,3%%,10%%,30%% (at least 3 for a verdict).")
    String sizes;

    @Option(
            names = "--production-rows",
            paramLabel = "TABLE=N",
            description = "Project to N rows of TABLE (default: the largest table the script writes, at its rows in"
                    + " the database).")
    String productionRows;

    @Option(
            names = "--threshold",
            paramLabel = "DURATION",
            description = "The migration window, such as 2h or 90m (default: the Goals step's migration window;"
                    + " without either, no verdict).")
    String threshold;

    @Option(names = "--try-fixes", description = "Also time each mechanical fix the lint suggests.")
    boolean tryFixes;

    @Option(
            names = "--repeats",
            paramLabel = "N",
            defaultValue = "1",
            description = "Runs per size and variant, each on a fresh copy (default: 1).")
    int repeats;

    @Option(
            names = "--no-plans",
            description = "Skip the plans of the heaviest statements (one more run per size and variant with"
                    + " auto_explain, not timed for the fit).")
    boolean noPlans;

    @Override
    public Integer call() {
        CliContext c = parent.root.context();
        List<Double> fractions = TimingRequest.parseSizes(sizes);
        TimingRequest.TableRows rows =
                productionRows == null ? null : TimingRequest.parseProductionRows(productionRows);
        Duration window = threshold == null
                ? null
                : Durations.parse(threshold, "--threshold", Durations.SHORTEST, Duration.ofDays(365));
        // Checked before the goals are read: bad input never needs the workspace.
        new TimingRequest(file, target, database, fractions, null, null, window, tryFixes, repeats);
        if (window == null) {
            MigrationGoals goals = c.workspace()
                    .goals()
                    .load(ShippedPlaybooks.defaultPlaybook().id());
            if (goals.migrationWindow() != null) {
                if (fractions.size() >= Verdict.MINIMUM_SIZES) {
                    window = goals.migrationWindow();
                    c.err().println("Threshold: the Goals step's migration window, " + Durations.format(window) + ".");
                } else {
                    c.err()
                            .println("The Goals step's migration window needs at least " + Verdict.MINIMUM_SIZES
                                    + " sizes for a verdict: no verdict.");
                }
            }
        }
        TimingRequest request = new TimingRequest(
                file,
                target,
                database,
                fractions,
                rows == null ? null : rows.table(),
                rows == null ? null : rows.rows(),
                window,
                tryFixes,
                repeats,
                !noPlans);
        ScriptTiming timing = c.workspace().scriptTiming();
        Cancellation cancellation = new Cancellation();
        TimingResult r = CliSupport.cancellableByCtrlC(
                cancellation, () -> timing.time(request, c.progressOnStderr(), cancellation));
        c.err().println("Stored as experiment " + r.experimentId() + ".");
        if (c.json()) {
            c.printJson(r);
        } else {
            print(c.out(), r);
        }
        return allNoGo(r) ? Cli.FAILURE : Cli.OK;
    }

    /** No variant that got a verdict is go: as written and every fix tried are over the window. */
    static boolean allNoGo(TimingResult r) {
        List<String> verdicts = r.variants().stream()
                .map(Variant::verdict)
                .filter(v -> !v.equals("UNKNOWN"))
                .toList();
        return !verdicts.isEmpty() && verdicts.stream().allMatch(v -> v.equals("NO_GO"));
    }

    static void print(PrintStream out, TimingResult r) {
        out.printf(
                Locale.ROOT,
                "Script timing of %s on %s, database %s: %s by the rows of %s, %d run(s) per size and variant, each"
                        + " on a fresh copy%n",
                r.file(),
                r.target(),
                r.database(),
                r.fractions().stream().map(TimingRequest::percent).collect(Collectors.joining(", ")),
                r.table(),
                r.repeats());
        TimingResult.Server s = r.server();
        out.println("PostgreSQL " + s.version() + ", shared_buffers " + size(s.sharedBuffers())
                + ", maintenance_work_mem " + size(s.maintenanceWorkMem()) + ", RAM " + size(s.ram()) + ".");
        out.println();
        List<String> headers = new ArrayList<>(List.of("size", "rows", "table"));
        r.variants().forEach(v -> headers.add(v.label()));
        headers.add("blocks read/hit, temp (as written)");
        TextTable table = new TextTable(headers.toArray(String[]::new));
        Variant first = r.variants().get(0);
        for (int i = 0; i < first.runs().size(); i++) {
            Run run = first.runs().get(i);
            List<Object> cells = new ArrayList<>(List.of(
                    TimingRequest.percent(run.fraction()) + (r.repeats() > 1 ? " #" + (run.repeat() + 1) : ""),
                    Counts.format(run.rows()),
                    Sizes.format(run.bytes())));
            for (Variant v : r.variants()) {
                cells.add(Durations.seconds(v.runs().get(i).seconds()));
            }
            cells.add(Counts.format(run.blocksRead()) + " / " + Counts.format(run.blocksHit())
                    + (run.tempFiles() > 0
                            ? ", " + run.tempFiles() + " temp file(s) " + Sizes.format(run.tempBytes())
                            : ""));
            table.row(cells.toArray());
        }
        table.print(out);
        for (Variant v : r.variants()) {
            out.println();
            out.println(v.label()
                    + (v.fixBefore() == null
                            ? ""
                            : v.fixAfter() == null
                                    ? " (the statement rewritten as a DO block; --json shows it)"
                                    : " (" + v.fixBefore() + "; ... ; " + v.fixAfter() + ")")
                    + ":");
            for (Model m : v.models()) {
                out.printf(
                        Locale.ROOT,
                        "  %-10s LOO error %8s   %s%s%n",
                        m.model(),
                        m.looText(),
                        m.formula(),
                        m.model().equals(v.chosen()) ? "   <- chosen" : "");
            }
            if (v.exponent() != null) {
                out.printf(
                        Locale.ROOT,
                        "  exponent k (t ~ n^k): %.2f [%.2f, %.2f] (95 %%)%n",
                        v.exponent(),
                        v.exponentLow(),
                        v.exponentHigh());
            }
            if (v.projection() != null) {
                out.printf(
                        Locale.ROOT,
                        "  at %s rows of %s (%s), %s: %s (95 %% prediction interval), %.0fx the largest size"
                                + " measured%n",
                        Counts.format(v.projection().rows()),
                        r.table(),
                        r.productionSource().equals("--production-rows") ? "--production-rows" : "its rows now",
                        v.projection().model(),
                        v.projection().text(),
                        v.projection().extrapolationFactor());
                v.projection().warnings().forEach(w -> out.println("  warning: " + w));
            }
            out.println("  " + v.sentence());
            printPlans(out, v);
        }
        if (r.variants().stream().allMatch(v -> v.projection() != null)) {
            out.println();
            out.println(r.variants().stream()
                    .map(v -> v.label() + ": " + v.projection().text())
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The heaviest statements at the largest size that has any, or why there are none. */
    private static void printPlans(PrintStream out, Variant v) {
        TimingResult.SizePlans p = v.largestPlans();
        if (p == null) {
            v.plans().stream()
                    .map(TimingResult.SizePlans::note)
                    .filter(n -> n != null)
                    .findFirst()
                    .ifPresent(n -> out.println("  plans: " + n));
            return;
        }
        out.printf(
                Locale.ROOT,
                "  heaviest statements at %s (%s rows; explained run %s, statements of %d ms or more):%n",
                TimingRequest.percent(p.fraction()),
                Counts.format(p.rows()),
                Durations.seconds(p.seconds()),
                p.thresholdMillis());
        for (TimingResult.HeavyStatement h : p.statements()) {
            out.printf(
                    Locale.ROOT,
                    "    %s in %s call(s), slowest %s: %s%n      %s%n",
                    Durations.seconds(h.totalMillis() / 1000),
                    Counts.format(h.calls()),
                    Durations.seconds(h.maxMillis() / 1000),
                    h.queryLine(100),
                    h.summary());
        }
    }

    private static String size(Long bytes) {
        return bytes == null ? "unknown" : Sizes.format(bytes);
    }
}
