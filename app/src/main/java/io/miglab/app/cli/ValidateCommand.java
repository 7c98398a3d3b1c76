package io.miglab.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.Json;
import io.miglab.core.validate.Check;
import io.miglab.core.validate.RowDifference;
import io.miglab.core.validate.TableParity;
import io.miglab.core.validate.ValidationReport;
import io.miglab.core.validate.ValidationRequest;
import io.miglab.core.validate.Validations;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code miglab validate}: parity of every row between two targets plus the destination's integrity. */
@Command(
        name = "validate",
        description = "Compare the tables of two targets row by row (counts, checksums per key range, the keys that"
                + " differ) and check the destination's integrity; exit 1 when the rows differ.")
final class ValidateCommand implements Callable<Integer> {
    /** Differing keys printed per table; the JSON and the stored report hold up to a thousand. */
    static final int SHOWN = 20;

    @ParentCommand
    MigLabCommand root;

    @Option(names = "--source", required = true, paramLabel = "NAME", description = "The target holding the original.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "NAME", description = "The destination to validate.")
    String target;

    @Option(names = "--database", paramLabel = "DB", description = "The source's database (default: its own).")
    String database;

    @Option(
            names = "--target-database",
            paramLabel = "DB",
            description = "The destination's database (default: the same name as --database).")
    String targetDatabase;

    @Option(names = "--tables", paramLabel = "T1,T2", description = "Only these tables (table or schema.table).")
    String tables;

    @Option(names = "--columns", paramLabel = "C1,C2", description = "Hash only these columns besides the key.")
    String columns;

    @Option(names = "--where", paramLabel = "CONDITION", description = "Compare only the rows matching (both sides).")
    String where;

    @Override
    public Integer call() {
        CliContext c = root.context();
        ValidationRequest request = new ValidationRequest(
                source,
                target,
                database,
                targetDatabase,
                ValidationRequest.split(tables),
                ValidationRequest.split(columns),
                where);
        Cancellation cancellation = new Cancellation();
        Validations.Validation v = CliSupport.cancellableByCtrlC(
                cancellation, () -> c.workspace().validations().validate(request, c.progressOnStderr(), cancellation));
        c.err().println("Stored as experiment " + v.experimentId() + ".");
        ValidationReport r = v.report();
        if (c.json()) {
            ObjectNode node = Json.mapper().valueToTree(r);
            node.put("experimentId", v.experimentId());
            c.printJson(node);
        } else {
            print(c.out(), v.experimentId(), r);
        }
        return r.parityPassed() ? Cli.OK : Cli.FAILURE;
    }

    static void print(PrintStream out, long id, ValidationReport r) {
        out.printf(
                Locale.ROOT,
                "Validation of %s%s (%s) against %s%s (%s): %s, experiment %d, %.2f s%n",
                r.target(),
                r.targetDatabase() == null ? "" : "/" + r.targetDatabase(),
                shortVersion(r.targetVersion()),
                r.source(),
                r.sourceDatabase() == null ? "" : "/" + r.sourceDatabase(),
                shortVersion(r.sourceVersion()),
                r.passed() ? "PASSED" : r.parityPassed() ? "ROWS IDENTICAL, CHECKS FAILED" : "ROWS DIFFER",
                id,
                r.seconds());
        TextTable parity =
                new TextTable("table", "key", "source rows", "dest rows", "missing", "extra", "changed", "result");
        for (TableParity t : r.tables()) {
            parity.row(
                    t.table(),
                    t.key().isEmpty() ? "(none)" : String.join(", ", t.key()),
                    t.sourceRows() < 0 ? "-" : t.sourceRows(),
                    t.targetRows() < 0 ? "-" : t.targetRows(),
                    t.missing(),
                    t.extra(),
                    t.changed(),
                    t.passed() ? "pass" : "FAIL");
        }
        parity.print(out);
        out.println();
        TextTable checks = new TextTable("check", "result", "summary");
        for (Check check : r.checks()) {
            checks.row(check.name(), check.passed() ? "pass" : "FAIL", check.summary());
        }
        checks.print(out);
        for (Check check : r.checks()) {
            if (check.passed() || check.name().equals("parity")) {
                continue;
            }
            out.println();
            out.println(check.name() + ":");
            check.problems().stream().limit(SHOWN).forEach(p -> out.println("  " + p));
            if (check.problemCount() > SHOWN) {
                out.println("  ... and " + (check.problemCount() - SHOWN) + " more");
            }
        }
        for (TableParity t : r.tables()) {
            if (!t.differences().isEmpty()) {
                out.println();
                out.println("Rows that differ in " + t.table() + " (key " + String.join(", ", t.key()) + "):");
                t.differences().stream()
                        .limit(SHOWN)
                        .forEach(d -> out.println("  " + label(d.kind()) + " " + d.keyText()));
                if (t.differing() > SHOWN) {
                    out.println("  ... and " + (t.differing() - SHOWN) + " more");
                }
            }
            for (String w : t.warnings()) {
                out.println("Note on " + t.table() + ": " + w);
            }
        }
    }

    private static String label(RowDifference.Kind kind) {
        return switch (kind) {
            case MISSING -> "missing on the destination:";
            case EXTRA -> "only on the destination:   ";
            case CHANGED -> "changed:                   ";
        };
    }

    private static String shortVersion(String version) {
        return version == null ? "?" : "PostgreSQL " + version.split(" ")[0];
    }
}
