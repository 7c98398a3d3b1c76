package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.units.Ranges;
import io.miglab.core.units.Sizes;
import io.miglab.datasets.instances.InstanceDataset;
import io.miglab.datasets.pagila.Datasets;
import io.miglab.datasets.pagila.GenerateOptions;
import io.miglab.datasets.pagila.PagilaGeneration;
import io.miglab.datasets.pagila.PagilaImport;
import io.miglab.datasets.pagila.PagilaLoads;
import io.miglab.datasets.pagila.TableLoad;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab dataset pagila ...}: sample data to practise on. */
@Command(
        name = "dataset",
        description = "Load sample datasets.",
        subcommands = {DatasetCommand.Pagila.class, DatasetCommand.Instances.class})
final class DatasetCommand {
    @ParentCommand
    MigLabCommand root;

    /**
     * Runs a load with Ctrl-C as a cancel: the load records its experiment as cancelled and drops its staging database
     * before the JVM exits. Empty when it was cancelled, after saying so: the message is printed before the shutdown
     * hook lets the JVM go, which a message from the exception handler would not be.
     */
    static <T> Optional<T> loadCancellableByCtrlC(
            CliContext c, Cancellation cancellation, Supplier<PagilaLoads.Recorded<T>> load) {
        return CliSupport.cancellableByCtrlC(cancellation, () -> {
            try {
                return Optional.of(load.get().result());
            } catch (CancelledException e) {
                c.err()
                        .println("miglab: cancelled; the experiment is recorded as cancelled and no database was left"
                                + " behind.");
                return Optional.empty();
            }
        });
    }

    @Command(
            name = "pagila",
            description = "The Pagila DVD-rental database: the official release, or generated at any scale.",
            subcommands = {DatasetCommand.Import.class, DatasetCommand.Generate.class})
    static final class Pagila {
        @ParentCommand
        DatasetCommand parent;
    }

    @Command(name = "import", description = "Create a database and load the official Pagila from a folder.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        Pagila parent;

        @Parameters(
                index = "0",
                paramLabel = "DIR",
                description = "Folder with pagila-schema.sql and pagila-data.sql"
                        + " (from https://github.com/devrimgunduz/pagila).")
        Path folder;

        @Option(names = "--target", required = true, paramLabel = "NAME")
        String target;

        @Option(names = "--database", defaultValue = "pagila", description = "Default: ${DEFAULT-VALUE}.")
        String database;

        @Option(names = "--replace", description = "Replace an existing database of that name once loaded.")
        boolean replace;

        @Override
        public Integer call() {
            CliContext c = parent.parent.root.context();
            Datasets datasets = Datasets.on(c.workspace());
            Cancellation cancellation = new Cancellation();
            Optional<PagilaImport> loaded = loadCancellableByCtrlC(
                    c,
                    cancellation,
                    () -> datasets.importOfficial(
                            target, folder, database, replace, c.progressOnStderr(), cancellation));
            if (loaded.isEmpty()) {
                return Cli.FAILURE;
            }
            PagilaImport result = loaded.get();
            if (c.json()) {
                c.printJson(result);
            } else {
                TextTable table = new TextTable("table", "rows");
                new TreeMap<>(result.rowsPerTable()).forEach((name, rows) -> table.row(name, rows));
                table.print(c.out());
                c.out()
                        .println(String.format(
                                Locale.ROOT,
                                "Imported Pagila into %s in %.2f s.",
                                database,
                                result.elapsed().toNanos() / 1e9));
            }
            return Cli.OK;
        }
    }

    @Command(name = "generate", description = "Generate a Pagila-compatible database at a scale factor.")
    static final class Generate implements Callable<Integer> {
        @ParentCommand
        Pagila parent;

        @Option(names = "--scale", required = true, paramLabel = "N", description = "1 is about the official size.")
        int scale;

        @Option(names = "--seed", paramLabel = "S", description = "Same seed and scale, same data.")
        Long seed;

        @Option(names = "--target", required = true, paramLabel = "NAME")
        String target;

        @Option(names = "--database", paramLabel = "NAME", description = "Default: pagila_sN.")
        String database;

        @Option(names = "--parallelism", paramLabel = "P", description = "COPY streams (default: cores, at most 4).")
        Integer parallelism;

