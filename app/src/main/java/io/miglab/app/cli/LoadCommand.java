package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.migrate.LoadObserver;
import io.miglab.core.migrate.LoadReport;
import io.miglab.core.migrate.LoadReport.PhaseTime;
import io.miglab.core.migrate.LoadReport.TableLoad;
import io.miglab.core.migrate.LoadRequest;
import io.miglab.core.migrate.LoaderKind;
import io.miglab.core.migrate.LoaderSettings;
import io.miglab.core.migrate.Loaders;
import io.miglab.core.validate.ValidationRequest;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab load}: move the tables of one target into another with a chosen loader. */
@Command(
        name = "load",
        description = "Move the tables of one database into another target with a loader (insert-row, insert-batch,"
                + " insert-multirow, copy, copy-binary, copy-parallel); stored as an experiment.")
final class LoadCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Option(names = "--from", required = true, paramLabel = "NAME", description = "The source target.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "The destination target.")
    String to;

    @Option(names = "--database", paramLabel = "DB", description = "The source's database (default: its own).")
    String database;

    @Option(
            names = "--to-database",
            paramLabel = "DB",
            description = "The destination's database, created when missing (default: the source database's name).")
    String toDatabase;

    @Option(names = "--tables", paramLabel = "T1,T2", description = "Only these tables (table or schema.table).")
    String tables;

    @Option(names = "--loader", defaultValue = "copy", paramLabel = "KIND", description = "The loader (default copy).")
    String loader;

    @Option(names = "--workers", paramLabel = "N", description = "Workers for copy-parallel (default 4).")
    Integer workers;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Rows per batch or multi-row INSERT (default 1000).")
    Integer batchSize;

    @Option(names = "--drop-indexes", description = "Build indexes and constraints after the copy.")
    boolean dropIndexes;

    @Option(names = "--unlogged", description = "Create the tables UNLOGGED, SET LOGGED after the copy.")
    boolean unlogged;

    @Option(names = "--async-commit", description = "synchronous_commit = off in the loading sessions.")
    boolean asyncCommit;

    @Option(names = "--freeze", description = "COPY FREEZE (COPY loaders only).")
    boolean freeze;

    @Option(names = "--replace", description = "Drop tables that already exist on the destination first.")
    boolean replace;

    static LoaderSettings settings(
            String loader,
            Integer workers,
            Integer batchSize,
            boolean dropIndexes,
            boolean unlogged,
            boolean asyncCommit,
            boolean freeze) {
        LoaderKind kind = LoaderKind.byId(loader);
        int w = workers != null ? workers : kind.parallel() ? 4 : 1;
        int b = batchSize != null ? batchSize : LoaderSettings.DEFAULT_BATCH;
        return new LoaderSettings(kind, w, b, dropIndexes, unlogged, asyncCommit, freeze);
    }

    @Override
    public Integer call() {
        CliContext c = root.context();
        LoaderSettings settings = settings(loader, workers, batchSize, dropIndexes, unlogged, asyncCommit, freeze);
        LoadRequest request =
                new LoadRequest(from, database, to, toDatabase, ValidationRequest.split(tables), settings, replace);
        Cancellation cancellation = new Cancellation();
        Loaders.Load load = CliSupport.cancellableByCtrlC(
                cancellation,
                () -> c.workspace().loaders().load(request, LoadObserver.NONE, c.progressOnStderr(), cancellation));
        c.err().println("Stored as experiment " + load.experimentId() + ".");
        if (c.json()) {
            ObjectNode node = Json.mapper().valueToTree(load.report());
            node.put("experimentId", load.experimentId());
            c.printJson(node);
        } else {
            print(c.out(), load.experimentId(), load.report());
        }
        return Cli.OK;
    }

    static void print(PrintStream out, long id, LoadReport r) {
        out.printf(
                Locale.ROOT,
                "Load of %s into %s/%s (%s) with %s, schema from %s: experiment %d%n",
                r.source(),
                r.destination(),
                r.destinationDatabase(),
                r.destinationVersion() == null
                        ? "?"
                        : "PostgreSQL " + r.destinationVersion().split(" ")[0],
                r.settings().label(),
                r.schemaFrom(),
                id);
        TextTable table = new TextTable("table", "rows", "MB", "copy s", "index s", "constraint s", "analyze s");
        for (TableLoad t : r.tables()) {
            table.row(
                    t.table(),
                    t.rows(),
                    String.format(Locale.ROOT, "%.1f", t.bytes() / 1e6),
                    String.format(Locale.ROOT, "%.2f", t.copySeconds()),
                    String.format(Locale.ROOT, "%.2f", t.indexSeconds()),
                    String.format(Locale.ROOT, "%.2f", t.constraintSeconds()),
                    String.format(Locale.ROOT, "%.2f", t.analyzeSeconds()));
        }
        table.print(out);
        StringBuilder phases = new StringBuilder();
        for (PhaseTime p : r.phases()) {
            phases.append(phases.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.2f s", p.phase(), p.seconds()));
        }
        out.println("Phases: " + phases);
        out.printf(
                Locale.ROOT,
                "Total: %d rows, %.1f MB in %.2f s: %,.0f rows/s, %.1f MB/s%n",
                r.rows(),
                r.bytes() / 1e6,
                r.seconds(),
                r.rowsPerSecond(),
                r.megabytesPerSecond());
        out.println("Client: " + usage(r.client()) + "; server: " + usage(r.server()));
    }

    private static String usage(LoadReport.ResourceUsage u) {
        if (u == null) {
            return "not sampled (not a local, readable process)";
        }
        return String.format(
                Locale.ROOT,
                "CPU %.2f s, peak RSS %.0f MB (%s)",
                u.cpuSeconds(),
                u.peakMemoryBytes() / 1e6,
                u.processes());
    }
}
