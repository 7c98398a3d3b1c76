package io.miglab.core.advisor.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Candidate indexes from the plans of a workload, as Dexter and pganalyze draw them: for each scanned relation, the
 * columns its filters, join conditions and sort keys use; each column alone, then every two-column combination in
 * both orders; and for each of those a covering variant (INCLUDE the other columns the plan needs from that
 * relation) where an index-only scan could then serve it. Candidates are merged across statements, each listing
 * the statements whose plans named its columns.
 */
final class Candidates {
    /** At most this many distinct columns of one relation in one statement make combinations. */
    static final int MAX_COLUMNS_PER_RELATION = 5;
    /** A covering variant includes at most this many columns: wider ones cost more to write than they save. */
    static final int MAX_INCLUDE = 4;

    /** A candidate being collected. */
    static final class Draft {
        final String schema;
        final String table;
        final List<String> columns;
        final List<String> include;
        final Set<String> origins = new LinkedHashSet<>();
        final Set<String> serves = new LinkedHashSet<>();

        Draft(String schema, String table, List<String> columns, List<String> include) {
            this.schema = schema;
            this.table = table;
            this.columns = List.copyOf(columns);
            this.include = List.copyOf(include);
        }

        String key() {
            return schema + "." + table + "(" + String.join(",", columns) + ")" + String.join(",", include);
        }

        IndexSpec spec() {
            String name = IndexSql.name(table, columns, !include.isEmpty());
            return new IndexSpec(
                    schema, table, name, columns, include, IndexSql.create(schema, table, name, columns, include));
        }
    }

    private final Map<String, Draft> drafts = new LinkedHashMap<>();

    /** Adds the candidates of one statement's plan. */
    void add(
            String statement, PlanColumns plan, java.util.function.Function<PlanColumns.Table, Set<String>> columnsOf) {
        Map<String, Map<String, Set<String>>> byAlias = new LinkedHashMap<>();
        Map<String, PlanColumns.Table> tables = new LinkedHashMap<>();
        for (PlanColumns.Use use : plan.uses()) {
            if (use.table().schema().equals("pg_catalog")
                    || use.table().schema().equals("information_schema")
                    || !columnsOf.apply(use.table()).contains(use.column())) {
                continue;
            }
            tables.put(use.alias(), use.table());
            byAlias.computeIfAbsent(use.alias(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(use.column(), c -> new LinkedHashSet<>())
                    .add(use.role());
        }
        for (var entry : byAlias.entrySet()) {
            String alias = entry.getKey();
            PlanColumns.Table table = tables.get(alias);
            List<String> columns = new ArrayList<>(entry.getValue().keySet());
            if (columns.size() > MAX_COLUMNS_PER_RELATION) {
                columns = columns.subList(0, MAX_COLUMNS_PER_RELATION);
            }
            List<List<String>> keys = new ArrayList<>();
            for (String c : columns) {
                keys.add(List.of(c));
            }
            for (String a : columns) {
                for (String b : columns) {
                    if (!a.equals(b)) {
                        keys.add(List.of(a, b));
                    }
                }
            }
            Set<String> needed = plan.neededColumns(alias);
            Set<String> real = columnsOf.apply(table);
            if (needed != null && !real.containsAll(needed)) {
                needed = null; // a name that is no column of the table: not sure what the scan must return
            }
            for (List<String> key : keys) {
                String origin = origin(key, entry.getValue());
                put(table, key, List.of(), statement, origin);
                if (needed != null) {
                    List<String> extra = needed.stream()
                            .filter(c -> !key.contains(c))
                            .sorted()
                            .toList();
                    if (!extra.isEmpty() && extra.size() <= MAX_INCLUDE) {
                        put(table, key, extra, statement, origin + ", covering");
                    }
                }
            }
        }
    }

    private void put(PlanColumns.Table table, List<String> key, List<String> include, String statement, String origin) {
        Draft d = new Draft(table.schema(), table.name(), key, include);
        Draft existing = drafts.putIfAbsent(d.key(), d);
        Draft target = existing == null ? d : existing;
        target.serves.add(statement);
        target.origins.add(origin);
    }

    private static String origin(List<String> key, Map<String, Set<String>> roles) {
        List<String> parts = new ArrayList<>();
        for (String c : key) {
            parts.add(String.join("/", roles.get(c)) + " " + c);
        }
        return String.join(", ", parts);
    }

    List<Draft> drafts() {
        return List.copyOf(drafts.values());
    }
}
