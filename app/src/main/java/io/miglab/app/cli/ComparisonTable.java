package io.miglab.app.cli;

import io.miglab.core.units.Durations;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.StatementComparison;
import java.io.PrintStream;
import java.util.Locale;

/** One comparison as the terminal shows it, for {@code miglab compare}, {@code miglab ab} and the advisors. */
final class ComparisonTable {
    private ComparisonTable() {}

    static void print(PrintStream out, Comparison comparison) {
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
    }
}
