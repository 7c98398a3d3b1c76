package io.miglab.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.miglab.core.Json;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command shares: the streams, the environment, the chosen home and the workspace opened on it (lazily,
 * so {@code --help} touches nothing on disk).
 */
public final class CliContext implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    private java.io.InputStream in;
    private final Map<String, String> env;
    private final Runnable openGui;
    private Path homeOption;
    private boolean json;
    private Workspace workspace;

    CliContext(PrintStream out, PrintStream err, Map<String, String> env, Runnable openGui) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.openGui = openGui;
    }

    void setHome(Path home) {
        this.homeOption = home;
    }

    void setJson(boolean json) {
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** Standard input, for {@code -} arguments (a plan piped in). */
    public java.io.InputStream in() {
        return in != null ? in : System.in;
    }

    void setIn(java.io.InputStream in) {
        this.in = in;
    }

    public PrintStream out() {
        return out;
    }

    /** Standard error; a progress bar drawn in place is ended first, so the line after it starts clean. */
    public PrintStream err() {
        if (barShown) {
            err.println();
            barShown = false;
        }
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    Runnable openGui() {
        return openGui;
    }

    public MigLabHome home() {
        return MigLabHome.resolve(homeOption, env);
    }

    public Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.open(home(), env);
        }
        return workspace;
    }

    /**
     * Progress on stderr, so stdout stays clean for results and JSON: a bar redrawn in place on a terminal
     * ({@code [######------]  45 %  Copying rental}), a line per change otherwise (logs, CI, tests).
     */
    public ProgressListener progressOnStderr() {
        boolean terminal = System.console() != null && !"dumb".equals(env.get("TERM"));
        return new ProgressListener() {
            private String last = "";

            @Override
            public void report(Progress progress) {
                String line = terminal ? bar(progress) : plain(progress);
                if (line.equals(last)) {
                    return;
                }
                last = line;
                if (terminal) {
                    err.print("\r" + line);
                    err.flush();
                    barShown = true;
                } else {
                    err.println(line);
                }
            }
        };
    }

    private boolean barShown;

    private static String plain(Progress progress) {
        return progress.total() > 0
                ? String.format("%s (%d/%d)", progress.message(), progress.done(), progress.total())
                : progress.message();
    }

    static String bar(Progress progress) {
        int width = 24;
        String message =
                progress.message().length() > 48 ? progress.message().substring(0, 45) + "..." : progress.message();
        if (progress.total() <= 0) {
            return String.format("%-" + (width + 9) + "s  %-48s", "[" + "~".repeat(width) + "]", message);
        }
        double share = Math.max(0, Math.min(1, (double) progress.done() / progress.total()));
        int filled = (int) Math.round(share * width);
        return String.format(
                java.util.Locale.ROOT,
                "[%s%s] %3.0f %%  %-48s",
                "#".repeat(filled),
                "-".repeat(width - filled),
                share * 100,
                message);
    }

    /** Prints one JSON document on stdout. */
    public void printJson(Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render JSON output", e);
        }
    }

    @Override
    public void close() {
        if (barShown) {
            err.println();
        }
        if (workspace != null) {
            workspace.close();
        }
    }
}
