package io.miglab.core.workload;

import java.util.List;

/**
 * Two baselines side by side, statement by statement (matched by name).
 *
 * @param a what A is ({@code experiment 12}, a file name)
 * @param onlyInA statements measured in A only; they get no verdict
 */
public record Comparison(
        String a,
        String b,
        CompareOptions options,
        List<StatementComparison> statements,
        List<String> onlyInA,
        List<String> onlyInB) {

    public Comparison {
        statements = List.copyOf(statements);
        onlyInA = List.copyOf(onlyInA);
        onlyInB = List.copyOf(onlyInB);
    }

    /** Compares two sets of raw latencies. */
    public static Comparison of(
            String a, LatencySamples first, String b, LatencySamples second, CompareOptions options) {
        List<StatementComparison> rows = new java.util.ArrayList<>();
        for (String name : first.statementNames()) {
            if (!second.statementNames().contains(name)) {
                continue;
            }
            long[] x = first.latenciesNanos(name);
            long[] y = second.latenciesNanos(name);
            if (x.length < options.minSamples() || y.length < options.minSamples()) {
                rows.add(new StatementComparison(
                        name, x.length, y.length, null, null, null, null, null, Verdict.INSUFFICIENT_DATA));
                continue;
            }
            // A seed per statement, so adding a statement to a workload does not change the others' intervals.
            long seed = options.seed() ^ name.hashCode();
            Bootstrap.Interval ci = Bootstrap.medianRatio(
                    x,
                    first.clientsOf(name),
                    y,
                    second.clientsOf(name),
                    options.resamples(),
                    options.confidence(),
                    seed,
                    options.maxSamples(),
                    options.blocks());
            double medianA = Bootstrap.median(sorted(x));
            double medianB = Bootstrap.median(sorted(y));
            double ratio = medianB / medianA;
            // A verdict needs the whole interval beyond the noise band: 95 % sure the change is more than t.
            Verdict verdict = Verdict.NO_SIGNIFICANT_CHANGE;
            double t = options.noiseThreshold();
            if (ci.high() < 1 / (1 + t)) {
                verdict = Verdict.FASTER;
            } else if (ci.low() > 1 + t) {
                verdict = Verdict.SLOWER;
            }
            rows.add(new StatementComparison(
                    name, x.length, y.length, medianA / 1e6, medianB / 1e6, ratio, ci.low(), ci.high(), verdict));
        }
        List<String> onlyA = first.statementNames().stream()
                .filter(n -> !second.statementNames().contains(n))
                .toList();
        List<String> onlyB = second.statementNames().stream()
                .filter(n -> !first.statementNames().contains(n))
                .toList();
        return new Comparison(a, b, options, rows, onlyA, onlyB);
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }
}
