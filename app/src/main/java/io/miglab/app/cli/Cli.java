package io.miglab.app.cli;

import io.miglab.core.MigLabException;
import io.miglab.core.workspace.MigLabHome;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code miglab} command line. {@link #run} takes the streams and the environment and returns the
 * exit code (0 success, 1 failure, 2 usage), so tests call it directly and never exit the JVM.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private Cli() {}

    /**
     * Runs one command.
     *
     * @param openGui what {@code miglab} does with no command (opens the window); null where there is no GUI
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Runnable openGui) {
        CliContext context = new CliContext(out, err, env, openGui);
        CommandLine commandLine = new CommandLine(new MigLabCommand(context));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILURE);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof MigLabException problem) {
                err.println("miglab: " + CrashLog.oneLine(String.valueOf(problem.getMessage())));
                if (problem.hint() != null) {
                    err.println(problem.hint());
                }
            } else {
                CrashLog.report(e, homeOrNull(context), cmd.getCommandSpec().qualifiedName(), err, Clock.systemUTC());
            }
            return FAILURE;
        });
        commandLine.setParameterExceptionHandler((e, cmdArgs) -> {
            // picocli prefixes argument-group messages with its own "Error: "; the "miglab: " prefix says it already.
            err.println("miglab: " + String.valueOf(e.getMessage()).replaceFirst("^Error: ", ""));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        try {
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands exceptions of the command to the handler above; what gets here is an Error
            // (OutOfMemoryError, StackOverflowError) or a failure of picocli itself: still one line, never a trace.
            CrashLog.report(e, homeOrNull(context), "miglab", err, Clock.systemUTC());
            return FAILURE;
        } finally {
            context.close();
        }
    }

    private static MigLabHome homeOrNull(CliContext context) {
        try {
            return context.home();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
