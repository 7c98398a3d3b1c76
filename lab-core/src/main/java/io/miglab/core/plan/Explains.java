package io.miglab.core.plan;

import io.miglab.core.Cancellation;
import java.util.List;

/**
 * EXPLAIN as one feature for every caller (CLI, app, playbook runner): capture a plan on a target and record it as
 * an experiment, reopen a recorded capture, list the captures, or analyse a plan that was pasted or saved.
 */
public interface Explains {

    /** Runs EXPLAIN on the request's target and records it as an experiment of kind {@code explain}. */
    Explained capture(ExplainRequest request, Cancellation cancellation);

    /** A recorded capture, as it was analysed then. */
    Explained open(long experimentId);

    /** The successful captures, newest first; on one target when {@code target} is not null. */
    List<Capture> captures(String target, int limit);

    /** Analyses a plan given as text (EXPLAIN JSON or TEXT, psql output accepted). */
    Explained analyse(String planText, String source);

    /** One recorded capture, for pickers and lists. */
    record Capture(long experimentId, String title, String target, String database) {}
}
