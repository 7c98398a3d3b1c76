package io.miglab.core.migration.bench;

import java.util.List;

/**
 * The outcome of a migrations bench, as stored in the ledger's {@code results.json}.
 *
 * @param experimentId the ledger experiment
 * @param folder the folder's name
 * @param mode {@code sequential} or {@code parallel}
 * @param cached whether the end state was restored from the cache template instead of replayed
 * @param setKey hex SHA-256 of the start schema's fingerprint and every file's hash, in order
 * @param cacheDatabase the template database holding the set's end state, or null when there is none
 * @param files per file, in order
 * @param batches the parallel batches, as file names
 * @param problems the dependency graph's cycles, unknown declarations and conflicts
 * @param slowestKinds statement kinds by time per run, slowest first
 * @param totals wall-clock seconds of each repeat (the whole set)
 * @param endState the end state of the last run
 * @param keptDatabases scratch databases kept on request
 * @param gate the regression gate's verdict, or null without {@code --against}
 */
public record BenchResult(
        long experimentId,
        String folder,
        String mode,
        boolean cached,
        String setKey,
        String cacheDatabase,
        List<FileResult> files,
        List<List<String>> batches,
        List<String> problems,
        List<KindTotal> slowestKinds,
        List<Double> totals,
        EndState endState,
        List<String> keptDatabases,
        Gate gate) {

    public BenchResult {
        files = List.copyOf(files);
        batches = batches.stream().map(List::copyOf).toList();
        problems = List.copyOf(problems);
        slowestKinds = List.copyOf(slowestKinds);
        totals = List.copyOf(totals);
        keptDatabases = List.copyOf(keptDatabases);
    }

    /** The median of the repeats' totals, in seconds. */
    public double medianTotal() {
        return FileResult.median(totals);
    }

    /** The files, slowest first. */
    public List<FileResult> slowestFiles() {
        return files.stream()
                .sorted(java.util.Comparator.comparingDouble(FileResult::medianSeconds)
                        .reversed())
                .toList();
    }

    /**
     * One file's timings.
     *
     * @param file its file name
     * @param sha256 its content hash
     * @param cacheKey SHA-256 of its content hash and the schema fingerprint it started from (sequential runs)
     * @param batch its parallel batch, 0-based
     * @param reads the tables it reads
     * @param writes the tables it writes
     * @param seconds its duration in each repeat
     * @param statements its statements' timings in the last repeat
     * @param cached whether the timings are an earlier experiment's, the set having been restored from the cache
     * @param vsEarlier the comparison with {@code --against}, or null
     */
    public record FileResult(
            String file,
            String sha256,
            String cacheKey,
            int batch,
            List<String> reads,
            List<String> writes,
            List<Double> seconds,
            List<StatementTiming> statements,
            boolean cached,
            Comparison vsEarlier) {
        public FileResult {
            reads = List.copyOf(reads);
            writes = List.copyOf(writes);
            seconds = List.copyOf(seconds);
            statements = List.copyOf(statements);
        }

        public double medianSeconds() {
            return median(seconds);
        }

        /** The kind of its slowest statement, or "-" when it has none. */
        public String slowestKind() {
            return statements.stream()
                    .max(java.util.Comparator.comparingDouble(StatementTiming::seconds))
                    .map(StatementTiming::kind)
                    .orElse("-");
        }

        FileResult cachedCopy() {
            return new FileResult(file, sha256, cacheKey, batch, reads, writes, seconds, statements, true, null);
        }

        FileResult withComparison(Comparison c) {
            return new FileResult(file, sha256, cacheKey, batch, reads, writes, seconds, statements, cached, c);
        }

        static double median(List<Double> values) {
            if (values.isEmpty()) {
                return 0;
            }
            double[] v =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = v.length;
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }
    }

    /** One statement's time: its line in the file, its kind (first words) and its first line. */
    public record StatementTiming(int line, String kind, String text, double seconds) {}

    /** Time spent per statement kind in one run (the mean over repeats), with how many statements. */
    public record KindTotal(String kind, int statements, double seconds) {}

    /**
     * A file against the same file (by name) in the earlier experiment.
     *
     * @param earlierMedian the earlier median, seconds
     * @param ratio median now / median earlier
     * @param low lower bound of the 95 % bootstrap interval of the ratio
     * @param high upper bound
     * @param regressed whether the whole interval, the set's drift divided out, lies above 1 + the allowed regression
     *     and the slow-down is above the noise floor
     */
    public record Comparison(double earlierMedian, double ratio, double low, double high, boolean regressed) {}

    /**
     * The regression gate.
     *
     * @param against the earlier experiment
     * @param maxRegression the allowed slow-down as a fraction
     * @param drift the whole set's slow-down (median ratio over the files, at least 1), divided out of each file's
     *     ratio before it is judged
     * @param regressed the files that got slower beyond the noise
     * @param unmatched files with no counterpart in the earlier experiment
     */
    public record Gate(
            long against, double maxRegression, double drift, List<String> regressed, List<String> unmatched) {
        public Gate {
            regressed = List.copyOf(regressed);
            unmatched = List.copyOf(unmatched);
        }

        public boolean passed() {
            return regressed.isEmpty();
        }
    }
}
