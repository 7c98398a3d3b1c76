package io.miglab.core.workload;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;

/**
 * A/B tests in interleaved rounds, as one feature for every caller ({@code miglab ab}, the advisors, the app's
 * compare view): before each round the side's setup runs, then the workload is measured; rounds alternate A B B A
 * A B B A ..., so both sides meet the same machine noise, and {@link Comparison#ofRounds} pairs them.
 */
public interface AbTests {

    /**
     * Runs the rounds and records them as one experiment of kind {@value AbRecorder#KIND} holding both sides;
     * linked as proving {@link AbRequest#proves()} when given. A cancelled run keeps the rounds it finished.
     */
    AbRun run(AbRequest request, ProgressListener progress, Cancellation cancellation);

    /** A recorded A/B run. */
    AbRun open(long experimentId);
}
