package io.miglab.app.cli;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.finding.FindingText;
import io.miglab.core.inventory.Identifiers;
import io.miglab.core.inventory.Inventories;
import io.miglab.core.inventory.InventoryDiff;
import io.miglab.core.inventory.InventoryOptions;
import io.miglab.core.inventory.InventoryRequest;
import io.miglab.core.inventory.InventorySnapshot;
import io.miglab.core.units.Durations;
import io.miglab.core.units.Sizes;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab inventory}: what is in a database; {@code miglab inventory diff}: what changed between two. */
@Command(
        name = "inventory",
        description = "Take a read-only inventory of a target's database and store it as an experiment.",
        subcommands = {InventoryCommand.Diff.class})
final class InventoryCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Option(names = "--target", paramLabel = "NAME", description = "The target to inventory.")
    String target;

    @Option(names = "--database", paramLabel = "D", description = "Another database on the target's server.")
    String database;

    @Option(
            names = "--exact-counts",
            description = "Count the rows of every table with count(*): exact, but reads every table in full.")
    boolean exactCounts;

    @Override
    public Integer call() {
        CliContext c = root.context();
        if (target == null) {
            throw new MigLabException("Which target? Give --target NAME.", "List them with: miglab target list", null);
        }
        InventoryRequest request = new InventoryRequest(
                target, database, InventoryOptions.defaults().withExactRowCounts(exactCounts));
        Cancellation cancellation = new Cancellation();
        Inventories.Snapshot recorded = CliSupport.cancellableByCtrlC(
                cancellation, () -> c.workspace().inventories().collect(request, c.progressOnStderr(), cancellation));
        c.err().println("Stored as experiment " + recorded.experimentId() + ".");
        if (c.json()) {
            var node = io.miglab.core.Json.mapper()
                    .<com.fasterxml.jackson.databind.node.ObjectNode>valueToTree(recorded.snapshot());
            node.put("experimentId", recorded.experimentId());
            c.printJson(node);
        } else {
            print(c.out(), recorded.experimentId(), recorded.snapshot());
        }
        return Cli.OK;
    }

    private static void print(PrintStream out, long id, InventorySnapshot s) {
        out.println("Inventory of database " + s.database() + " (experiment " + id + "), PostgreSQL "
                + s.server().version());
        out.printf(
                "%d schemas, %d tables, %d indexes, %d constraints, %d sequences, %d views, %d functions,"
                        + " %d triggers, %d non-default settings%n",
                s.schemas().size(),
                s.tables().size(),
                s.indexes().size(),
                s.constraints().size(),
                s.sequences().size(),
                s.views().size(),
                s.functions().size(),
                s.triggers().size(),
                s.settings().size());
        out.println();
        out.print(FindingText.render(s.findings()));
        out.println();
        TextTable tables = new TextTable("table", "rows", "total", "heap", "indexes", "toast", "dead", "bloat");
        s.tables().stream()
                .sorted(Comparator.comparingLong(InventorySnapshot.Table::totalBytes)
                        .reversed())
                .forEach(t -> tables.row(
                        Identifiers.qualified(t.schema(), t.name()),
                        t.rows() == null ? "?" : (t.exactRows() != null ? "" : "~") + t.rows(),
                        Sizes.format(t.totalBytes()),
                        Sizes.format(t.heapBytes()),
                        Sizes.format(t.indexBytes()),
                        Sizes.format(t.toastBytes()),
                        t.deadTuples(),
                        t.bloatRatio() == null ? "" : String.format("%.0f %%", t.bloatRatio() * 100)));
        tables.print(out);
        out.println();
        InventorySnapshot.StatementStats stats = s.statementStats();
        if (!stats.available()) {
            out.println("Top statements: " + stats.hint());
        } else {
            TextTable top = new TextTable("calls", "total ms", "mean ms", "query");
            stats.top()
                    .forEach(t -> top.row(
                            t.calls(),
                            Durations.plainMillis(t.totalMs()),
                            Durations.plainMillis(t.meanMs()),
                            t.query()
                                    .replaceAll("\\s+", " ")
                                    .substring(
                                            0,
                                            Math.min(
                                                    80,
                                                    t.query()
                                                            .replaceAll("\\s+", " ")
                                                            .length()))));
            out.println("Top statements (pg_stat_statements):");
            top.print(out);
        }
        if (!s.warnings().isEmpty()) {
            out.println();
            out.println("Could not read:");
            s.warnings().forEach(w -> out.println("  " + w));
        }
    }

    @Command(name = "diff", description = "What changed between two inventory experiments (A before, B after).")
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        InventoryCommand parent;

        @Parameters(index = "0", paramLabel = "EXP_A")
        long a;

        @Parameters(index = "1", paramLabel = "EXP_B")
        long b;

        @Override
        public Integer call() {
            CliContext c = parent.root.context();
            InventoryDiff diff = c.workspace().inventories().diff(a, b);
            if (c.json()) {
                c.printJson(diff);
                return Cli.OK;
            }
            PrintStream out = c.out();
            out.println("From " + diff.before() + " (experiment " + a + ")");
            out.println("to   " + diff.after() + " (experiment " + b + ")");
            if (diff.noChanges()) {
                out.println("No differences.");
                return Cli.OK;
            }
            if (!diff.changes().isEmpty()) {
                TextTable changes = new TextTable("change", "kind", "object", "detail");
                diff.changes()
                        .forEach(ch -> changes.row(
                                ch.type().name().toLowerCase(java.util.Locale.ROOT),
                                ch.kind(),
                                ch.object(),
                                ch.detail()));
                changes.print(out);
            }
            if (!diff.tables().isEmpty()) {
                out.println();
                TextTable tables = new TextTable("table", "rows before", "rows after", "size before", "size after");
                diff.tables()
                        .forEach(t -> tables.row(
                                Identifiers.qualified(t.schema(), t.name()),
                                t.rowsBefore(),
                                t.rowsAfter(),
                                Sizes.format(t.bytesBefore()),
                                Sizes.format(t.bytesAfter())));
                tables.print(out);
            }
            return Cli.OK;
        }
    }
}
