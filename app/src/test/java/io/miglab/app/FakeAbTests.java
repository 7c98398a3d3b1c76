package io.miglab.app;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import io.miglab.core.workload.AbTests;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.StatementComparison;
import io.miglab.core.workload.Verdict;
import io.miglab.core.workload.WorkloadStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A/B tests in memory, for view-model tests: statement {@code i} of the workload comes out with B at {@code 1 / (i +
 * 2)} of A's time (all faster), rounds as the real service orders them. A side whose setup contains {@link #refused}
 * fails the way the gate refuses it. No database.
 */
public final class FakeAbTests implements AbTests {
    public final List<AbRequest> requests = new ArrayList<>();
    private final Map<Long, AbRun> runs = new LinkedHashMap<>();
    public String refused = "REFUSE";

    @Override
    public AbRun run(AbRequest request, ProgressListener progress, Cancellation cancellation) {
        requests.add(request);
        for (AbRequest.AbSide side : List.of(request.a(), request.b())) {
            if (side.setup().contains(refused)) {
                throw new MigLabException(
                        "The setup of " + side.label() + " failed: Writes are locked on " + request.target() + ".");
            }
        }
        List<WorkloadStatement> statements = ((BaselineRequest.WorkloadSource.Given) request.workload())
                .workload()
                .statements();
        List<StatementComparison> rows = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            double ratio = 1.0 / (i + 2);
            rows.add(new StatementComparison(
                    statements.get(i).name(),
                    100,
                    100,
                    10.0,
                    10.0 * ratio,
                    ratio,
                    ratio * 0.9,
                    ratio * 1.1,
                    Verdict.FASTER));
        }
        List<AbRun.Round> rounds = new ArrayList<>();
        List<Character> order = new ArrayList<>(List.of('A', 'B'));
        order.addAll(AbRequest.order(request.rounds()));
        for (int i = 0; i < order.size(); i++) {
            rounds.add(new AbRun.Round(i, order.get(i), i >= 2, 1, 10, 100));
        }
        long id = runs.size() + 1L;
        AbRun run = new AbRun(
                id,
                request.a().label(),
                request.b().label(),
                new Comparison(
                        request.a().label(),
                        request.b().label(),
                        CompareOptions.defaults(),
                        rows,
                        List.of(),
                        List.of()),
                rounds,
                cancellation.isCancelled());
        runs.put(id, run);
        return run;
    }

    @Override
    public AbRun open(long experimentId) {
        AbRun run = runs.get(experimentId);
        if (run == null) {
            throw new MigLabException("There is no experiment " + experimentId + " in the ledger.");
        }
        return run;
    }
}
