package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.advisor.config.ConfigAdvice;
import io.miglab.core.advisor.config.ConfigAdvisor;
import io.miglab.core.advisor.config.ConfigApplyRequest;
import io.miglab.core.advisor.config.ConfigApplyResult;
import io.miglab.core.advisor.config.ConfigProveRequest;
import io.miglab.core.advisor.config.MachineResources;
import io.miglab.core.advisor.config.PgTuneInputs;
import io.miglab.core.advisor.config.Recommendation;
import io.miglab.core.advisor.config.SettingDiff;
import io.miglab.core.advisor.config.SettingSnapshot;
import io.miglab.core.units.Ranges;
import io.miglab.core.units.Sizes;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code miglab advise config}: PGTune's settings for this machine (or the given one), as postgresql.conf lines;
 * with a target also the diff against its pg_settings, and on a lab instance apply, roll back and prove.
 */
@Command(
        name = "config",
        description = "Settings from PGTune's formulas for the machine (container limits first) or the given inputs,"
                + " as postgresql.conf lines; with --target the diff against pg_settings, --apply sets them with"
                + " ALTER SYSTEM (reload, or a restart of a lab instance), --rollback EXPERIMENT puts them back,"
                + " --prove measures them in interleaved A/B rounds.")
final class AdviseConfigCommand implements Callable<Integer> {
    @ParentCommand
    AdviseCommand advise;

    @Option(names = "--target", paramLabel = "NAME", description = "Compare with (and apply to) this target.")
    String target;

    @Option(names = "--database", paramLabel = "DB", description = "A database on the target's server.")
    String database;

    @Option(
            names = "--ram",
            paramLabel = "SIZE",
            description = "Memory for PostgreSQL, e.g. 8GB (default: this machine's).")
    String ram;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs for PostgreSQL (default: this machine's).")
    Integer cpus;

    @Option(names = "--type", paramLabel = "TYPE", description = "web, oltp, dw, desktop or mixed (default: web).")
    String type;

    @Option(
            names = "--connections",
            paramLabel = "N",
            description = "max_connections to plan for (default: the type's, web 200, oltp 300, dw 40, desktop 20,"
                    + " mixed 100).")
    Integer connections;

    @Option(names = "--storage", paramLabel = "KIND", description = "hdd, ssd, san or nvme (default: ssd).")
    String storage;

    @Option(names = "--os", paramLabel = "OS", description = "linux, windows or mac (default: this machine's).")
    String os;

    @Option(
            names = "--pg-version",
            paramLabel = "N",
            description = "PostgreSQL major version (default: the target's, else 18).")
    Integer pgVersion;

    @Option(
            names = "--data-size",
            paramLabel = "SIZE",
            description = "The data against the memory: less, mid or greater (default: mid).")
    String dataSize;

    @Option(names = "--apply", description = "Set the settings that differ on --target (ALTER SYSTEM).")
    boolean apply;

    @Option(
            names = "--rollback",
            paramLabel = "EXPERIMENT",
            description = "Put back what the config-apply experiment changed.")
    Long rollback;

    @Option(names = "--prove", description = "With --apply: A/B rounds of the settings before against after.")
    boolean prove;

    @Option(names = "--workload", paramLabel = "FILE", description = "The workload --prove measures.")
    Path workload;

    @Option(names = "--bundled", description = "--prove measures the bundled Pagila workload.")
    boolean bundled;

    @Option(names = "--rounds", paramLabel = "N", description = "--prove's measured rounds per side (default 6).")
    int rounds = AbRequest.DEFAULT_ROUNDS;

    @Option(names = "--iterations", paramLabel = "N", description = "--prove's passes per round (default 20).")
    int iterations = 20;

    @Override
    public Integer call() {
        CliContext c = advise.context();
        if (rollback != null) {
            return rollback(c);
        }
        PgTuneInputs overrides = checkOptions();
        ConfigAdvisor advisor = c.workspace().configAdvisor();
        PgTuneInputs inputs = merge(advisor.defaults(target, database), overrides);
        ConfigAdvice advice = advisor.advise(inputs);
        MachineResources machine = advisor.machine();
        List<SettingDiff> diff = target == null ? List.of() : advisor.diff(target, database, advice);

        ConfigApplyResult applied = null;
        AbRun proof = null;
        if (apply) {
            if (!advisor.writable(target)) {
                printSql(c.out(), diff, advice);
            }
            Cancellation cancellation = new Cancellation();
            applied = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> advisor.apply(
                            new ConfigApplyRequest(target, database, inputs), c.progressOnStderr(), cancellation));
            c.err()
                    .println("Stored as experiment " + applied.experimentId() + "; roll back with: miglab advise config"
                            + " --rollback " + applied.experimentId());
            if (prove) {
                long applyId = applied.experimentId();
                Cancellation proofCancellation = new Cancellation();
                ConfigProveRequest request = new ConfigProveRequest(
                        applyId,
                        database,
                        bundled
                                ? new BaselineRequest.WorkloadSource.Given(PagilaWorkload.bundled())
                                : new BaselineRequest.WorkloadSource.File(workload),
                        rounds,
                        AbRequest.defaultRound().withIterations(iterations));
                proof = CliSupport.cancellableByCtrlC(
                        proofCancellation, () -> advisor.prove(request, c.progressOnStderr(), proofCancellation));
                c.err().println("A/B stored as experiment " + proof.experimentId() + ", proving " + applyId + ".");
            }
        }
        if (c.json()) {
            ObjectNode json = Json.mapper().createObjectNode();
            json.set("inputs", Json.mapper().valueToTree(inputs));
            json.set("machine", Json.mapper().valueToTree(machine));
            json.set("settings", Json.mapper().valueToTree(advice.settings()));
            json.set("warnings", Json.mapper().valueToTree(advice.warnings()));
            json.set(
                    "alterSystem",
                    Json.mapper()
                            .valueToTree(advice.settings().stream()
                                    .map(Recommendation::alterSystem)
                                    .toList()));
            if (target != null) {
                json.set("diff", Json.mapper().valueToTree(diff));
            }
            if (applied != null) {
                json.set("apply", Json.mapper().valueToTree(applied));
            }
            if (proof != null) {
                json.set("ab", Json.mapper().valueToTree(proof));
            }
            c.printJson(json);
            return Cli.OK;
        }
        PrintStream out = c.out();
        out.println("# " + describe(inputs, machine, ram == null, cpus == null));
        out.print(advice.postgresqlConf());
        if (applied != null) {
            out.println();
            printApplied(out, applied, "Applied");
        } else if (target != null) {
            out.println();
            out.println("Against " + target + " now:");
            printDiff(out, diff);
        }
        if (proof != null) {
            out.println();
            AbCommand.print(out, proof);
        }
        return Cli.OK;
    }

