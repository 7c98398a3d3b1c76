package io.miglab.app;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.advisor.index.Costing;
import io.miglab.core.advisor.index.IndexAdvice;
import io.miglab.core.advisor.index.IndexAdviceRequest;
import io.miglab.core.advisor.index.IndexAdvisor;
import io.miglab.core.advisor.index.IndexApplyRequest;
import io.miglab.core.advisor.index.IndexBuild;
import io.miglab.core.advisor.index.IndexCandidate;
import io.miglab.core.advisor.index.IndexProof;
import io.miglab.core.advisor.index.IndexProveRequest;
import io.miglab.core.advisor.index.IndexSpec;
import io.miglab.core.advisor.index.IndexUndo;
import io.miglab.core.advisor.index.IndexUndoRequest;
import io.miglab.core.advisor.index.SetComparison;
import io.miglab.core.advisor.index.SetComparisonRequest;
import io.miglab.core.advisor.index.StatementCost;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * The index advisor in memory, for view-model tests: one kept candidate on rental(customer_id) and one rejected on
 * film(title); a build, its proof (through {@link FakeAbTests}) and an undo record what they were asked. No database.
 */
public final class FakeIndexAdvisor implements IndexAdvisor {
    public final List<Object> requests = new ArrayList<>();
    public boolean writable = true;
    private final FakeAbTests abTests = new FakeAbTests();

    public static final IndexSpec RENTAL = new IndexSpec(
            "public",
            "rental",
            "miglab_rental_customer_id",
            List.of("customer_id"),
            List.of(),
            "CREATE INDEX miglab_rental_customer_id ON public.rental (customer_id)");
    static final IndexSpec FILM = new IndexSpec(
            "public",
            "film",
            "miglab_film_title",
            List.of("title"),
            List.of(),
            "CREATE INDEX miglab_film_title ON public.film (title)");

    @Override
    public IndexAdvice advise(IndexAdviceRequest request, ProgressListener progress, Cancellation cancellation) {
        requests.add(request);
        return new IndexAdvice(
                1,
                request.target(),
                request.database(),
                "pagila-workload.sql",
                Costing.REAL_INDEX,
                request.minSavingPercent(),
                List.of(new IndexAdvice.Explained("customer_rentals", 420.0, null)),
                List.of(
                        new IndexCandidate(
                                RENTAL,
                                "filter",
                                List.of("customer_rentals"),
                                List.of(new StatementCost("customer_rentals", 420, 21, true)),
                                true,
                                "kept: customer_rentals 420.0 -> 21.0 (95 % less)"),
                        new IndexCandidate(
                                FILM,
                                "sort",
                                List.of("top_films"),
                                List.of(new StatementCost("top_films", 900, 880, false)),
                                false,
                                "rejected: saves at most 2 % (top_films), needs 50 %")),
                writable);
    }

    @Override
    public IndexBuild apply(IndexApplyRequest request, ProgressListener progress, Cancellation cancellation) {
        requests.add(request);
        return new IndexBuild(
                2,
                request.target(),
                request.database(),
                request.indexes().stream()
                        .map(i -> new IndexBuild.Built(i, i.createConcurrentlySql(), 120, 360_448))
                        .toList());
    }

    @Override
    public IndexProof prove(IndexProveRequest request, ProgressListener progress, Cancellation cancellation) {
        requests.add(request);
        Workload workload = ((BaselineRequest.WorkloadSource.Given) request.workload()).workload();
        var speed = abTests.run(
                new AbRequest(
                        request.target(),
                        request.database(),
                        request.workload(),
                        AbRequest.AbSide.of("A: without", null),
                        AbRequest.AbSide.of("B: with", null),
                        request.rounds(),
                        null,
                        request.build()),
                progress,
                cancellation);
        var writes = abTests.run(
                new AbRequest(
                        request.target(),
                        request.database(),
                        new BaselineRequest.WorkloadSource.Given(
                                Workload.parse("writes.sql", "-- name: insert_rental\nSELECT 1\n")),
                        AbRequest.AbSide.of("A: without", null),
                        AbRequest.AbSide.of("B: with", null),
                        request.rounds(),
                        null,
                        request.build()),
                progress,
                cancellation);
        return new IndexProof(speed, writes, "-- name: insert_rental\nSELECT 1\n" + workload.name());
    }

    @Override
    public IndexUndo undo(IndexUndoRequest request, ProgressListener progress, Cancellation cancellation) {
        requests.add(request);
        return new IndexUndo(
                3,
                request.indexes().stream().map(IndexSpec::dropConcurrentlySql).toList(),
                15);
    }

    @Override
    public SetComparison compareSets(
            SetComparisonRequest request, ProgressListener progress, Cancellation cancellation) {
        throw new UnsupportedOperationException("not used by the page");
    }

    @Override
    public IndexAdvice open(long adviceExperimentId) {
        throw new UnsupportedOperationException("not used by the page");
    }
}
