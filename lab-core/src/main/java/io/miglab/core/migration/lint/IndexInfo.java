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
 * @param definition its {@code CREATE INDEX} statement as pg_get_indexdef prints it, or null when not known
 */
public record IndexInfo(
        String name, String method, boolean unique, List<String> keys, String predicate, String definition) {
    public IndexInfo {
        keys = List.copyOf(keys);
    }

    /** An index known by its parts only (no definition to rebuild it from). */
    public IndexInfo(String name, String method, boolean unique, List<String> keys, String predicate) {
        this(name, method, unique, keys, predicate, null);
    }

    /**
     * The statement that builds it again without blocking writes ({@code CREATE INDEX CONCURRENTLY ...}), or null when
     * its definition is unknown or it is unique (a constraint's index is not MigLab's to drop and rebuild).
     */
    public String rebuildConcurrently() {
        if (definition == null || unique || !definition.startsWith("CREATE INDEX ")) {
            return null;
        }
        return "CREATE INDEX CONCURRENTLY " + definition.substring("CREATE INDEX ".length());
    }

    /** The index as a reader would write it: {@code name (btree: id) WHERE ...}. */
    public String describe() {
        return name + " (" + method + ": " + String.join(", ", keys) + ")"
                + (predicate == null ? "" : " WHERE " + predicate);
    }
}
