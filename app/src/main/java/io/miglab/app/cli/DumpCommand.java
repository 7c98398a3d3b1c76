package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.migrate.dump.DumpFormat;
import io.miglab.core.migrate.dump.DumpRequest;
import io.miglab.core.migrate.dump.DumpRestore;
import io.miglab.core.validate.ValidationRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab dump}: pg_dump of one database, with the pg_dump that fits the server, timed per table. */
@Command(
        name = "dump",
        description = "Dump a database with the machine's pg_dump that fits the server (custom, directory or plain),"
                + " with progress per table; stored as an experiment.")
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Mixin
    TargetOptions where;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "PATH",
            description = "The dump: a folder for --format directory; a file, or a folder to write <database>.dump"
                    + " (or .sql) into, for custom and plain.")
    Path out;

    @Option(
            names = "--format",
            defaultValue = "custom",
            paramLabel = "FORMAT",
            description = "custom (default), directory or plain.")
    String format;

    @Option(
            names = {"-j", "--jobs"},
            defaultValue = "1",
            paramLabel = "N",
            description = "pg_dump workers; directory format only (default 1).")
    int jobs;

    @Option(names = "--tables", paramLabel = "T1,T2", description = "Only these tables (table or schema.table).")
    String tables;

    @Override
    public Integer call() {
        CliContext c = root.context();
        DumpRequest request = new DumpRequest(
                where.target, where.database, out, DumpFormat.parse(format), jobs, ValidationRequest.split(tables));
        Cancellation cancellation = new Cancellation();
        DumpRestore.Dump dump = CliSupport.cancellableByCtrlC(
                cancellation, () -> c.workspace().dumpRestore().dump(request, c.progressOnStderr(), cancellation));
        c.err().println("Stored as experiment " + dump.experimentId() + ".");
        if (c.json()) {
            ObjectNode node = Json.mapper().valueToTree(dump);
            c.printJson(node);
        } else {
            print(c.out(), dump);
        }
        return Cli.OK;
    }

    static void print(PrintStream out, DumpRestore.Dump d) {
        out.printf(
                Locale.ROOT,
                "Dumped %s of %s (PostgreSQL %s) in %.2f s: %s format%s, %d table(s), %s, experiment %d%n",
                d.database(),
                d.target(),
                d.serverVersion(),
                d.seconds(),
                d.format().id(),
                d.jobs() > 1 ? ", -j " + d.jobs() : "",
                d.tables().size(),
                megabytes(d.bytes()),
                d.experimentId());
        out.println("Written to " + d.path());
        out.println("With " + d.tool());
        tables(out, d.tables(), true);
    }

    static void tables(PrintStream out, java.util.List<DumpRestore.TableTime> tables, boolean sizes) {
        if (tables.isEmpty()) {
            return;
        }
        TextTable t = sizes ? new TextTable("table", "size on source", "seconds") : new TextTable("table", "seconds");
        for (DumpRestore.TableTime time : tables) {
            String seconds = String.format(Locale.ROOT, "%.3f", time.seconds());
            if (sizes) {
                t.row(time.table(), time.bytes() < 0 ? "-" : megabytes(time.bytes()), seconds);
            } else {
                t.row(time.table(), seconds);
            }
        }
        t.print(out);
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
}
