package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.targets.lab.LabInstance;
import io.miglab.core.targets.lab.LabInstanceManager;
import io.miglab.core.targets.lab.PostgresRelease;
import io.miglab.core.units.Ranges;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab lab ...}: embedded PostgreSQL lab instances. */
@Command(
        name = "lab",
        description = "Start, stop and inspect embedded PostgreSQL lab instances.",
        subcommands = {
            LabCommand.Start.class,
            LabCommand.Stop.class,
            LabCommand.Restart.class,
            LabCommand.Status.class,
            LabCommand.ListInstances.class,
            LabCommand.Log.class,
            LabCommand.Top.class,
            LabCommand.Delete.class
        })
final class LabCommand {
    @ParentCommand
    MigLabCommand root;

    CliContext context() {
        return root.context();
    }

    abstract static class NamedInstance implements Callable<Integer> {
        @ParentCommand
        LabCommand lab;

        @Option(
                names = {"-n", "--name"},
                paramLabel = "N",
                defaultValue = LabInstanceManager.DEFAULT_NAME,
                description = "Instance name (default: ${DEFAULT-VALUE}).")
        String name;

        CliContext context() {
            return lab.context();
        }

        LabInstanceManager manager() {
            return context().workspace().labInstances();
        }

        void report(LabInstance instance) {
            CliContext c = context();
            if (c.json()) {
                c.printJson(toJson(instance));
            } else {
                c.out().println(describe(instance));
            }
        }
    }

    @Command(
            name = "start",
            description =
                    "Create (first time) and start a lab instance; it keeps running after" + " this command exits.")
    static final class Start extends NamedInstance {
        @Option(
                names = "--pg-version",
                paramLabel = "MAJOR",
                description = "PostgreSQL major version of a new instance: 15, 16, 17 or 18 (default: 16; an"
                        + " existing instance keeps its own). Binaries are downloaded the first time a version is"
                        + " used.")
        Integer pgVersion;

        @Override
        public Integer call() {
            if (pgVersion != null) {
                PostgresRelease.of(pgVersion);
            }
            LabInstanceManager.validateName(name);
            LabInstance instance = pgVersion == null
                    ? manager().start(name, context().progressOnStderr())
                    : manager().start(name, pgVersion, context().progressOnStderr());
            report(instance);
            return Cli.OK;
        }
    }

    @Command(name = "stop", description = "Stop a lab instance (fast shutdown).")
    static final class Stop extends NamedInstance {
        @Override
        public Integer call() {
            boolean wasRunning = manager().stop(name);
            if (!wasRunning) {
                context().err().println("Lab instance '" + name + "' was not running.");
            }
            report(manager().describe(name));
            return Cli.OK;
        }
    }

    @Command(name = "restart", description = "Restart a lab instance (to apply settings that need it).")
    static final class Restart extends NamedInstance {
        @Override
        public Integer call() {
            report(manager().restart(name, context().progressOnStderr()));
            return Cli.OK;
        }
    }

    @Command(
            name = "top",
            description = "CPU and memory of a running lab instance's PostgreSQL processes by role (backends,"
                    + " checkpointer, walwriter, ...), from /proc; --watch polls, --record keeps the samples for"
                    + " miglab size.")
    static final class Top extends NamedInstance {
        @Option(names = "--watch", description = "Poll until Ctrl-C (or --for).")
        boolean watch;

        @Option(
                names = "--interval",
                paramLabel = "D",
                defaultValue = "2s",
                description = "Between polls (default 2s).")
        String interval;

        @Option(names = "--for", paramLabel = "D", description = "Stop watching after this long (e.g. 10m).")
        String forDuration;

        @Option(names = "--record", description = "Store the samples as an experiment (implies --watch).")
        boolean record;

        @Override
        public Integer call() {
            CliContext c = context();
            java.time.Duration every = io.miglab.core.units.Durations.parse(interval, "--interval");
            java.time.Duration limit =
                    forDuration == null ? null : io.miglab.core.units.Durations.parse(forDuration, "--for");
            io.miglab.core.metrics.Metrics.checkInterval(every);
            io.miglab.core.metrics.Metrics metrics = c.workspace().metrics();
            java.util.function.Consumer<io.miglab.core.metrics.MetricsSnapshot> show = s -> {
                if (c.json()) {
                    c.printJson(s);
                } else {
                    K8sCommand.Top.print(c.out(), s);
                }
            };
            io.miglab.core.Cancellation cancellation = new io.miglab.core.Cancellation();
            // One poll reads no CPU yet (it is the ticks between two): a single look takes two, an interval apart.
            boolean once = !watch && !record;
            io.miglab.core.metrics.MetricSource source = metrics.labInstanceSource(name);
            int[] polls = {0};
            io.miglab.core.metrics.Metrics.Watch w = CliSupport.cancellableByCtrlC(
                    cancellation,
                    () -> metrics.watch(
                            source,
                            every,
                            once ? null : limit,
                            record,
                            s -> {
                                if (!once) {
                                    show.accept(s);
                                } else if (++polls[0] == 2) {
                                    show.accept(s);
                                    cancellation.cancel();
                                }
                            },
                            cancellation));
            if (!once) {
                c.err()
                        .println(w.polls() + " poll(s), " + w.samples() + " sample(s)"
                                + (w.experimentId() > 0 ? ", stored as experiment " + w.experimentId() : "") + ".");
            }
            return Cli.OK;
        }
    }

