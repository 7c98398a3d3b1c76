package io.miglab.core.validate;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.TargetConnector;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * MigLab's checksum pass against its anchors on one table of identical rows on both sides, in one run: the naive
 * single query {@code md5(string_agg(t::text, '|' ORDER BY id))} and {@code count(*)}, each on both sides at once,
 * alternating over the rounds; the median of each. Also the JVM's peak heap during MigLab's passes, to show that
 * memory does not grow with the table. Goals from issue 11: at least 5x faster than the naive query, within 3x of
 * the two counts.
 */
public final class ValidationBenchmark {
    public static final String TABLE = "miglab_bench_validate";

    private final TargetConnector source;
    private final TargetConnector target;
    private final String sourceDatabase;
    private final String targetDatabase;

    public ValidationBenchmark(
            TargetConnector source, String sourceDatabase, TargetConnector target, String targetDatabase) {
        this.source = source;
        this.target = target;
        this.sourceDatabase = sourceDatabase;
        this.targetDatabase = targetDatabase;
    }

    /** The medians in seconds, the heap in MB, and the lines printed. */
    public record Result(
            long rows,
            int rounds,
            String sourceVersion,
            String targetVersion,
            double miglabSeconds,
            double naiveSeconds,
            double countSeconds,
            double naiveOverMiglab,
            double miglabOverCount,
            boolean identical,
            long segments,
            double heapBeforeMb,
            double heapPeakMb,
            List<String> lines) {}

    public Result run(long rows, int rounds, boolean reuse, ProgressListener progress, Cancellation cancellation) {
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "miglab-bench-validate");
            t.setDaemon(true);
            return t;
        });
        try (Connection sc = source.openOrExplain(sourceDatabase);
                Connection tc = target.openOrExplain(targetDatabase)) {
            for (Connection c : List.of(sc, tc)) {
                cancellation.checkpoint();
                progress.report(Progress.indeterminate("Preparing " + rows + " rows of " + TABLE));
                prepare(c, rows, reuse);
            }
            ParityChecker.prepareSession(sc);
            ParityChecker.prepareSession(tc);
            List<TableShape> ss = Catalog.select(Catalog.tables(sc), List.of("public." + TABLE), "the source");
            List<TableShape> ts = Catalog.select(Catalog.tables(tc), List.of("public." + TABLE), "the destination");
            List<Double> miglab = new ArrayList<>();
            List<Double> naive = new ArrayList<>();
            List<Double> count = new ArrayList<>();
            boolean identical = true;
            long segments = 0;
            System.gc();
            double before = heapUsedMb();
            resetPeaks();
            for (int round = 0; round < rounds; round++) {
                cancellation.checkpoint();
                progress.report(
                        Progress.of("Round " + (round + 1) + ": MigLab's checksum pass", round * 3L, rounds * 3L));
                long t0 = System.nanoTime();
                TableParity parity = new ParityChecker(sc, tc, pool, cancellation, ParityChecker.THRESHOLD)
                        .compare(ss.get(0), ts.get(0), List.of(), null);
                miglab.add((System.nanoTime() - t0) / 1e9);
                identical &= parity.passed();
                segments = parity.segments();
                progress.report(Progress.of("Round " + (round + 1) + ": md5(string_agg)", round * 3L + 1, rounds * 3L));
                String naiveSql = "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM public." + TABLE + " t";
                String[] md5 = new String[2];
                naive.add(both(pool, () -> md5[0] = one(sc, naiveSql), () -> md5[1] = one(tc, naiveSql)));
                identical &= md5[0] != null && md5[0].equals(md5[1]);
                progress.report(Progress.of("Round " + (round + 1) + ": count(*)", round * 3L + 2, rounds * 3L));
                String countSql = "SELECT count(*) FROM public." + TABLE;
                count.add(both(pool, () -> one(sc, countSql), () -> one(tc, countSql)));
            }
            double peak = peakHeapMb();
            double m = median(miglab);
            double n = median(naive);
            double k = median(count);
            String sv = sc.getMetaData().getDatabaseProductVersion().split(" ")[0];
            String tv = tc.getMetaData().getDatabaseProductVersion().split(" ")[0];
            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    Locale.ROOT,
                    "Validation benchmark: %,d identical rows in %s, %s (PostgreSQL %s) vs %s (PostgreSQL %s), median of"
                            + " %d rounds",
                    rows,
                    TABLE,
                    source.target().name(),
                    sv,
                    target.target().name(),
                    tv,
                    rounds));
            lines.add(String.format(
                    Locale.ROOT,
                    "  MigLab checksum pass (both sides)      %8.3f s   %d segments, %s",
                    m,
                    segments,
                    identical ? "identical" : "DIFFERENT"));
            lines.add(String.format(
                    Locale.ROOT,
                    "  naive md5(string_agg ORDER BY id)      %8.3f s   %.1fx MigLab's time (goal: >= 5x)",
                    n,
                    n / m));
            lines.add(String.format(
                    Locale.ROOT,
                    "  count(*) (both sides)                  %8.3f s   MigLab takes %.1fx the counts (goal: <= 3x)",
                    k,
                    m / k));
            lines.add(String.format(
                    Locale.ROOT,
                    "  JVM heap: %.1f MB used before, peak %.1f MB during the %d rounds",
                    before,
                    peak,
                    rounds));
            return new Result(rows, rounds, sv, tv, m, n, k, n / m, m / k, identical, segments, before, peak, lines);
        } catch (SQLException e) {
            throw new MigLabException("The validation benchmark failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Creates the table with {@code rows} deterministic rows, unless it is there with that many and reuse is on. */
    private static void prepare(Connection c, long rows, boolean reuse) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (reuse) {
                try (ResultSet rs = st.executeQuery("SELECT to_regclass('public." + TABLE + "') IS NOT NULL")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        try (ResultSet n = st.executeQuery("SELECT count(*) FROM public." + TABLE)) {
                            n.next();
                            if (n.getLong(1) == rows) {
                                return;
                            }
                        }
                    }
                }
            }
            st.execute("DROP TABLE IF EXISTS public." + TABLE);
            st.execute("CREATE TABLE public." + TABLE
                    + " (id bigint PRIMARY KEY, a int, b text, c timestamptz, d numeric)");
            st.execute("INSERT INTO public." + TABLE + " SELECT g, g % 1000, md5(g::text), timestamptz"
                    + " '2024-01-01 00:00:00+00' + g * interval '1 second', g / 7.0 FROM generate_series(1, " + rows
                    + ") g");
            st.execute("VACUUM ANALYZE public." + TABLE);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double both(ExecutorService pool, Callable<?> a, Callable<?> b) {
        long t0 = System.nanoTime();
        Future<?> fa = pool.submit(a);
        Future<?> fb = pool.submit(b);
        try {
            fa.get();
            fb.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigLabException("Interrupted.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new MigLabException("An anchor query failed: " + e.getCause().getMessage(), e);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since {@link #resetPeaks()}: an upper bound of the heap used at any time. */
    private static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }
}
