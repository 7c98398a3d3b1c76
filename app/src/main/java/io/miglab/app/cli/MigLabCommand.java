package io.miglab.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code miglab}: the root command. With no subcommand it opens the app. */
@Command(
        name = "miglab",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "MigLab, a performance lab for database migrations. With no command, opens the app.",
        subcommands = {
            LabCommand.class,
            TargetCommand.class,
            ExperimentsCommand.class,
            SqlCommand.class,
            ScriptCommand.class,
            DatasetCommand.class,
            InventoryCommand.class,
            BaselineCommand.class,
            CompareCommand.class,
            AbCommand.class,
            AdviseCommand.class,
            ExplainCommand.class,
            ValidateCommand.class,
            SizeCommand.class,
            K8sCommand.class,
            LoadCommand.class,
            DumpCommand.class,
            RestoreCommand.class,
            UpgradeCommand.class,
            ReportCommand.class,
            JiraCommand.class,
            EpicCommand.class,
            MigrationsCommand.class,
            BenchCommand.class
        },
        sortOptions = false)
public final class MigLabCommand implements Callable<Integer> {
    private final CliContext context;

    MigLabCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Option(
            names = "--home",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "MigLab home (ledger, lab instances). Default: $MIGLAB_HOME, else ~/.miglab.")
    void setHome(Path home) {
        context.setHome(home);
    }

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print one JSON document on stdout (messages go to stderr).")
    void setJson(boolean json) {
        context.setJson(json);
    }

    @Override
    public Integer call() {
        if (context.openGui() == null) {
            context.err().println("miglab: no command given. See 'miglab --help'.");
            return Cli.USAGE;
        }
        context.openGui().run();
        return Cli.OK;
    }
}
