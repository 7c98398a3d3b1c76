package io.miglab.app.cli;

import io.miglab.core.migration.lint.LintFormat;
import io.miglab.core.migration.lint.LintReport;
import io.miglab.core.migration.lint.LintRequest;
import io.miglab.core.migration.lint.ScriptLint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab script lint FILE}: the size-aware lint. Nothing of the script runs; the target is only read. */
@Command(
        name = "lint",
        description = {
            "Check a data-migration script for what makes it slow or blocking on production-sized tables:"
                    + " unbatched updates, batches by an unindexed predicate, row-by-row loops, locking DDL,"
                    + " remote calls. Looks inside DO blocks and function bodies.",
            "With --target, table sizes and indexes come from the target's catalog (read-only).",
            "Exit status: 1 when any finding is an error, else 0 (warnings and notes do not fail)."
        })
final class ScriptLintCommand implements Callable<Integer> {
    @ParentCommand
    ScriptCommand parent;

    @Parameters(paramLabel = "FILE", description = "The script to lint.")
    Path file;

    @Option(
            names = "--target",
            paramLabel = "NAME",
            description = "Read table sizes and indexes from this target (see: miglab target list).")
    String target;

    @Option(
            names = "--database",
            paramLabel = "DB",
            description = "A database on the target's server (default: the target's own).")
    String database;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default), json (squawk's fields plus rows and bytes) or github (annotations).")
    String format;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Lint configuration (default: the nearest .miglab-lint.yaml beside the script or above).")
    Path config;

    @Override
    public Integer call() {
        CliContext c = parent.root.context();
        LintFormat output = LintFormat.named(c.json() ? "json" : format);
        LintRequest request = new LintRequest(file, target, database, config);
        ScriptLint lint = c.workspace().scriptLint();
        LintReport report = lint.lint(request);
        c.out().print(output.render(report));
        c.out().flush();
        return report.hasErrors() ? Cli.FAILURE : Cli.OK;
    }
}
