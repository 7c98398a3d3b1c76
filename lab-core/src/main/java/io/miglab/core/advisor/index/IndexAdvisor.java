package io.miglab.core.advisor.index;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;

/**
 * The index advisor as one feature for every caller ({@code miglab advise indexes}, the Index tuning page, the
 * playbook runner): candidates from the workload's plans, each costed (HypoPG where the target has it, a real index
 * on a lab instance), kept only with a clear saving; then apply, prove with interleaved A/B rounds, measure the write
 * overhead, undo. Every step is an experiment, linked to the one it improves, proves, costs or undoes.
 *
 * <p>On a guarded target that is locked the advisor still advises (EXPLAIN and HypoPG only touch the session), but
 * {@link #apply}, {@link #prove}, {@link #undo} and {@link #compareSets} refuse with the exact SQL they would run.
 */
public interface IndexAdvisor {

    /** Finds and costs the candidates; records an experiment of kind {@value #ADVICE_KIND}. */
    IndexAdvice advise(IndexAdviceRequest request, ProgressListener progress, Cancellation cancellation);

    /**
     * Builds the indexes with {@code CREATE INDEX CONCURRENTLY}, timed, with their sizes; records an experiment of
     * kind {@value #BUILD_KIND} linked {@code improves} to {@link IndexApplyRequest#improves()}.
     */
    IndexBuild apply(IndexApplyRequest request, ProgressListener progress, Cancellation cancellation);

    /**
     * Proves a build: the workload in interleaved A/B rounds (A without the indexes, B with them), linked {@code
     * proves} to the build; then, when asked, a generated write workload on the indexed tables A/B'd the same way,
     * linked {@code costs}. Leaves the indexes in place, as the build left them.
     */
    IndexProof prove(IndexProveRequest request, ProgressListener progress, Cancellation cancellation);

    /** Drops a build's indexes with {@code DROP INDEX CONCURRENTLY}; an experiment linked {@code undoes} to it. */
    IndexUndo undo(IndexUndoRequest request, ProgressListener progress, Cancellation cancellation);

    /**
     * Two index sets on the same workload, speed and write cost side by side: A/B with A = the reference set and B
     * = the proposed set, plus each set's write overhead against no index. Leaves neither set in place.
     */
    SetComparison compareSets(SetComparisonRequest request, ProgressListener progress, Cancellation cancellation);

    /** A recorded advice. */
    IndexAdvice open(long adviceExperimentId);

    String ADVICE_KIND = "index-advice";
    String BUILD_KIND = "index-build";
    String UNDO_KIND = "index-undo";
}
