package io.miglab.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code miglab script ...}: the migration script lab. */
@Command(
        name = "script",
        description = "Review a data-migration script before a release.",
        subcommands = {ScriptLintCommand.class, ScriptTimeCommand.class})
final class ScriptCommand {
    @ParentCommand
    MigLabCommand root;
}
