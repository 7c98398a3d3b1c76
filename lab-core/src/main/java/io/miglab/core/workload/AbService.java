package io.miglab.core.workload;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.targets.TargetRegistry;

/** {@link AbTests} on a workspace's ledger and targets. */
public final class AbService implements AbTests {
    private final Ledger ledger;
    private final TargetRegistry targets;

    public AbService(Ledger ledger, TargetRegistry targets) {
        this.ledger = ledger;
        this.targets = targets;
    }

    @Override
    public AbRun run(AbRequest request, ProgressListener progress, Cancellation cancellation) {
        throw new UnsupportedOperationException("landing next");
    }

    @Override
    public AbRun open(long experimentId) {
        throw new UnsupportedOperationException("landing next");
    }
}