    @Command(name = "status", description = "Show whether a lab instance runs, where, and its JDBC URL.")
    static final class Status extends NamedInstance {
        @Override
        public Integer call() {
            LabInstance instance = manager()
                    .find(name)
                    .orElseThrow(() -> new MigLabException(
                            "There is no lab instance named '" + name + "'.",
                            "Create and start it with: miglab lab start --name " + name,
                            null));
            report(instance);
            return Cli.OK;
        }
    }

    @Command(name = "list", description = "List the lab instances in this MigLab home.")
    static final class ListInstances implements Callable<Integer> {
        @ParentCommand
        LabCommand lab;

        @Override
        public Integer call() {
            CliContext c = lab.context();
            List<LabInstance> instances = c.workspace().labInstances().list();
            if (c.json()) {
                ArrayNode array = Json.mapper().createArrayNode();
                instances.forEach(i -> array.add(toJson(i)));
                c.printJson(array);
                return Cli.OK;
            }
            TextTable table = new TextTable("name", "state", "port", "pid", "version", "directory");
            for (LabInstance i : instances) {
                table.row(i.name(), state(i), i.port(), i.running() ? i.pid() : "", i.serverVersion(), i.directory());
            }
            table.print(c.out());
            return Cli.OK;
        }
    }

    @Command(name = "log", description = "Print the last lines of a lab instance's server log.")
    static final class Log extends NamedInstance {
        @Option(names = "--lines", defaultValue = "50", description = "How many lines (default: ${DEFAULT-VALUE}).")
        int lines;

        @Override
        public Integer call() {
            Ranges.require(lines, 1, 100_000, "--lines");
            List<String> tail = manager().logTail(name, lines);
            if (context().json()) {
                context().printJson(tail);
            } else {
                tail.forEach(context().out()::println);
            }
            return Cli.OK;
        }
    }

    @Command(name = "delete", description = "Stop a lab instance and delete it with all its data.")
    static final class Delete extends NamedInstance {
        @Option(names = "--yes", description = "Confirm: the instance's databases are deleted for good.")
        boolean yes;

        @Override
        public Integer call() {
            if (!yes) {
                throw new MigLabException(
                        "Deleting lab instance '" + name + "' destroys its data.",
                        "Run again with --yes to confirm.",
                        null);
            }
            manager().delete(name);
            context().err().println("Deleted lab instance '" + name + "'.");
            return Cli.OK;
        }
    }

    static String state(LabInstance instance) {
        return instance.running() ? "running" : "stopped";
    }

    static String describe(LabInstance i) {
        if (!i.running()) {
            return "Lab instance '" + i.name() + "' (PostgreSQL " + i.serverVersion() + ") is stopped (data in "
                    + i.dataDirectory() + ").";
        }
        return "Lab instance '" + i.name() + "' is running: PostgreSQL " + i.serverVersion() + " on 127.0.0.1:"
                + i.port() + " (pid " + i.pid() + ")\n  JDBC URL: " + i.jdbcUrl() + "\n  psql:     psql -h 127.0.0.1"
                + " -p " + i.port() + " -U " + LabInstance.SUPERUSER + "\n  log:      " + i.logFile();
    }

    static ObjectNode toJson(LabInstance i) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", i.name());
        node.put("state", state(i));
        node.put("running", i.running());
        node.put("host", "127.0.0.1");
        node.put("port", i.port());
        if (i.running()) {
            node.put("pid", i.pid());
        } else {
            node.putNull("pid");
        }
        node.put("pgVersion", i.major());
        node.put("serverVersion", i.serverVersion());
        node.put("jdbcUrl", i.jdbcUrl());
        node.put("user", LabInstance.SUPERUSER);
        node.put("database", LabInstance.DEFAULT_DATABASE);
        node.put("dataDirectory", i.dataDirectory().toString());
        node.put("logFile", i.logFile().toString());
        return node;
    }
}
