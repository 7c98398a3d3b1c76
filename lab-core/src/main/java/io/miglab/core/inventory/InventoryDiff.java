package io.miglab.core.inventory;

import io.miglab.core.inventory.InventorySnapshot.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two snapshots: objects added, removed or changed, and per table the change in rows and
 * size. Used for source against target after a migration, and before against after a tuning step.
 *
 * @param before the first snapshot's database and time, for the heading
 * @param changes ordered by kind, then object
 * @param tables tables present in both whose row count or size changed
 */
public record InventoryDiff(String before, String after, List<Change> changes, List<TableDelta> tables) {

    public InventoryDiff {
        changes = List.copyOf(changes);
        tables = List.copyOf(tables);
    }

    public enum ChangeType {
        ADDED,
        REMOVED,
        CHANGED
    }

    /**
     * @param kind {@code setting}, {@code extension}, {@code schema}, {@code table}, {@code index}, {@code constraint},
     *     {@code sequence}, {@code trigger}, {@code view}, {@code function}
     * @param object the object with quoted identifiers
     * @param detail for a change, {@code old -> new}; else null
     */
    public record Change(ChangeType type, String kind, String object, String detail) {}

    /** Rows are exact counts when both snapshots have them, else estimates; null when unknown. */
    public record TableDelta(
            String schema, String name, Long rowsBefore, Long rowsAfter, long bytesBefore, long bytesAfter) {
        public Long rowChange() {
            return rowsBefore == null || rowsAfter == null ? null : rowsAfter - rowsBefore;
        }

        public long byteChange() {
            return bytesAfter - bytesBefore;
        }
    }

    public boolean noChanges() {
        return changes.isEmpty() && tables.isEmpty();
    }

    /** Compares two snapshots; the order of the arguments is before, then after. */
    public static InventoryDiff between(InventorySnapshot a, InventorySnapshot b) {
        List<Change> changes = new ArrayList<>();
        compare(
                changes,
                "setting",
                a.settings(),
                b.settings(),
                InventorySnapshot.Setting::name,
                Identifiers::quote,
                InventorySnapshot.Setting::value);
        compare(
                changes,
                "extension",
                a.extensions().stream()
                        .filter(InventorySnapshot.Extension::installed)
                        .toList(),
                b.extensions().stream()
                        .filter(InventorySnapshot.Extension::installed)
                        .toList(),
                InventorySnapshot.Extension::name,
                Identifiers::quote,
                InventorySnapshot.Extension::installedVersion);
        compare(
                changes,
                "schema",
                a.schemas(),
                b.schemas(),
                InventorySnapshot.Schema::name,
                Identifiers::quote,
                s -> "");
        compare(
                changes,
                "table",
                a.tables(),
                b.tables(),
                t -> key(t.schema(), t.name()),
                k -> display(k),
                InventorySnapshot.Table::kind);
        compare(
                changes,
                "index",
                a.indexes(),
                b.indexes(),
                i -> key(i.schema(), i.name()),
                k -> display(k),
                i -> i.definition() + (i.valid() ? "" : " (invalid)"));
        compare(
                changes,
                "constraint",
                a.constraints(),
                b.constraints(),
                c -> key(c.schema(), c.table(), c.name()),
                k -> display(k),
                c -> c.definition() + (c.validated() ? "" : " NOT VALID"));
        compare(
                changes,
                "sequence",
                a.sequences(),
                b.sequences(),
                q -> key(q.schema(), q.name()),
                k -> display(k),
                q -> q.dataType() + " max " + q.maxValue());
        compare(
                changes,
                "trigger",
                a.triggers(),
                b.triggers(),
                t -> key(t.schema(), t.table(), t.name()),
                k -> display(k),
                t -> t.definition() + " [" + t.enabled() + "]");
        compare(
                changes,
                "view",
                a.views(),
                b.views(),
                v -> key(v.schema(), v.name()),
                k -> display(k),
                v -> v.materialized() ? "materialized view" : "view");
        compare(
                changes,
                "function",
                a.functions(),
                b.functions(),
                f -> key(f.schema(), f.name()) + "\u0001" + f.arguments(),
                k -> display(k.substring(0, k.indexOf('\u0001'))) + "(" + k.substring(k.indexOf('\u0001') + 1) + ")",
                f -> f.returns() + " " + f.language());

        Map<String, Table> before = index(a.tables(), t -> key(t.schema(), t.name()));
        List<TableDelta> deltas = new ArrayList<>();
        for (Table t : b.tables()) {
            Table old = before.get(key(t.schema(), t.name()));
            if (old == null) {
                continue;
            }
            boolean exact = old.exactRows() != null && t.exactRows() != null;
            Long rowsBefore = exact ? old.exactRows() : old.estimatedRows();
            Long rowsAfter = exact ? t.exactRows() : t.estimatedRows();
            if (!Objects.equals(rowsBefore, rowsAfter) || old.totalBytes() != t.totalBytes()) {
                deltas.add(
                        new TableDelta(t.schema(), t.name(), rowsBefore, rowsAfter, old.totalBytes(), t.totalBytes()));
            }
        }
        deltas.sort(Comparator.comparing(TableDelta::schema).thenComparing(TableDelta::name));
        return new InventoryDiff(label(a), label(b), changes, deltas);
    }

    private static String label(InventorySnapshot s) {
        return s.database() + " at " + s.takenAt();
    }

    private static <T> void compare(
            List<Change> out,
            String kind,
            List<T> before,
            List<T> after,
            Function<T, String> keyOf,
            Function<String, String> displayOf,
            Function<T, String> valueOf) {
        Map<String, T> a = index(before, keyOf);
        Map<String, T> b = index(after, keyOf);
        List<Change> found = new ArrayList<>();
        for (Map.Entry<String, T> e : a.entrySet()) {
            T now = b.get(e.getKey());
            if (now == null) {
                found.add(new Change(ChangeType.REMOVED, kind, displayOf.apply(e.getKey()), null));
            } else {
                String was = valueOf.apply(e.getValue());
                String is = valueOf.apply(now);
                if (!Objects.equals(was, is)) {
                    found.add(new Change(ChangeType.CHANGED, kind, displayOf.apply(e.getKey()), was + " -> " + is));
                }
            }
        }
        for (Map.Entry<String, T> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                found.add(new Change(ChangeType.ADDED, kind, displayOf.apply(e.getKey()), null));
            }
        }
        found.sort(Comparator.comparing(Change::object).thenComparing(Change::type));
        out.addAll(found);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> keyOf) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.putIfAbsent(keyOf.apply(item), item);
        }
        return map;
    }

    /** Parts joined by a character no identifier holds, so keys never collide. */
    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    private static String display(String key) {
        StringBuilder out = new StringBuilder();
        for (String part : key.split("\u0000", -1)) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(Identifiers.quote(part));
        }
        return out.toString();
    }
}
