package io.miglab.core.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.migrate.Loaders.Load;
import io.miglab.core.migrate.Loaders.Matrix;
import io.miglab.core.migrate.Loaders.MatrixRequest;
import io.miglab.core.migrate.Loaders.MatrixRow;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A loader matrix: every variant {@code repeats} times, interleaved (v1 v2 v3, then v3 v2 v1, ...) so that a drift
 * of the machine (caches warming, another job) spreads over every variant instead of favouring the first, each run
 * into a freshly created destination database. Variants are ranked by their median time.
 *
 * <p>The margin is the next variant's median over the best's. With two or more repeats its 95 % interval comes from
 * a percentile bootstrap: 2,000 times, resample each of the two variants' run times with replacement, take the ratio
 * of the resampled medians, and report the 2.5th and 97.5th percentiles of those ratios (fixed seed, so the same
 * runs give the same interval). With few repeats the interval is wide, and honestly so: at two repeats it only spans
 * the ratios the four times allow.
 */
final class LoaderMatrix {
    static final String LINK = "includes";
    private static final int BOOTSTRAP = 2_000;

    private LoaderMatrix() {}

    /** The matrix with each run's report, for the benchmark that prints them beside its anchors. */
    record Outcome(Matrix matrix, Map<LoaderSettings, List<LoadReport>> reports, String destinationDatabase) {}

    static void validate(MatrixRequest request) {
        if (request == null || request.request() == null) {
            throw new MigLabException("Choose what to load.");
        }
        if (request.variants() == null || request.variants().isEmpty()) {
            throw new MigLabException("Choose at least one loader variant.");
        }
        if (new HashSet<>(request.variants()).size() != request.variants().size()) {
            throw new MigLabException("A loader variant is listed twice.");
        }
        if (request.repeats() < 1 || request.repeats() > 20) {
            throw new MigLabException("Repeats must be between 1 and 20, not " + request.repeats() + ".");
        }
    }

