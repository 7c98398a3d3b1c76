package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.migrate.dump.DumpRestore;
import io.miglab.core.migrate.dump.RestoreRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab restore}: a pg_dump archive, folder or SQL file into a target, timed per table. */
@Command(
        name = "restore",
        description = "Restore a dump (custom, directory or plain) into a lab target with pg_restore -j N, or into an"
                + " unlocked guarded target through MigLab's gated script runner; stored as an experiment.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Mixin
    TargetOptions where;

    @Option(names = "--from", required = true, paramLabel = "PATH", description = "The dump file or folder.")
    Path from;

    @Option(
            names = {"-j", "--jobs"},
            defaultValue = "1",
            paramLabel = "N",
            description = "pg_restore workers (custom and directory dumps; default 1).")
    int jobs;

    @Option(names = "--create", description = "Create the database first when it does not exist.")
    boolean create;

    @Option(names = "--clean", description = "Drop the dump's objects before creating them (--clean --if-exists).")
    boolean clean;

    @Override
    public Integer call() {
        CliContext c = root.context();
        RestoreRequest request = new RestoreRequest(from, where.target, where.database, jobs, create, clean);
        Cancellation cancellation = new Cancellation();
        DumpRestore.Restore restore = CliSupport.cancellableByCtrlC(
                cancellation, () -> c.workspace().dumpRestore().restore(request, c.progressOnStderr(), cancellation));
        c.err().println("Stored as experiment " + restore.experimentId() + ".");
        if (c.json()) {
            ObjectNode node = Json.mapper().valueToTree(restore);
            c.printJson(node);
        } else {
            print(c.out(), restore);
        }
        return Cli.OK;
    }

    static void print(PrintStream out, DumpRestore.Restore r) {
        out.printf(
                Locale.ROOT,
                "Restored a %s dump (pg_dump %s) into %s on %s (PostgreSQL %s) in %.2f s: %d table(s)%s%s,"
                        + " experiment %d%n",
                r.format().id(),
                r.dumpedBy(),
                r.database(),
                r.target(),
                r.serverVersion(),
                r.seconds(),
                r.tables().size(),
                r.rows() >= 0 ? ", " + r.rows() + " row(s)" : "",
                r.jobs() > 1 ? ", -j " + r.jobs() : "",
                r.experimentId());
        out.println("With " + r.tool());
        for (String note : r.notes()) {
            out.println("Note: " + note);
        }
        DumpCommand.tables(out, r.tables(), false);
    }
}
