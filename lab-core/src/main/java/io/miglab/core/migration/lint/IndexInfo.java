package io.miglab.core.migration.lint;

import java.util.List;

/**
 * An index as the lint needs it.
 *
 * @param name its name
 * @param method the access method: btree, gin, gist, hash, brin
 * @param unique whether it is unique (a primary key is)
 * @param keys the key columns or expressions, as pg_get_indexdef prints each ({@code id}, {@code (jsonb ->>
 *     'x'::text)})
 * @param predicate a partial index's WHERE (pg_get_expr of indpred), or null
 */
public record IndexInfo(String name, String method, boolean unique, List<String> keys, String predicate) {
    public IndexInfo {
        keys = List.copyOf(keys);
    }

    /** The index as a reader would write it: {@code name (btree: id) WHERE ...}. */
    public String describe() {
        return name + " (" + method + ": " + String.join(", ", keys) + ")"
                + (predicate == null ? "" : " WHERE " + predicate);
    }
}
