package io.miglab.core.advisor.index;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.targets.TargetRegistry;
import io.miglab.core.workload.AbTests;

/** {@link IndexAdvisor} on a workspace's ledger, targets and A/B tests. */
public final class IndexAdvisorService implements IndexAdvisor {
    private final Ledger ledger;
    private final TargetRegistry targets;
    private final AbTests abTests;

    public IndexAdvisorService(Ledger ledger, TargetRegistry targets, AbTests abTests) {
        this.ledger = ledger;
        this.targets = targets;
        this.abTests = abTests;
    }

    @Override
    public IndexAdvice advise(IndexAdviceRequest request, ProgressListener progress, Cancellation cancellation) {
        throw new UnsupportedOperationException("landing next");
    }

    @Override
    public IndexBuild apply(IndexApplyRequest request, ProgressListener progress, Cancellation cancellation) {
        throw new UnsupportedOperationException("landing next");
    }

    @Override
    public IndexProof prove(IndexProveRequest request, ProgressListener progress, Cancellation cancellation) {
        throw new UnsupportedOperationException("landing next");
    }

    @Override
    public IndexUndo undo(IndexUndoRequest request, ProgressListener progress, Cancellation cancellation) {
        throw new UnsupportedOperationException("landing next");
    }

    @Override
    public SetComparison compareSets(
            SetComparisonRequest request, ProgressListener progress, Cancellation cancellation) {
        throw new UnsupportedOperationException("landing next");
    }

    @Override
    public IndexAdvice open(long adviceExperimentId) {
        throw new UnsupportedOperationException("landing next");
    }
}
