package io.miglab.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code miglab advise ...}: the tuning advisors, one subcommand each. */
@Command(
        name = "advise",
        description = "Tuning advice: settings from PGTune's formulas (config), proven by interleaved A/B rounds.",
        subcommands = {AdviseConfigCommand.class})
final class AdviseCommand {
    @ParentCommand
    MigLabCommand root;

    CliContext context() {
        return root.context();
    }
}
