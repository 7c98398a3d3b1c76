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
            Verdict verdict = verdict(ci.low(), ci.high(), options);
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

    /**
     * Compares two configurations measured in alternating rounds (A B A B ..., after one uncounted run; round i of
     * A ran next to round i of B). Each pair of rounds gives a ratio of medians; the estimate is their geometric mean and the interval a
     * Student t interval on the log ratios. Pairing cancels what the machine did meanwhile (another build starting,
     * a burst of I/O), which no analysis of two separate runs can: use it for a fair "did anything change" on a
     * busy machine. Needs at least 4 pairs; a pair where either side has fewer than 5 successful executions of a
     * statement is left out for that statement.
     */
    public static Comparison ofRounds(
            String a, List<LatencySamples> roundsA, String b, List<LatencySamples> roundsB, CompareOptions options) {
        if (roundsA.size() != roundsB.size()) {
            throw new IllegalArgumentException(
                    "Rounds come in pairs: " + roundsA.size() + " against " + roundsB.size());
        }
        LatencySamples allA = LatencySamples.concat(roundsA);
        LatencySamples allB = LatencySamples.concat(roundsB);
        List<StatementComparison> rows = new java.util.ArrayList<>();
        for (String name : allA.statementNames()) {
            if (!allB.statementNames().contains(name)) {
                continue;
            }
            List<Double> logRatios = new java.util.ArrayList<>();
            for (int i = 0; i < roundsA.size(); i++) {
                long[] x = roundsA.get(i).latenciesNanos(name);
                long[] y = roundsB.get(i).latenciesNanos(name);
                if (x.length >= 5 && y.length >= 5) {
                    logRatios.add(Math.log(Bootstrap.median(sorted(y)) / Bootstrap.median(sorted(x))));
                }
            }
            long[] x = allA.latenciesNanos(name);
            long[] y = allB.latenciesNanos(name);
            int n = logRatios.size();
            if (n < 4) {
                rows.add(new StatementComparison(
                        name, x.length, y.length, null, null, null, null, null, Verdict.INSUFFICIENT_DATA));
                continue;
            }
            double mean = logRatios.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
            double variance =
                    logRatios.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / (n - 1);
            double half = Student.quantile((1 + options.confidence()) / 2, n - 1) * Math.sqrt(variance / n);
            double ratio = Math.exp(mean);
            double low = Math.exp(mean - half);
            double high = Math.exp(mean + half);
            rows.add(new StatementComparison(
                    name,
                    x.length,
                    y.length,
                    Bootstrap.median(sorted(x)) / 1e6,
                    Bootstrap.median(sorted(y)) / 1e6,
                    ratio,
                    low,
                    high,
                    verdict(low, high, options)));
        }
        List<String> onlyA = allA.statementNames().stream()
                .filter(n -> !allB.statementNames().contains(n))
                .toList();
        List<String> onlyB = allB.statementNames().stream()
                .filter(n -> !allA.statementNames().contains(n))
                .toList();
        return new Comparison(a, b, options, rows, onlyA, onlyB);
    }

    /** A verdict needs the whole interval beyond the noise band: 95 % sure the change is more than the noise. */
    static Verdict verdict(double low, double high, CompareOptions options) {
        double t = options.noiseThreshold();
        if (high < 1 / (1 + t)) {
            return Verdict.FASTER;
        }
        if (low > 1 + t) {
            return Verdict.SLOWER;
        }
        return Verdict.NO_SIGNIFICANT_CHANGE;
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }
}
