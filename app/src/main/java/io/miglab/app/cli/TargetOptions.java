package io.miglab.app.cli;

import picocli.CommandLine.Option;

/** {@code --target} and {@code --database}, the same on every command that works inside a database. */
final class TargetOptions {
    @Option(
            names = "--target",
            required = true,
            paramLabel = "NAME",
            description = "The target to work on (see: miglab target list).")
    String target;

    @Option(
            names = "--database",
            paramLabel = "DB",
            description = "A database on the target's server (default: the target's own).")
    String database;
}
