package io.miglab.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code miglab advise ...}: the tuning advisors, each a subcommand. */
@Command(
        name = "advise",
        description = "Advice to tune a target: indexes for a workload, settings for a machine.",
        subcommands = {AdviseIndexesCommand.class})
final class AdviseCommand {
    @ParentCommand
    MigLabCommand root;
}
