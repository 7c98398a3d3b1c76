package io.miglab.app.cli;

import io.miglab.core.workspace.MigLabHome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What the CLI does with an error it did not expect (a bug, not bad input): one line on stderr, and the stack trace
 * in a file under the MigLab home's {@code logs} folder, named on a second line, so a user sees no wall of
 * {@code at ...} lines and a bug report still gets the whole story. Passwords in URLs are masked in both.
 */
final class CrashLog {
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private CrashLog() {}

    /**
     * Reports {@code error} on {@code err} and in a new log file.
     *
     * @param home where the log goes; null when the home itself could not be resolved
     * @param command the command's name path ({@code miglab baseline}); never its arguments, which may hold secrets
     * @return the log file, or null when it could not be written
     */
    static Path report(Throwable error, MigLabHome home, String command, PrintStream err, Clock clock) {
        Throwable shown = error.getCause() != null && error instanceof picocli.CommandLine.ExecutionException
                ? error.getCause()
                : error;
        err.println("miglab: unexpected error: " + shown.getClass().getSimpleName()
                + (shown.getMessage() == null ? "" : ": " + oneLine(shown.getMessage())));
        if (home == null) {
            err.println("miglab: the details could not be written: no MigLab home.");
            return null;
        }
        Path file = home.logsDir()
                .resolve("miglab-error-" + FILE_TIME.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)) + ".log");
        try {
            Files.createDirectories(file.getParent());
            StringWriter trace = new StringWriter();
            shown.printStackTrace(new PrintWriter(trace));
            String text = "MigLab unexpected error at " + clock.instant() + System.lineSeparator()
                    + "Command: " + command + System.lineSeparator()
                    + "Java: " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
                    + System.lineSeparator() + System.lineSeparator()
                    + io.miglab.core.report.Redaction.text(trace.toString());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            err.println("miglab: the details are in " + file);
            return file;
        } catch (IOException | RuntimeException e) {
            err.println("miglab: the details could not be written to " + file.getParent() + ": " + e.getMessage());
            return null;
        }
    }

    /** A message on one line: line breaks (PostgreSQL's Position, Hint, Where lines) become spaces; passwords masked. */
    static String oneLine(String message) {
        return io.miglab.core.report.Redaction.text(message.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
