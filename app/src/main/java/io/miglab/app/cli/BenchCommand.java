package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.target.TargetConnector;
import io.miglab.datasets.pagila.DatasetBenchmarkResult;
import io.miglab.datasets.pagila.DatasetExperiments;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab bench ...}: MigLab measuring itself against the tools people know. */
@Command(
        name = "bench",
        description = "Benchmarks of MigLab itself, side by side with their anchors.",
        subcommands = {BenchCommand.Dataset.class})
final class BenchCommand {
    @ParentCommand
    MigLabCommand root;

    @Command(
            name = "dataset",
            description = "Generate-and-load rows/s of the Pagila generator vs psql \\copy of the same rows.")
    static final class Dataset implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--scale", required = true, paramLabel = "N")
        int scale;

        @Option(names = "--target", required = true, paramLabel = "NAME")
        String target;

        @Option(names = "--parallelism", paramLabel = "P", description = "MigLab's COPY streams (default: cores).")
        Integer parallelism;

        @Option(
                names = "--rounds",
                defaultValue = "3",
                description = "Rounds; each side keeps its best (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--psql",
                defaultValue = "psql",
                description = "The psql to compare with (default: ${DEFAULT-VALUE}).")
        String psql;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            TargetConnector connector = c.workspace().targets().connector(target);
            int streams =
                    parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
            DatasetBenchmarkResult result = new DatasetExperiments(c.workspace().ledger())
                    .benchmark(
                            target, connector, psql, scale, streams, rounds, c.progressOnStderr(), Cancellation.none());
            if (c.json()) {
                c.printJson(result);
            } else {
                result.lines().forEach(c.out()::println);
            }
            return Cli.OK;
        }
    }
}
