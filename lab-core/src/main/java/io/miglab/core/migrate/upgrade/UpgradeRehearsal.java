package io.miglab.core.migrate.upgrade;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.workload.Comparison;
import java.util.List;

/**
 * A major-version upgrade rehearsed end to end: dump the old server with the pg_dump that fits it, restore into a
 * lab instance on the new major, validate every row, run the same baseline on both and compare them. Each step is an
 * experiment of its own, linked ({@value #STEP_OF}) to one experiment of kind {@value #KIND}; the rehearsal stops at
 * the first step that fails and says why.
 */
public interface UpgradeRehearsal {
    String KIND = "upgrade";

    /** The relation from a step's experiment to the rehearsal's. */
    String STEP_OF = "step of";

    Rehearsal rehearse(UpgradeRequest request, ProgressListener progress, Cancellation cancellation);

    /**
     * Whether this machine can rehearse the request, without running anything: the source's major (a lab instance's
     * from its descriptor, another target's from the server) against the pg_dump programs found here.
     */
    Offer offer(UpgradeRequest request);

    /**
     * @param command the CLI command that runs the rehearsal, when available
     * @param reason why it is not available (what is missing and what to install), else null
     */
    record Offer(boolean available, String command, String reason) {}

    record Rehearsal(long experimentId, UpgradeReport report) {}

    /**
     * @param steps in order; after a failure the remaining steps are listed as skipped
     * @param failure why the rehearsal stopped, or null when every step passed
     * @param comparison the new side's baseline against the old one's, or null when the rehearsal stopped before
     */
    record UpgradeReport(
            String from,
            String database,
            String fromVersion,
            String to,
            String toVersion,
            List<Step> steps,
            boolean passed,
            String failure,
            Comparison comparison,
            double seconds) {}

    /**
     * @param outcome {@code passed}, {@code failed} or {@code skipped}
     * @param experimentId the step's own experiment, or 0 when it has none (starting the instance, skipped steps)
     */
    record Step(String name, String outcome, long experimentId, double seconds, String detail) {
        public boolean passed() {
            return outcome.equals("passed");
        }
    }
}