    private Integer rollback(CliContext c) {
        if (apply || prove) {
            throw new MigLabException("--rollback takes no --apply or --prove: it only puts settings back.");
        }
        Cancellation cancellation = new Cancellation();
        ConfigApplyResult undone = CliSupport.cancellableByCtrlC(
                cancellation,
                () -> c.workspace().configAdvisor().rollback(rollback, c.progressOnStderr(), cancellation));
        c.err().println("Stored as experiment " + undone.experimentId() + ", undoing " + rollback + ".");
        if (c.json()) {
            c.printJson(undone);
        } else {
            printApplied(c.out(), undone, "Rolled back");
        }
        return Cli.OK;
    }

    /** Every option checked before anything reaches a server; the values given, over placeholders. */
    private PgTuneInputs checkOptions() {
        if ((apply || prove) && target == null) {
            throw new MigLabException((apply ? "--apply" : "--prove") + " needs --target: the target to change.");
        }
        if (prove && !apply) {
            throw new MigLabException("--prove measures what --apply changes: give both.");
        }
        if (prove && (workload == null) == !bundled) {
            throw new MigLabException("--prove needs a workload: --workload FILE or --bundled.");
        }
        if (!prove && (workload != null || bundled)) {
            throw new MigLabException("--workload and --bundled go with --prove.");
        }
        if (prove) {
            Ranges.require(rounds, AbRequest.MIN_ROUNDS, AbRequest.MAX_ROUNDS, "--rounds");
            Ranges.require(iterations, 1, 1_000_000, "--iterations");
        }
        PgTuneInputs in = PgTuneInputs.forMachine(Sizes.GB, 1);
        if (ram != null) {
            in = in.withRam(PgTuneInputs.parseRam(ram, "--ram"));
        }
        if (cpus != null) {
            in = in.withCpus(Ranges.require(cpus, 1, PgTuneInputs.MAX_CPUS, "--cpus"));
        }
        if (connections != null) {
            in = in.withConnections(Ranges.require(connections, 1, PgTuneInputs.MAX_CONNECTIONS, "--connections"));
        }
        if (pgVersion != null) {
            in = in.withVersion(
                    Ranges.require(pgVersion, PgTuneInputs.MIN_VERSION, PgTuneInputs.MAX_VERSION, "--pg-version"));
        }
        if (type != null) {
            in = in.withType(PgTuneInputs.DbType.parse(type, "--type"));
        }
        if (os != null) {
            in = in.withOs(PgTuneInputs.Os.parse(os, "--os"));
        }
        if (storage != null) {
            in = in.withStorage(PgTuneInputs.Storage.parse(storage, "--storage"));
        }
        if (dataSize != null) {
            in = in.withDataSize(PgTuneInputs.DataSize.parse(dataSize, "--data-size"));
        }
        return in;
    }

