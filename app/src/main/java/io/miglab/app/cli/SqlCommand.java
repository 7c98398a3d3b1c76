package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.script.ScriptError;
import io.miglab.core.script.ScriptRequest;
import io.miglab.core.script.ScriptResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab sql ...}: SQL scripts, run the way psql runs them. */
@Command(
        name = "sql",
        description = "Run SQL scripts (psql-compatible: COPY blocks, \\connect, \\i, ...).",
        subcommands = {SqlCommand.Run.class})
final class SqlCommand {
    @ParentCommand
    MigLabCommand root;

    @Command(name = "run", description = "Run script files in order, stopping at the first error.")
    static final class Run implements Callable<Integer> {
        @ParentCommand
        SqlCommand parent;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Script files, run in order in one session.")
        List<Path> files;

        @Option(names = "--target", required = true, paramLabel = "NAME", description = "The target to run on.")
        String target;

        @Option(
                names = "--database",
                paramLabel = "DB",
                description = "Start in this database (default: the target's).")
        String database;

        @Option(names = "--single-transaction", description = "All or nothing: one transaction around everything.")
        boolean singleTransaction;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            ScriptResult result = c.workspace()
                    .scripts()
                    .run(
                            new ScriptRequest(target, database, files, singleTransaction, true),
                            c.progressOnStderr(),
                            Cancellation.none());
            for (ScriptError error : result.errors()) {
                c.err().println("miglab: " + error.describe());
            }
            if (c.json()) {
                c.printJson(result);
                return result.succeeded() ? Cli.OK : Cli.FAILURE;
            }
            result.echoOutput().forEach(c.out()::println);
            c.err()
                    .println(String.format(
                            Locale.ROOT,
                            "%d statements, %d rows copied, %d files in %.2f s%s",
                            result.statements(),
                            result.rowsCopied(),
                            result.files(),
                            result.elapsed().toNanos() / 1e9,
                            result.stoppedBy() != null ? " (stopped at the first error)" : ""));
            return result.succeeded() ? Cli.OK : Cli.FAILURE;
        }
    }
}
