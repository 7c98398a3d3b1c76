package io.miglab.app;

import io.miglab.app.cli.Cli;

/**
 * The jar's entry point. With a command it runs the CLI (no display needed); with none it opens the app. It is a
 * plain class rather than the {@code Application} subclass, so the JavaFX runtime can be on the class path of a
 * shaded jar.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        int code = Cli.run(args, System.out, System.err, System.getenv(), () -> MigLabApp.launchWindow(args));
        System.exit(code);
    }
}