    /** The defaults with every option the user gave. */
    private PgTuneInputs merge(PgTuneInputs defaults, PgTuneInputs given) {
        PgTuneInputs in = defaults;
        in = ram != null ? in.withRam(given.ramBytes()) : in;
        in = cpus != null ? in.withCpus(given.cpus()) : in;
        in = connections != null ? in.withConnections(given.connections()) : in;
        in = pgVersion != null ? in.withVersion(given.version()) : in;
        in = type != null ? in.withType(given.type()) : in;
        in = os != null ? in.withOs(given.os()) : in;
        in = storage != null ? in.withStorage(given.storage()) : in;
        return dataSize != null ? in.withDataSize(given.dataSize()) : in;
    }

    static String describe(PgTuneInputs in, MachineResources machine, boolean ramFromMachine, boolean cpusFromMachine) {
        return String.format(
                Locale.ROOT,
                "PGTune inputs: PostgreSQL %d, %s, %s, %s RAM%s, %d CPUs%s, %s connections, %s, data %s RAM",
                in.version(),
                in.os().name().toLowerCase(Locale.ROOT),
                in.type().name().toLowerCase(Locale.ROOT),
                Sizes.format(in.ramBytes()),
                ramFromMachine ? " (" + machine.ramSource() + ")" : "",
                in.cpus(),
                cpusFromMachine ? " (" + machine.cpuSource() + ")" : "",
                in.connections() == null ? "the type's" : in.connections().toString(),
                in.storage().name().toLowerCase(Locale.ROOT),
                switch (in.dataSize()) {
                    case LESS -> "smaller than";
                    case MID -> "about as big as";
                    case GREATER -> "bigger than";
                });
    }

    static void printDiff(PrintStream out, List<SettingDiff> diff) {
        TextTable table =
                new TextTable("setting", "current", "recommended", "unit", "takes effect", "pending restart", "change");
        for (SettingDiff d : diff) {
            table.row(
                    d.name(),
                    d.current() == null ? "-" : d.current(),
                    d.recommended(),
                    d.unit(),
                    d.takesEffect(),
                    d.pendingRestart() ? "yes" : "",
                    d.problem() != null ? "skipped: " + d.problem() : d.differs() ? "changes" : "same");
        }
        table.print(out);
    }

    private static void printApplied(PrintStream out, ConfigApplyResult result, String verb) {
        boolean rollback = verb.startsWith("Rolled");
        TextTable table = rollback
                ? new TextTable("setting", "restored to", "by", "the apply had set")
                : new TextTable("setting", "was", "ALTER SYSTEM had", "set to");
        for (SettingSnapshot s : result.changed()) {
            if (rollback) {
                table.row(
                        s.name(),
                        s.shownSetting(),
                        s.autoConf() == null ? "RESET" : "SET '" + s.autoConf() + "'",
                        s.applied());
            } else {
                table.row(s.name(), s.shownSetting(), s.autoConf() == null ? "-" : s.autoConf(), s.applied());
            }
        }
        out.println(verb + " on " + result.target() + " (experiment " + result.experimentId() + "):");
        table.print(out);
        if (result.restarted()) {
            out.println("The lab instance was restarted for the settings that need it.");
        }
        if (result.restartNeeded()) {
            out.println("Some settings take effect only after a restart of the server; MigLab restarts only lab"
                    + " instances, so restart it yourself.");
        }
    }

    private static void printSql(PrintStream out, List<SettingDiff> diff, ConfigAdvice advice) {
        out.println("-- The statements MigLab would run (the target is locked):");
        for (SettingDiff d : diff) {
            if (d.applicable()) {
                out.println(advice.find(d.name()).orElseThrow().alterSystem() + ";");
            }
        }
        out.println("SELECT pg_reload_conf();");
    }
}
