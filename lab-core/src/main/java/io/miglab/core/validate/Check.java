package io.miglab.core.validate;

import java.util.List;

/**
 * One integrity or parity check with its verdict.
 *
 * @param name a stable name: parity, not-valid-constraints, foreign-key-orphans, sequences, invalid-indexes, schema
 * @param summary one line for a table of checks
 * @param problems what failed, one line each (at most {@link #KEPT}), or notes when it passed
 * @param problemCount how many problems in all
 */
public record Check(String name, boolean passed, String summary, List<String> problems, long problemCount) {
    public static final int KEPT = 200;

    public Check {
        problems = List.copyOf(problems.size() > KEPT ? problems.subList(0, KEPT) : problems);
    }
}
