package io.miglab.core.plan.capture;

import java.util.List;

/**
 * The EXPLAIN prefix actually sent, after gating by server version.
 *
 * @param prefix "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ", to put before the statement
 * @param options the options in it, as written
 * @param notes options left out and why, for the user
 */
public record ExplainPrefix(String prefix, List<String> options, List<String> notes) {
    public ExplainPrefix {
        options = List.copyOf(options);
        notes = List.copyOf(notes);
    }
}
