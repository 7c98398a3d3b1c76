package io.miglab.app.cli;

import io.miglab.core.units.Durations;
import io.miglab.core.workload.BaselineRecorder;
import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.StatementComparison;
import java.io.PrintStream;
import java.util.Locale;
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
        Comparison comparison = new BaselineRecorder(c.workspace().ledger()).compare(a, b, CompareOptions.defaults());
        if (c.json()) {
            c.printJson(comparison);
            return Cli.OK;
        }
        PrintStream out = c.out();
        out.println("B = " + comparison.b() + " against A = " + comparison.a()
                + " (ratio of medians B / A; below 1 means B is faster)");
        TextTable table = new TextTable("statement", "A p50 ms", "B p50 ms", "ratio", "95 % interval", "verdict");
        for (StatementComparison s : comparison.statements()) {
            if (s.ratio() == null) {
                table.row(
                        s.statement(),
                        "-",
                        "-",
                        "-",
                        "-",
                        s.verdict().label() + " (" + s.samplesA() + " / " + s.samplesB() + " successful executions)");
                continue;
            }
            table.row(
                    s.statement(),
                    Durations.plainMillis(s.medianAMs()),
                    Durations.plainMillis(s.medianBMs()),
                    String.format(Locale.ROOT, "%.3f", s.ratio()),
                    String.format(Locale.ROOT, "[%.3f, %.3f]", s.ciLow(), s.ciHigh()),
                    s.verdict().label());
        }
        table.print(out);
        if (!comparison.onlyInA().isEmpty()) {
            out.println("Only in A: " + String.join(", ", comparison.onlyInA()));
        }
        if (!comparison.onlyInB().isEmpty()) {
            out.println("Only in B: " + String.join(", ", comparison.onlyInB()));
        }
        return Cli.OK;
    }
}
