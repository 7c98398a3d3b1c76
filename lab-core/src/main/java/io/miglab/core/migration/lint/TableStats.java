package io.miglab.core.migration.lint;

import java.util.Optional;

/** Where the lint learns how big a table is and which indexes it has: a target's catalog, or nothing. */
public interface TableStats {

    /** The table {@code name} names (as written in the script, resolved by the target's search_path), if it exists. */
    Optional<TableInfo> table(String name);

    /**
     * How volatile the function {@code name} is, as pg_proc.provolatile says: 'i' immutable, 's' stable, 'v' volatile;
     * of several overloads, the most volatile. Empty when unknown.
     */
    default Optional<Character> volatility(String name) {
        return Optional.empty();
    }

    /** False when there is no target: every table is of unknown size. */
    default boolean available() {
        return true;
    }

    /** No target: nothing is known. */
    static TableStats none() {
        return new TableStats() {
            @Override
            public Optional<TableInfo> table(String name) {
                return Optional.empty();
            }

            @Override
            public boolean available() {
                return false;
            }
        };
    }
}
