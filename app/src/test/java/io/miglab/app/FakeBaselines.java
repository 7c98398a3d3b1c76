package io.miglab.app;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.workload.BaselineListener;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.BaselineResult;
import io.miglab.core.workload.Baselines;
import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.LatencySummary;
import io.miglab.core.workload.LiveSnapshot;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.StatementError;
import io.miglab.core.workload.StatementResult;
import io.miglab.core.workload.Verdict;
import io.miglab.core.workload.Workload;
import io.miglab.core.workload.WorkloadStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Baselines in memory, for view-model tests: a run publishes {@link #snapshots} live snapshots (one second apart),
 * then returns made-up figures for each statement of the given workload (iterations x weight executions) (statement {@code i} has a p95 of {@code
 * i + 1} ms); statements named in {@link #failing} never succeed. Cancelling between snapshots stores what was
 * "measured", marked cancelled, as the real service does. No database.
 */
public final class FakeBaselines implements Baselines {
    private final Map<Long, Run> runs = new LinkedHashMap<>();
    private final Map<Long, Stored> stored = new LinkedHashMap<>();
    public final List<BaselineRequest> requests = new ArrayList<>();
    public final Set<String> failing = new HashSet<>();
    public int snapshots = 3;
    private long nextId = 1;
    private Instant clock = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public Run run(BaselineRequest request, ProgressListener progress, BaselineListener live, Cancellation cancel) {
        requests.add(request);
        if (!(request.workload() instanceof BaselineRequest.WorkloadSource.Given given)) {
            throw new MigLabException("The fake runs given workloads only.");
        }
        Workload workload = given.workload();
        boolean cancelled = false;
        int published = 0;
        for (int second = 1; second <= snapshots; second++) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            List<LiveSnapshot.Statement> figures = new ArrayList<>();
            for (int i = 0; i < workload.statements().size(); i++) {
                String name = workload.statements().get(i).name();
                boolean fails = failing.contains(name);
                figures.add(new LiveSnapshot.Statement(
                        name,
                        second * 10L,
                        fails ? second * 10L : 0,
                        fails ? 0 : 10,
                        fails ? 0 : 10,
                        i + 0.5,
                        i + 1,
                        i + 2));
            }
            live.snapshot(new LiveSnapshot(
                    second, second * 10L * workload.statements().size(), 0, figures));
            published = second;
        }
        cancelled |= cancel.isCancelled();
        List<StatementResult> statements = new ArrayList<>();
        long executions = 0;
        long errors = 0;
        for (int i = 0; i < workload.statements().size(); i++) {
            WorkloadStatement st = workload.statements().get(i);
            long n = (long) Math.max(1, request.options().iterations()) * st.weight();
            executions += n;
            if (failing.contains(st.name())) {
                errors += n;
                statements.add(new StatementResult(
                        st.name(),
                        st.sql(),
                        n,
                        n,
                        List.of(new StatementError("22012", "ERROR: division by zero", n)),
                        0,
                        null));
            } else {
                statements.add(new StatementResult(
                        st.name(),
                        st.sql(),
                        n,
                        0,
                        List.of(),
                        n / 1.0,
                        new LatencySummary(n, i + 0.6, 0.1, i + 0.5, i + 1, i + 1.5, i + 2)));
            }
        }
        String database = request.database() == null ? "postgres" : request.database();
        clock = clock.plusSeconds(60);
        BaselineResult result = new BaselineResult(
                workload.name(),
                database,
                request.options(),
                clock,
                Math.max(1, published),
                cancelled,
                executions,
                errors,
                executions / Math.max(1.0, published),
                new LatencySummary(executions - errors, 1, 0.1, 0.9, 2, 3, 4),
                statements,
                null,
                null,
                false,
                null);
        long id = nextId++;
        Run run = new Run(id, result, List.of());
        runs.put(id, run);
        ExperimentStatus status = cancelled
                ? ExperimentStatus.CANCELLED
                : result.failure() != null ? ExperimentStatus.FAILED : ExperimentStatus.SUCCEEDED;
        stored.put(
                id,
                new Stored(
                        id,
                        "Baseline of " + workload.name(),
                        request.target(),
                        request.database(),
                        clock,
                        status,
                        result.failure()));
        return run;
    }

    @Override
    public Run open(long experimentId) {
        Run run = runs.get(experimentId);
        if (run == null) {
            throw new MigLabException("There is no baseline experiment " + experimentId + ".");
        }
        return run;
    }

    @Override
    public List<Stored> baselines(String target, int limit) {
        List<Stored> newestFirst = new ArrayList<>(stored.values());
        java.util.Collections.reverse(newestFirst);
        return newestFirst.stream()
                .filter(s -> target == null || target.equals(s.target()))
                .limit(limit <= 0 ? Long.MAX_VALUE : limit)
                .toList();
    }

    @Override
    public Optional<Run> latest(String target, String database) {
        return baselines(target, 200).stream()
                .filter(s -> Objects.equals(database, s.database()))
                .filter(s -> s.status() != ExperimentStatus.RUNNING)
                .findFirst()
                .map(s -> open(s.experimentId()));
    }

    @Override
    public Comparison compare(long before, long after, CompareOptions options) {
        BaselineResult a = open(before).result();
        BaselineResult b = open(after).result();
        List<StatementComparison> rows = new ArrayList<>();
        for (StatementResult s : b.statements()) {
            rows.add(new StatementComparison(
                    s.name(),
                    s.executions(),
                    s.executions(),
                    1.0,
                    1.0,
                    1.0,
                    0.95,
                    1.05,
                    Verdict.NO_SIGNIFICANT_CHANGE));
        }
        return new Comparison(a.workload(), b.workload(), options, rows, List.of(), List.of());
    }
}
