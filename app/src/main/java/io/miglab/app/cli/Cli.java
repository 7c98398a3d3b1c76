package io.miglab.app.cli;

import io.miglab.core.MigLabException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            MigLabException problem = e instanceof MigLabException m ? m : null;
            if (problem != null) {
                err.println("miglab: " + problem.getMessage());
                if (problem.hint() != null) {
                    err.println(problem.hint());
                }
            } else {
                // A bug, not bad input: one line for the user, the whole story in a file for the bug report.
                err.println("miglab: unexpected error (" + e.getClass().getSimpleName() + "): "
                        + firstLine(e.getMessage()));
                Path report = writeReport(context, args, e);
                if (report != null) {
                    err.println("The details are in " + report + "; please attach it to a bug report.");
                }
            }
            return FAILURE;
        });
        commandLine.setParameterExceptionHandler((e, cmdArgs) -> {
            err.println("miglab: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("miglab: out of memory; give the JVM more (-Xmx) or the command less to hold.");
            return FAILURE;
        } finally {
            context.close();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    /** Writes the stack trace under the home's logs folder; null when even that fails. */
    private static Path writeReport(CliContext context, String[] args, Throwable e) {
        try {
            Path logs = context.home().logsDir();
            Files.createDirectories(logs);
            Path file = logs.resolve("error-" + System.currentTimeMillis() + ".txt");
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            Files.writeString(
                    file, "miglab " + String.join(" ", redacted(args)) + "\n\n" + trace, StandardCharsets.UTF_8);
            return file;
        } catch (IOException | RuntimeException ignored) {
            return null;
        }
    }

    /** The command line without anything that looks like a password in a URL. */
    private static List<String> redacted(String[] args) {
        return java.util.Arrays.stream(args)
                .map(io.miglab.core.targets.ConnectionSpec::redactUrl)
                .toList();
    }
}
