package io.miglab.core.inventory;

import io.miglab.core.inventory.InventorySnapshot.Index;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which indexes are unused, duplicate or redundant, the way PgHero and pg_idx_advisor do: two indexes of
 * the same table, method, predicate, operator classes and collations are duplicates when their keys are equal; a
 * btree index is redundant when its keys are the leading keys of another btree index, because that index answers
 * every lookup it does. Unique indexes are never called redundant by a longer index (they enforce something), and
 * indexes behind a constraint are never called unused.
 */
final class IndexAnalysis {
    private IndexAnalysis() {}

    /** One index as the catalog query returns it, before analysis. */
    record Raw(
            String schema,
            String table,
            String name,
            String method,
            String definition,
            List<String> keys,
            String predicate,
            boolean unique,
            boolean primary,
            boolean valid,
            boolean backsConstraint,
            long sizeBytes,
            Long scans,
            List<String> opclasses,
            List<String> collations) {

        /** The per-key facts that must match for one index to stand in for another, key by key. */
        List<String> keySignature() {
            List<String> signature = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                signature.add(keys.get(i) + "\u0000" + at(opclasses, i) + "\u0000" + at(collations, i));
            }
            return signature;
        }

        /** Indexes that enforce something are kept over plain ones when two are duplicates. */
        boolean enforces() {
            return primary || unique || backsConstraint;
        }

        private static String at(List<String> values, int i) {
            return i < values.size() ? values.get(i) : "";
        }
    }

    static List<Index> analyse(List<Raw> indexes) {
        Map<String, List<Raw>> byTable = new LinkedHashMap<>();
        for (Raw r : indexes) {
            byTable.computeIfAbsent(r.schema() + "\u0000" + r.table(), k -> new ArrayList<>())
                    .add(r);
        }
        List<Index> result = new ArrayList<>();
        for (List<Raw> group : byTable.values()) {
            for (Raw r : group) {
                String duplicateOf = null;
                String redundantWith = null;
                if (r.valid()) {
                    for (Raw other : group) {
                        if (other == r || !other.valid() || !comparable(r, other)) {
                            continue;
                        }
                        List<String> mine = r.keySignature();
                        List<String> theirs = other.keySignature();
                        if (mine.equals(theirs)) {
                            if (yieldsTo(r, other) && duplicateOf == null) {
                                duplicateOf = qualified(other);
                            }
                        } else if ("btree".equals(r.method())
                                && !r.unique()
                                && theirs.size() > mine.size()
                                && theirs.subList(0, mine.size()).equals(mine)
                                && redundantWith == null) {
                            redundantWith = qualified(other);
                        }
                    }
                }
                boolean unused = r.valid() && !r.enforces() && r.scans() != null && r.scans() == 0;
                result.add(new Index(
                        r.schema(),
                        r.table(),
                        r.name(),
                        r.method(),
                        r.definition(),
                        r.keys(),
                        r.predicate(),
                        r.unique(),
                        r.primary(),
                        r.valid(),
                        r.backsConstraint(),
                        r.sizeBytes(),
                        r.scans(),
                        unused,
                        duplicateOf,
                        redundantWith));
            }
        }
        return result;
    }

    private static boolean comparable(Raw a, Raw b) {
        return a.method().equals(b.method()) && Objects.equals(a.predicate(), b.predicate());
    }

    /**
     * Of two duplicates, exactly one is flagged: the one that enforces less; between equals, the one whose name
     * sorts last, so the verdict is stable.
     */
    private static boolean yieldsTo(Raw r, Raw other) {
        if (r.primary() != other.primary()) {
            return other.primary();
        }
        if (r.backsConstraint() != other.backsConstraint()) {
            return other.backsConstraint();
        }
        if (r.unique() != other.unique()) {
            return other.unique();
        }
        if (r.backsConstraint()) {
            // Two constraints on the same keys each need their index; dropping one means dropping its constraint.
            return false;
        }
        return r.name().compareTo(other.name()) > 0;
    }

    private static String qualified(Raw r) {
        return Identifiers.qualified(r.schema(), r.name());
    }
}
