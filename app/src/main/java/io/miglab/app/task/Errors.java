package io.miglab.app.task;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.ConnectionCheck;
import io.miglab.core.targets.guard.GuardRefusedException;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure into the words a dialog shows: the user-facing message, never a stack trace. lab-core words its
 * advice for the command line ("Unlock it first: miglab target unlock ..."); here that advice is reworded for the
 * app, naming the page and the button instead.
 */
public final class Errors {
    private Errors() {}

    /** lab-core's command-line advice, each with the same advice for the app. */
    private static final List<Rewrite> REWRITES = List.of(
            new Rewrite(
                    "Unlock it first: miglab target unlock \\S+ --reason \"\\.\\.\\.\", or Unlock writes on the Targets"
                            + " page\\.",
                    "Unlock it on the Targets page."),
            new Rewrite(
                    "Create and start it with: miglab lab start --name \\S+",
                    "Create it with New lab instance on" + " the Targets page."),
            new Rewrite("Start it with: miglab lab start --name \\S+", "Start it on the Targets page."),
            new Rewrite("Stop it with: miglab lab stop --name \\S+", "Stop it on the Targets page."),
            new Rewrite(
                    "Start the lab instance \\(miglab lab start\\) or add a target \\(miglab target add\\)\\.",
                    "Start the lab instance or add a target on the Targets page."),
            new Rewrite(
                    "Remove it first \\(miglab target remove \\S+\\) or choose another name\\.",
                    "Remove it on the Targets page first, or choose another name."),
            new Rewrite(
                    "Remove it \\(miglab target remove \\S+\\) and add it again\\.",
                    "Remove it on the Targets page and add it again."),
            new Rewrite(
                    "Run several statements as a script \\(miglab sql run\\) or one at a time\\.",
                    "Run the statements one at a time."),
            new Rewrite(
                    "Choose another folder with --home or MIGLAB_HOME\\.", "Start MigLab with another MIGLAB_HOME."),
            new Rewrite(
                    "or another MigLab home \\(--home or MIGLAB_HOME\\)\\.", "or another MigLab home (MIGLAB_HOME)."));

    /** Whatever is left that names a command: a parenthesis or a sentence holding "miglab <command>" or a flag. */
    private static final Pattern LEFT_OVER_COMMAND = Pattern.compile(
            "\\s*\\((?:[^()]*\\bmiglab [a-z][^()]*|[^()]*\\s--[a-z][^()]*)\\)|[^.\\n]*\\bmiglab [a-z]+\\b[^.\\n]*\\.?");

    private record Rewrite(Pattern pattern, String replacement) {
        Rewrite(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }
    }

    public static String userMessage(Throwable e) {
        if (e instanceof MigLabException m) {
            return forPage(m.userMessage());
        }
        if (e instanceof GuardRefusedException refused) {
            // MigLab's own guard refused it, not PostgreSQL.
            return forPage(refused.getMessage());
        }
        if (e instanceof SQLException sql) {
            return forPage("PostgreSQL said: " + sql.getMessage());
        }
        return "Unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + forPage(e.getMessage()));
    }

    /** {@code message} with lab-core's command-line advice reworded for the app's pages. */
    public static String forPage(String message) {
        if (message == null) {
            return "";
        }
        String text = message;
        for (Rewrite rewrite : REWRITES) {
            text = rewrite.pattern().matcher(text).replaceAll(Matcher.quoteReplacement(rewrite.replacement()));
        }
        return LEFT_OVER_COMMAND.matcher(text).replaceAll("").strip();
    }

    /** The same check, its sentence worded for the app. */
    public static ConnectionCheck forPage(ConnectionCheck check) {
        if (check == null) {
            return null;
        }
        String message = forPage(check.message());
        return message.equals(check.message())
                ? check
                : new ConnectionCheck(
                        check.targetName(),
                        check.problem(),
                        message,
                        check.serverVersion(),
                        check.latency(),
                        check.readOnly(),
                        check.capabilities());
    }
}