    static Outcome run(
            LoaderService service,
            MatrixRequest request,
            LoadObserver observer,
            ProgressListener progress,
            Cancellation cancellation) {
        validate(request);
        LoadRequest base = request.request();
        request.variants().forEach(service::requireAvailable); // before any run
        TargetConnector source = service.connector(base.source());
        TargetConnector destination = service.connector(base.destination());
        LoaderService.requireWritable(destination);
        String database = base.destinationDatabase();
        if (database == null) {
            try (Connection sc = source.openOrExplain(base.sourceDatabase());
                    var st = sc.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                database = rs.getString(1);
            } catch (SQLException e) {
                throw new MigLabException("Cannot read the source's database name: " + e.getMessage(), e);
            }
        }
        if (database.equals("postgres") || database.startsWith("template")) {
            throw new MigLabException("The matrix drops and recreates the destination database between runs: choose a"
                    + " destination database other than '" + database + "'.");
        }
        if (base.source().equals(base.destination()) && database.equals(sourceDatabase(source, base))) {
            throw new MigLabException("The source and the destination are the same database.");
        }
        boolean existed = exists(destination, database);
        if (existed && destination.target().guarded()) {
            throw new MigLabException("The matrix drops and recreates the destination database between runs; on guarded"
                    + " target '" + destination.target().name() + "' it does so only for a database it creates:"
                    + " database '" + database + "' exists, choose another destination database.");
        }
        TargetFingerprint fingerprint;
        try (Connection c = destination.openOrExplain(LoaderService.maintenanceDatabase(database))) {
            fingerprint = ServerFingerprint.capture(base.destination(), c, database);
        } catch (SQLException e) {
            throw new MigLabException("Cannot read the destination: " + e.getMessage(), e);
        }
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("source", base.source());
        params.put("destination", base.destination());
        params.put("database", base.sourceDatabase());
        params.put("destinationDatabase", database);
        params.set("tables", Json.mapper().valueToTree(base.tables()));
        params.set("variants", Json.mapper().valueToTree(request.variants()));
        params.put("repeats", request.repeats());
        List<LoaderSettings> variants = request.variants();
        Map<LoaderSettings, List<LoadReport>> reports = new LinkedHashMap<>();
        Map<LoaderSettings, List<Long>> ids = new LinkedHashMap<>();
        Map<LoaderSettings, String> failures = new LinkedHashMap<>();
        variants.forEach(v -> {
            reports.put(v, new ArrayList<>());
            ids.put(v, new ArrayList<>());
        });
        int total = variants.size() * request.repeats();
        try (ExperimentRun run = service.ledger()
                .begin(
                        Loaders.MATRIX_KIND,
                        "Loader matrix: " + variants.size() + " variant(s) x " + request.repeats() + ", "
                                + base.source() + " into " + base.destination() + "/" + database,
                        fingerprint,
                        params)) {
            try {
                int k = 0;
                for (int r = 0; r < request.repeats(); r++) {
                    List<LoaderSettings> order = new ArrayList<>(variants);
                    if (r % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (LoaderSettings v : order) {
                        cancellation.checkpoint();
                        int index = k++;
                        if (failures.containsKey(v)) {
                            continue;
                        }
                        LoaderService.dropDatabase(destination, database);
                        LoaderService.createDatabaseIfMissing(destination, database);
                        String label = "Run " + (index + 1) + " of " + total + " (" + v.label() + ")";
                        observer.run(v, index + 1, total);
                        ProgressListener inner = p -> progress.report(Progress.of(
                                label + ": " + p.message(),
                                (long) ((index + Math.max(0, p.fraction())) * 1000),
                                total * 1000L));
                        try {
                            Load load = service.loadPrepared(
                                    base.withSettings(v),
                                    new LoaderService.Destination(database, true),
                                    observer,
                                    inner,
                                    cancellation);
                            reports.get(v).add(load.report());
                            ids.get(v).add(load.experimentId());
                            service.ledger().link(run.id(), LINK, load.experimentId());
                        } catch (CancelledException e) {
                            throw e;
                        } catch (MigLabException e) {
                            failures.put(v, e.getMessage());
                        }
                    }
                }
                Matrix matrix = summarize(run.id(), variants, reports, ids, failures);
                run.attachJson("matrix.json", matrix);
                if (!matrix.rows().isEmpty() && matrix.best().failure() == null) {
                    run.measure("best seconds", matrix.best().medianSeconds(), "s");
                    run.tag(matrix.best().settings().kind().id());
                }
                if (!Double.isNaN(matrix.margin())) {
                    run.measure("margin", matrix.margin(), "ratio");
                }
                run.measure(
                        "runs", reports.values().stream().mapToInt(List::size).sum(), "runs");
                run.succeed();
                return new Outcome(matrix, reports, database);
            } catch (CancelledException e) {
                run.cancelled();
                throw e;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    private static String sourceDatabase(TargetConnector source, LoadRequest base) {
        return base.sourceDatabase() == null ? source.defaultDatabase() : base.sourceDatabase();
    }

    static boolean exists(TargetConnector destination, String database) {
        try (Connection c = destination.openOrExplain(LoaderService.maintenanceDatabase(database));
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new MigLabException("Cannot list the destination's databases: " + e.getMessage(), e);
        }
    }

    static Matrix summarize(
            long id,
            List<LoaderSettings> variants,
            Map<LoaderSettings, List<LoadReport>> reports,
            Map<LoaderSettings, List<Long>> ids,
            Map<LoaderSettings, String> failures) {
        List<MatrixRow> rows = new ArrayList<>();
        Map<LoaderSettings, double[]> times = new LinkedHashMap<>();
        for (LoaderSettings v : variants) {
            List<LoadReport> rs = reports.get(v);
            double[] seconds = rs.stream().mapToDouble(LoadReport::seconds).toArray();
            times.put(v, seconds);
            double median = seconds.length == 0 ? Double.NaN : median(seconds);
            long rowCount = rs.isEmpty() ? 0 : rs.get(0).rows();
            long bytes = rs.isEmpty() ? 0 : rs.get(0).bytes();
            rows.add(new MatrixRow(
                    v,
                    Arrays.stream(seconds).boxed().toList(),
                    median,
                    seconds.length == 0 ? 0 : rowCount / median,
                    seconds.length == 0 ? 0 : bytes / 1e6 / median,
                    List.copyOf(ids.get(v)),
                    failures.get(v)));
        }
        rows.sort(Comparator.comparing((MatrixRow r) -> r.seconds().isEmpty())
                .thenComparingDouble(r -> r.seconds().isEmpty() ? 0 : r.medianSeconds()));
        double margin = Double.NaN;
        double low = Double.NaN;
        double high = Double.NaN;
        if (rows.size() >= 2 && !rows.get(1).seconds().isEmpty()) {
            margin = rows.get(1).medianSeconds() / rows.get(0).medianSeconds();
            double[] best = times.get(rows.get(0).settings());
            double[] next = times.get(rows.get(1).settings());
            if (best.length >= 2 && next.length >= 2) {
                double[] interval = bootstrap(best, next);
                low = interval[0];
                high = interval[1];
            }
        }
        return new Matrix(id, List.copyOf(rows), margin, low, high);
    }

    /** The 95 % percentile-bootstrap interval of median(next) / median(best). */
    static double[] bootstrap(double[] best, double[] next) {
        Random random = new Random(11);
        double[] ratios = new double[BOOTSTRAP];
        double[] b = new double[best.length];
        double[] n = new double[next.length];
        for (int i = 0; i < BOOTSTRAP; i++) {
            for (int j = 0; j < b.length; j++) {
                b[j] = best[random.nextInt(best.length)];
            }
            for (int j = 0; j < n.length; j++) {
                n[j] = next[random.nextInt(next.length)];
            }
            ratios[i] = median(n) / median(b);
        }
        Arrays.sort(ratios);
        return new double[] {
            ratios[(int) Math.floor(0.025 * (BOOTSTRAP - 1))], ratios[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))]
        };
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
