package io.miglab.core.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** {@link Validations} on a workspace's ledger and targets; every statement it sends only reads. */
public final class ValidationService implements Validations {
    /** Tables compared at once; each holds one connection per side. */
    static final int TABLE_WORKERS = 3;

    private final Ledger ledger;
    private final Function<String, TargetConnector> connectors;
    private final int leafRows;

    public ValidationService(Ledger ledger, TargetRegistry targets) {
        this(ledger, targets::connector, ParityChecker.THRESHOLD);
    }

    /** @param leafRows segments up to this many rows are compared row by row; tests lower it to force recursion */
    ValidationService(Ledger ledger, Function<String, TargetConnector> connectors, int leafRows) {
        this.ledger = ledger;
        this.connectors = connectors;
        this.leafRows = leafRows;
    }

    @Override
    public Validation validate(ValidationRequest request, ProgressListener progress, Cancellation cancellation) {
        TargetConnector source = connectors.apply(request.source());
        TargetConnector target = connectors.apply(request.target());
        long started = System.nanoTime();
        progress.report(
                Progress.indeterminate("Reading the catalogs of " + request.source() + " and " + request.target()));
        try (Connection sc = source.openOrExplain(request.sourceDatabase());
                Connection tc = target.openOrExplain(request.targetDatabase())) {
            ParityChecker.prepareSession(sc);
            ParityChecker.prepareSession(tc);
            TargetFingerprint fingerprint = ServerFingerprint.capture(request.target(), tc, request.targetDatabase());
            String sourceVersion = sc.getMetaData().getDatabaseProductVersion();
            String targetVersion = tc.getMetaData().getDatabaseProductVersion();
            ObjectNode params = Json.mapper().createObjectNode();
            params.put("source", request.source());
            params.put("target", request.target());
            params.put("database", request.sourceDatabase());
            params.put("targetDatabase", request.targetDatabase());
            params.set("tables", Json.mapper().valueToTree(request.tables()));
            params.set("columns", Json.mapper().valueToTree(request.columns()));
            params.put("filter", request.filter());
            params.put("sourceVersion", sourceVersion);
            try (ExperimentRun run = ledger.begin(
                    KIND,
                    "Validate " + request.target() + " against " + request.source()
                            + (request.sourceDatabase() == null ? "" : ", database " + request.sourceDatabase()),
                    fingerprint,
                    params)) {
                try {
                    List<TableShape> sourceTables = Catalog.tables(sc);
                    List<TableShape> targetTables = Catalog.tables(tc);
                    List<TableShape> chosen =
                            Catalog.select(sourceTables, request.tables(), "the source (" + request.source() + ")");
                    List<TableParity> parity =
                            compareTables(source, target, request, chosen, targetTables, progress, cancellation);
                    progress.report(Progress.indeterminate("Checking the destination's integrity"));
                    Set<String> names = new LinkedHashSet<>();
                    chosen.forEach(t -> names.add(t.qualified()));
                    List<Check> checks = new ArrayList<>();
                    boolean parityPassed = parity.stream().allMatch(TableParity::passed);
                    checks.add(parityCheck(parity, parityPassed));
                    checks.add(IntegrityChecks.notValidConstraints(tc));
                    checks.add(IntegrityChecks.foreignKeyOrphans(tc, names));
                    checks.add(IntegrityChecks.sequences(tc, names));
                    checks.add(IntegrityChecks.invalidIndexes(tc));
                    checks.add(IntegrityChecks.schema(Catalog.definitions(sc), Catalog.definitions(tc)));
                    double seconds = (System.nanoTime() - started) / 1e9;
                    ValidationReport report = new ValidationReport(
                            request.source(),
                            request.sourceDatabase(),
                            sourceVersion,
                            request.target(),
                            request.targetDatabase(),
                            targetVersion,
                            request.filter(),
                            parity,
                            checks,
                            parityPassed,
                            checks.stream().allMatch(Check::passed),
                            seconds);
                    run.attachJson("validation.json", report);
                    run.measure("tables", parity.size(), "tables");
                    run.measure(
                            "rows",
                            parity.stream().mapToLong(TableParity::sourceRows).sum(),
                            "rows");
                    run.measure(
                            "differing rows",
                            parity.stream().mapToLong(TableParity::differing).sum(),
                            "rows");
                    run.measure(
                            "failed checks",
                            checks.stream().filter(c -> !c.passed()).count(),
                            "checks");
                    run.measure("elapsed", seconds, "s");
                    run.tag(parityPassed ? "parity" : "parity-failed");
                    run.succeed();
                    progress.report(Progress.of("Validated " + parity.size() + " table(s)", 1, 1));
                    return new Validation(run.id(), report);
                } catch (CancelledException e) {
                    run.cancelled();
                    throw e;
                } catch (RuntimeException | SQLException e) {
                    run.fail(e);
                    if (e instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new MigLabException("Validation failed: " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new MigLabException("Validation lost a connection: " + e.getMessage(), e);
        }
    }

    @Override
    public SideBySide sideBySide(
            String source,
            String sourceDatabase,
            String target,
            String targetDatabase,
            String table,
            List<List<String>> keys) {
        try (Connection sc = connectors.apply(source).openOrExplain(sourceDatabase);
                Connection tc = connectors.apply(target).openOrExplain(targetDatabase)) {
            ParityChecker.prepareSession(sc);
            ParityChecker.prepareSession(tc);
            return SideBySideReader.read(sc, tc, table, keys);
        } catch (SQLException e) {
            throw new MigLabException("Reading the rows of " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static Check parityCheck(List<TableParity> parity, boolean passed) {
        List<String> problems = new ArrayList<>();
        long rows = 0;
        for (TableParity t : parity) {
            rows += t.sourceRows();
            if (!t.passed()) {
                problems.add(t.table() + ": " + t.sourceRows() + " vs " + t.targetRows() + " rows, "
                        + t.missing() + " missing, " + t.extra() + " extra, " + t.changed() + " changed"
                        + (t.key().isEmpty() ? " (no key: whole-table hash differs)" : ""));
            }
        }
        return passed
                ? new Check("parity", true, parity.size() + " table(s), " + rows + " row(s) identical", List.of(), 0)
                : new Check(
                        "parity",
                        false,
                        problems.size() + " of " + parity.size() + " table(s) differ",
                        problems,
                        problems.size());
    }

    private List<TableParity> compareTables(
            TargetConnector source,
            TargetConnector target,
            ValidationRequest request,
            List<TableShape> chosen,
            List<TableShape> targetTables,
            ProgressListener progress,
            Cancellation cancellation) {
        TableParity[] results = new TableParity[chosen.size()];
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < chosen.size(); i++) {
            TableShape s = chosen.get(i);
            TableShape t = targetTables.stream()
                    .filter(x -> x.qualified().equals(s.qualified()))
                    .findFirst()
                    .orElse(null);
            if (t == null) {
                results[i] = new TableParity(
                        s.qualified(),
                        s.key(),
                        List.of(),
                        -1,
                        -1,
                        0,
                        0,
                        0,
                        List.of(),
                        0,
                        0,
                        0,
                        false,
                        List.of("The table is missing on the destination."));
            } else {
                queue.add(i);
            }
        }
        int workers = Math.max(1, Math.min(TABLE_WORKERS, queue.size()));
        AtomicInteger done = new AtomicInteger();
        int total = queue.size();
        ExecutorService pool = Executors.newFixedThreadPool(workers * 2, r -> {
            Thread thread = new Thread(r, "miglab-validate");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    try (Connection sc = source.openOrExplain(request.sourceDatabase());
                            Connection tc = target.openOrExplain(request.targetDatabase())) {
                        ParityChecker.prepareSession(sc);
                        ParityChecker.prepareSession(tc);
                        ParityChecker checker = new ParityChecker(sc, tc, pool, cancellation, leafRows);
                        Integer i;
                        while ((i = queue.poll()) != null) {
                            cancellation.checkpoint();
                            TableShape s = chosen.get(i);
                            TableShape t = targetTables.stream()
                                    .filter(x -> x.qualified().equals(s.qualified()))
                                    .findFirst()
                                    .orElseThrow();
                            progress.report(Progress.of("Comparing " + s.qualified(), done.get(), total));
                            results[i] = checker.compare(s, t, request.columns(), request.filter());
                            progress.report(Progress.of("Compared " + s.qualified(), done.incrementAndGet(), total));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                } catch (java.util.concurrent.ExecutionException e) {
                    queue.clear();
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new MigLabException(
                            "Comparing the tables failed: " + e.getCause().getMessage(), e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return List.of(results);
    }
}