        @Option(names = "--replace", description = "Replace an existing database of that name once loaded.")
        boolean replace;

        @Override
        public Integer call() {
            CliContext c = parent.parent.root.context();
            Ranges.require(scale, 1, 10_000, "--scale"); // before anything connects or is recorded
            String name = database != null ? database : "pagila_s" + scale;
            GenerateOptions options = GenerateOptions.of(scale, name).withReplace(replace);
            if (seed != null) {
                options = options.withSeed(seed);
            }
            if (parallelism != null) {
                options = options.withParallelism(parallelism);
            }
            GenerateOptions chosen = options;
            Cancellation cancellation = new Cancellation();
            Optional<PagilaGeneration> loaded = loadCancellableByCtrlC(c, cancellation, () -> Datasets.on(c.workspace())
                    .generate(target, chosen, c.progressOnStderr(), cancellation));
            if (loaded.isEmpty()) {
                return Cli.FAILURE;
            }
            PagilaGeneration result = loaded.get();
            if (c.json()) {
                c.printJson(result);
            } else {
                print(c, result);
            }
            return Cli.OK;
        }

        private static void print(CliContext c, PagilaGeneration result) {
            TextTable table = new TextTable("table", "rows", "seconds");
            for (TableLoad load : result.tables()) {
                table.row(load.table(), load.rows(), seconds(load.elapsed()));
            }
            table.print(c.out());
            Map<String, java.time.Duration> phases = new java.util.LinkedHashMap<>();
            phases.put("schema", result.schema());
            phases.put("data", result.data());
            phases.put("keys and indexes", result.postData());
            phases.put("vacuum analyze", result.analyze());
            StringBuilder line = new StringBuilder();
            phases.forEach((phase, time) ->
                    line.append(phase).append(' ').append(seconds(time)).append(" s, "));
            c.out()
                    .println(String.format(
                            Locale.ROOT,
                            "Generated %s (scale %d, seed %d): %,d rows in %s s (%s%,.0f rows/s while copying).",
                            result.database(),
                            result.scale(),
                            result.seed(),
                            result.totalRows(),
                            seconds(result.total()),
                            line,
                            result.dataRowsPerSecond()));
        }

        private static String seconds(java.time.Duration duration) {
            return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e9);
        }
    }

    @Command(
            name = "instances",
            description = {
                "The migration script lab's story: a database with an inventory-like table of JSONB instance documents"
                        + " (free-text publication dates in several formats), and with --scripts the release's"
                        + " migration that fills publicationPeriod, as written and with its temporary index, to time"
                        + " with script time."
            })
    static final class Instances implements Callable<Integer> {
        @ParentCommand
        DatasetCommand parent;

        @Option(names = "--target", required = true, paramLabel = "NAME")
        String target;

        @Option(names = "--database", paramLabel = "NAME", description = "Default: instances.")
        String database = "instances";

        @Option(names = "--rows", paramLabel = "N", defaultValue = "40000", description = "Default: 40,000.")
        long rows;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Same seed, same documents.")
        long seed;

        @Option(names = "--scripts", paramLabel = "DIR", description = "Write the story's two scripts here.")
        Path scripts;

        @Option(
                names = "--batch-size",
                paramLabel = "N",
                defaultValue = "100",
                description = "Rows per batch in the scripts written (default 100: the lab's sizes are far smaller"
                        + " than production's, and smaller batches keep the batches per table nearer to it).")
        int batchSize;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            Ranges.require(batchSize, 1, 1_000_000, "--batch-size");
            Cancellation cancellation = new Cancellation();
            InstanceDataset.Made made = CliSupport.cancellableByCtrlC(cancellation, () -> new InstanceDataset(
                            c.workspace().targets().connector(target))
                    .create(database, rows, seed, scripts, batchSize, c.progressOnStderr(), cancellation));
            if (c.json()) {
                c.printJson(made);
                return Cli.OK;
            }
            c.out()
                    .println(String.format(
                            Locale.ROOT,
                            "Created %s: %,d instances (%s) in %.1f s.",
                            made.database(),
                            made.generated().rows(),
                            Sizes.format(made.generated().tableBytes()),
                            made.generated().elapsed().toNanos() / 1e9));
            made.scripts().forEach(p -> c.out().println("Wrote " + p));
            return Cli.OK;
        }
    }
}
