package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.migrate.upgrade.UpgradeRehearsal;
import io.miglab.core.migrate.upgrade.UpgradeRequest;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab upgrade}: major-version upgrades. */
@Command(
        name = "upgrade",
        description = "Major-version upgrades of PostgreSQL.",
        subcommands = {UpgradeCommand.Rehearse.class})
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Override
    public Integer call() {
        root.context().err().println("miglab upgrade: choose a subcommand: rehearse. See 'miglab upgrade --help'.");
        return Cli.USAGE;
    }

    /** {@code miglab upgrade rehearse}: dump, restore into the new major, validate, compare baselines. */
    @Command(
            name = "rehearse",
            description = "Rehearse an upgrade: dump the old server with the pg_dump that fits it, restore into a lab"
                    + " instance on the new major (created when missing), validate every row, run the same baseline"
                    + " on both and compare; each step an experiment linked to one 'upgrade' experiment. Exit 1 when"
                    + " a step fails.")
    static final class Rehearse implements Callable<Integer> {
        @ParentCommand
        UpgradeCommand parent;

        @Option(names = "--from", required = true, paramLabel = "NAME", description = "The target on the old major.")
        String from;

        @Option(
                names = "--database",
                paramLabel = "DB",
                description = "The database to move (default: the source's own).")
        String database;

        @Option(
                names = "--to-version",
                required = true,
                paramLabel = "MAJOR",
                description = "The new major: 15, 16, 17 or 18.")
        int toVersion;

        @Option(
                names = "--to",
                paramLabel = "NAME",
                description = "The lab instance on the new major (default: <from>-pg<major>; created when missing).")
        String to;

        @ArgGroup(exclusive = true)
        Source source;

        static final class Source {
            @Option(names = "--workload", paramLabel = "FILE", description = "Statements, each after '-- name: NAME'.")
            Path workload;

            @Option(names = "--bundled", description = "The bundled Pagila workload (the default).")
            boolean bundled;
        }

        @Option(
                names = "--iterations",
                defaultValue = "20",
                paramLabel = "N",
                description = "Workload passes per side (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(
                names = {"-j", "--jobs"},
                paramLabel = "N",
                description = "pg_restore workers (default: cores, at most 4).")
        Integer jobs;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            Workload workload =
                    source == null || source.bundled ? PagilaWorkload.bundled() : Workload.read(source.workload);
            UpgradeRequest defaults =
                    UpgradeRequest.of(from, database, toVersion, new BaselineRequest.WorkloadSource.Given(workload));
            UpgradeRequest request = new UpgradeRequest(
                    defaults.from(),
                    defaults.database(),
                    defaults.toMajor(),
                    to,
                    defaults.workload(),
                    iterations,
                    jobs == null ? defaults.jobs() : jobs);
            Cancellation cancellation = new Cancellation();
            UpgradeRehearsal.Rehearsal r = CliSupport.cancellableByCtrlC(
                    cancellation, () -> c.workspace().upgrades().rehearse(request, c.progressOnStderr(), cancellation));
            c.err().println("Stored as experiment " + r.experimentId() + ".");
            if (c.json()) {
                ObjectNode node = Json.mapper().valueToTree(r.report());
                node.put("experimentId", r.experimentId());
                c.printJson(node);
            } else {
                print(c.out(), r);
            }
            return r.report().passed() ? Cli.OK : Cli.FAILURE;
        }

        static void print(PrintStream out, UpgradeRehearsal.Rehearsal rehearsal) {
            UpgradeRehearsal.UpgradeReport r = rehearsal.report();
            out.printf(
                    Locale.ROOT,
                    "Upgrade rehearsal of %s: %s (PostgreSQL %s) -> %s (PostgreSQL %s): %s in %.1f s, experiment %d%n",
                    r.database(),
                    r.from(),
                    r.fromVersion(),
                    r.to(),
                    r.toVersion() == null ? "?" : r.toVersion(),
                    r.passed() ? "PASSED" : "FAILED",
                    r.seconds(),
                    rehearsal.experimentId());
            TextTable steps = new TextTable("step", "outcome", "seconds", "experiment", "detail");
            for (UpgradeRehearsal.Step s : r.steps()) {
                steps.row(
                        s.name(),
                        s.outcome(),
                        s.outcome().equals("skipped") ? "-" : String.format(Locale.ROOT, "%.2f", s.seconds()),
                        s.experimentId() > 0 ? s.experimentId() : "-",
                        s.detail());
            }
            steps.print(out);
            if (r.failure() != null) {
                out.println();
                out.println("Stopped: " + r.failure());
            }
            if (r.comparison() != null) {
                out.println();
                out.println("The new major (B = " + r.to() + ") against the old (A = " + r.from()
                        + "), ratio of medians B / A; below 1 means faster after the upgrade:");
                ComparisonTable.print(out, r.comparison());
            }
        }
    }
}
