package io.miglab.app.cli;

import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code miglab compare A B}: B against A, per statement, with a bootstrap confidence interval and a verdict. */
@Command(
        name = "compare",
        description = "Compare two baseline experiments: per statement the ratio of medians (B / A) with a 95 %%"
                + " bootstrap interval and a verdict.")
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    MigLabCommand root;

    @Parameters(index = "0", paramLabel = "EXP_A", description = "The baseline before.")
    long a;

    @Parameters(index = "1", paramLabel = "EXP_B", description = "The baseline after.")
    long b;

    @Override
    public Integer call() {
        CliContext c = root.context();
        Comparison comparison = c.workspace().baselines().compare(a, b, CompareOptions.defaults());
        if (c.json()) {
            c.printJson(comparison);
            return Cli.OK;
        }
        PrintStream out = c.out();
        out.println("B = " + comparison.b() + " against A = " + comparison.a()
                + " (ratio of medians B / A; below 1 means B is faster)");
        ComparisonTable.print(out, comparison);
        return Cli.OK;
    }
}
