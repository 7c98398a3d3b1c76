package io.miglab.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code miglab advise ...}: the tuning advisors, one subcommand each. */
@Command(
        name = "advise",
        description = "Advice to tune a target, proven by interleaved A/B rounds: indexes for a workload (indexes),"
                + " settings from PGTune's formulas for a machine (config).",
        subcommands = {AdviseIndexesCommand.class, AdviseConfigCommand.class})
final class AdviseCommand {
    @ParentCommand
    MigLabCommand root;

    CliContext context() {
        return root.context();
    }
}
