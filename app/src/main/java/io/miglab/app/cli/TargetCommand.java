package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.RoleCapabilities;
import io.miglab.core.targets.Target;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.targets.WriteUnlock;
import io.miglab.core.units.Ranges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab target ...}: the servers MigLab works on. */
@Command(
        name = "target",
        description = "Add, list, test and remove targets (PostgreSQL servers to work on).",
        subcommands = {
            TargetCommand.Add.class,
            TargetCommand.ListTargets.class,
            TargetCommand.Test.class,
            TargetCommand.Remove.class,
            TargetCommand.Unlock.class,
            TargetCommand.Lock.class
        })
final class TargetCommand {
    @ParentCommand
    MigLabCommand root;

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        TargetCommand parent;

        CliContext context() {
            return parent.root.context();
        }

        TargetRegistry targets() {
            return context().workspace().targets();
        }
    }

    @Command(name = "add", description = "Register an external server by URL, or from the PG* environment variables.")
    static final class Add extends Sub {
        @Parameters(index = "0", paramLabel = "NAME", description = "Name to refer to it by (--target NAME).")
        String name;

        @ArgGroup(multiplicity = "1")
        Source source;

        static final class Source {
            @Option(
                    names = "--url",
                    paramLabel = "URL",
                    description = "jdbc:postgresql://host[:port]/db[?user=...&sslmode=...] or postgresql://...")
            String url;

            @Option(
                    names = "--from-env",
                    description = "Use PGHOST, PGPORT, PGUSER, PGDATABASE and PGSSLMODE, as psql does.")
            boolean fromEnv;
        }

        @Option(
                names = "--role",
                defaultValue = "guarded",
                paramLabel = "lab|guarded",
                description = "lab: disposable, full access. guarded (default): read-only unless unlocked.")
        String role;

        @Override
        public Integer call() {
            CliContext c = context();
            ConnectionSpec spec;
            if (source.fromEnv) {
                spec = ConnectionSpec.fromEnvironment(c.env());
            } else {
                ConnectionSpec.Parsed parsed = ConnectionSpec.parseUrl(source.url);
                if (parsed.passwordRemoved()) {
                    c.err()
                            .println("Note: the password in the URL was not stored. MigLab reads passwords from"
                                    + " PGPASSWORD or ~/.pgpass when it connects.");
                }
                spec = parsed.spec();
            }
            Target target = targets().add(name, spec, TargetRole.parse(role));
            if (c.json()) {
                c.printJson(toJson(target, null));
            } else {
                c.out()
                        .println("Added target '" + target.name() + "' ("
                                + target.role().label() + "): " + target.describe());
            }
            return Cli.OK;
        }
    }

    @Command(name = "list", description = "List lab instances and registered targets.")
    static final class ListTargets extends Sub {
        @Override
        public Integer call() {
            CliContext c = context();
            List<Target> all = targets().list();
            if (c.json()) {
                ArrayNode array = Json.mapper().createArrayNode();
                all.forEach(t -> array.add(toJson(t, targets().activeUnlock(t).orElse(null))));
                c.printJson(array);
                return Cli.OK;
            }
            TextTable table = new TextTable("name", "role", "kind", "connection", "writes");
            for (Target t : all) {
                WriteUnlock unlock = targets().activeUnlock(t).orElse(null);
                table.row(
                        t.name(),
                        t.role().label(),
                        t.labInstance() ? "lab instance" : "external",
                        t.describe(),
                        writes(t, unlock));
            }
            table.print(c.out());
            return Cli.OK;
        }
    }

    @Command(name = "test", description = "Connect once and say what works or what failed, in plain words.")
    static final class Test extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(
                names = "--timeout",
                defaultValue = "10",
                description = "Connect timeout in seconds (default:" + " ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Override
        public Integer call() {
            CliContext c = context();
            Ranges.require(timeoutSeconds, 1, 600, "--timeout");
            ConnectionCheck check = targets().test(name, Duration.ofSeconds(timeoutSeconds));
            if (c.json()) {
                ObjectNode node = Json.mapper().createObjectNode();
                node.put("target", check.targetName());
                node.put("ok", check.ok());
                node.put(
                        "problem",
                        check.problem() == null ? null : check.problem().name());
                node.put("message", check.message());
                node.put("serverVersion", check.serverVersion());
                if (check.latency() != null) {
                    node.put("latencyMs", check.latency().toNanos() / 1e6);
                }
                node.put("readOnly", check.readOnly());
                if (check.capabilities() != null) {
                    node.set("capabilities", capabilitiesJson(check.capabilities()));
                }
                c.printJson(node);
            } else if (check.ok()) {
                c.out().println(check.message());
                Target target = targets().get(name);
                if (target.guarded() && check.capabilities() != null) {
                    check.capabilities().explainForGuardedTarget().forEach(c.out()::println);
                }
            } else {
                c.err().println("miglab: " + check.message());
            }
            return check.ok() ? Cli.OK : Cli.FAILURE;
        }
    }

    @Command(name = "remove", description = "Forget a registered target (its experiments stay in the ledger).")
    static final class Remove extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            targets().remove(name);
            context().err().println("Removed target '" + name + "'.");
            if (context().json()) {
                context().printJson(Json.mapper().createObjectNode().put("removed", name));
            }
            return Cli.OK;
        }
    }

    @Command(name = "unlock", description = "Allow writes to a guarded target for a while; recorded in the ledger.")
    static final class Unlock extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--reason", required = true, description = "Why writes are needed (recorded).")
        String reason;

        @Option(
                names = "--minutes",
                defaultValue = "60",
                paramLabel = "N",
                description = "How long, 1 to 1440 (24 hours; default: ${DEFAULT-VALUE}).")
        String minutes;

        @Override
        public Integer call() {
            Duration duration = Duration.ofMinutes(unlockMinutes(minutes));
            WriteUnlock unlock = targets().unlock(name, reason, duration);
            if (context().json()) {
                context().printJson(Json.mapper().valueToTree(unlock));
            } else {
                context()
                        .out()
                        .println("Writes to '" + name + "' are allowed until " + unlock.expiresAt()
                                + ". Lock again with: miglab target lock " + name);
            }
            return Cli.OK;
        }
    }

    @Command(name = "lock", description = "End any write unlock of a guarded target.")
    static final class Lock extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            targets().get(name);
            targets().lock(name);
            context().err().println("Target '" + name + "' is read-only again.");
            return Cli.OK;
        }
    }

    /**
     * {@code --minutes} as a whole number from 1 to 1440, read as text so a huge or odd value gets this one-line
     * error (exit 1) instead of an overflow.
     */
    static long unlockMinutes(String text) {
        String digits = text == null ? "" : text.strip();
        long max = TargetRegistry.MAX_UNLOCK.toMinutes();
        if (digits.matches("[0-9]{1,4}")) {
            long minutes = Long.parseLong(digits);
            if (minutes >= 1 && minutes <= max) {
                return minutes;
            }
        }
        throw new MigLabException("--minutes takes a whole number of minutes from 1 to " + max + " (24 hours), not '"
                + (digits.length() > 20 ? digits.substring(0, 20) + "..." : digits) + "'.");
    }

    static String writes(Target t, WriteUnlock unlock) {
        if (!t.guarded()) {
            return "allowed";
        }
        return unlock == null
                ? "read-only"
                : "unlocked, " + unlock.remainingInWords(Instant.now()) + " (until " + unlock.expiresAt() + ")";
    }

    static ObjectNode capabilitiesJson(RoleCapabilities caps) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("role", caps.role());
        node.put("database", caps.database());
        node.put("superuser", caps.superuser());
        node.put("memberOfWriteAllData", caps.memberOfWriteAllData());
        ArrayNode roles = node.putArray("writingRoles");
        caps.writingRoles().forEach(roles::add);
        node.put("createOnDatabase", caps.createOnDatabase());
        node.put("schemasWithCreate", caps.schemasWithCreate());
        node.put("ownedTables", caps.ownedTables());
        node.put("writableTables", caps.writableTables());
        node.put("writableSequences", caps.writableSequences());
        node.put("createDatabases", caps.createDatabases());
        node.put("createRoles", caps.createRoles());
        node.put("serverAllowsWrites", caps.serverAllowsWrites());
        node.put("guard", caps.serverAllowsWrites() ? "miglab" : "server");
        ArrayNode reasons = node.putArray("whatAllowsWrites");
        caps.whatAllowsWrites().forEach(reasons::add);
        return node;
    }

    static ObjectNode toJson(Target t, WriteUnlock unlock) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", t.name());
        if (t.id() != Target.UNREGISTERED) {
            node.put("id", t.id());
        }
        node.put("role", t.role().label());
        node.put("labInstance", t.labInstance());
        node.put("host", t.connection().host());
        node.put("port", t.connection().port());
        node.put("database", t.connection().database());
        node.put("user", t.connection().effectiveUser());
        node.put("sslMode", t.connection().sslMode());
        node.put("jdbcUrl", t.connection().jdbcUrl());
        node.put("writes", writes(t, unlock));
        if (unlock != null) {
            node.put("unlockedUntil", unlock.expiresAt().toString());
        }
        return node;
    }
}
