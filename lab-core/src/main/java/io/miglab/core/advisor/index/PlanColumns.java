package io.miglab.core.advisor.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.sql.SqlLexer;
import io.miglab.core.sql.SqlSyntaxException;
import io.miglab.core.sql.SqlToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table columns one statement's plan (EXPLAIN VERBOSE) filters, joins and sorts on. VERBOSE makes the deparser
 * qualify every column with its range-table alias ({@code r.inventory_id}), and every scan node names its alias
 * with its relation, so a reference resolves to a table without guessing. Conditions are cut with MigLab's SQL
 * lexer, so string literals, quoted names and casts ({@code 'x'::text}) are read as PostgreSQL wrote them.
 */
final class PlanColumns {
    /** Conditions on a scan: the columns of its own relation in them are filter (or join-parameter) columns. */
    private static final List<String> SCAN_CONDITIONS = List.of(PlanFields.FILTER, "Index Cond", "Recheck Cond");
    /** Conditions on a join: each qualified column in them is a join column of its table. */
    private static final List<String> JOIN_CONDITIONS = List.of("Hash Cond", "Merge Cond", PlanFields.JOIN_FILTER);

    /** A table as the plan names it. */
    record Table(String schema, String name) {}

    /** One use of a column in the plan. */
    record Use(Table table, String alias, String column, String role) {}

    private final Map<String, Table> aliases = new LinkedHashMap<>();
    private final List<Use> uses = new ArrayList<>();
    private final Map<String, Set<String>> referenced = new LinkedHashMap<>();
    private final Set<String> unknownOutputs = new LinkedHashSet<>();

    /** The only alias of a one-relation plan, whose columns VERBOSE leaves unqualified; else null. */
    private String single;

    private io.miglab.core.plan.IndexCatalog indexes = io.miglab.core.plan.IndexCatalog.EMPTY;

    /** Words after {@code ::} that continue a type name: {@code timestamp without time zone}. */
    private static final Set<String> TYPE_WORDS =
            Set.of("without", "with", "time", "zone", "varying", "precision", "character", "double");

    private PlanColumns() {}

    /** Reads the plan of one statement. */
    static PlanColumns of(Plan plan) {
        return of(plan, io.miglab.core.plan.IndexCatalog.EMPTY);
    }

    /**
     * Reads the plan of one statement; {@code indexes} (the definitions of the indexes the plan uses) tell what an
     * index scan without a condition is for: its order, which is an ORDER BY the plan shows no Sort for.
     */
    static PlanColumns of(Plan plan, io.miglab.core.plan.IndexCatalog indexes) {
        PlanColumns p = new PlanColumns();
        p.indexes = indexes;
        for (PlanNode n : plan.nodes()) {
            String relation = n.text(PlanFields.RELATION_NAME);
            String alias = n.text(PlanFields.ALIAS);
            if (relation != null) {
                String schema = n.text(PlanFields.SCHEMA);
                p.aliases.put(
                        alias == null ? relation : alias, new Table(schema == null ? "public" : schema, relation));
            }
        }
        if (p.aliases.size() == 1) {
            p.single = p.aliases.keySet().iterator().next();
        }
        for (PlanNode n : plan.nodes()) {
            p.read(n);
        }
        return p;
    }

    private void read(PlanNode n) {
        String own = n.text(PlanFields.RELATION_NAME) == null
                ? null
                : n.text(PlanFields.ALIAS) == null ? n.text(PlanFields.RELATION_NAME) : n.text(PlanFields.ALIAS);
        for (String field : SCAN_CONDITIONS) {
            List<Ref> refs = refsIn(n.text(field));
            // A scan's condition naming another alias is a join parameter (the inner side of a nested loop): its
            // columns are join columns on both sides.
            boolean join = refs.stream().map(Ref::qualifier).distinct().count() > 1;
            for (Ref r : refs) {
                add(r, join ? "join" : "filter");
            }
        }
        for (String field : JOIN_CONDITIONS) {
            for (Ref r : refsIn(n.text(field))) {
                add(r, "join");
            }
        }
        String index = n.text(PlanFields.INDEX_NAME);
        if (own != null && index != null && n.text("Index Cond") == null) {
            // A full index scan: chosen for its order (ORDER BY ... LIMIT), or a merge join's input.
            indexes.find(index, n.text(PlanFields.SCHEMA), n.text(PlanFields.RELATION_NAME))
                    .map(io.miglab.core.plan.IndexDefinition::leadingColumn)
                    .ifPresent(c -> add(new Ref(own, c), "sort"));
        }
        for (String key : texts(n, PlanFields.SORT_KEY)) {
            Ref plain = plainColumnIn(key);
            if (plain != null) {
                add(plain, "sort");
            }
            refsIn(key).forEach(this::reference);
        }
        for (String field : List.of("Group Key", "Presorted Key", "Cache Key", "Hash Key")) {
            for (String key : texts(n, field)) {
                refsIn(key).forEach(this::reference);
            }
        }
        // What the nodes above a scan need from it: its parent's outputs and conditions. A scan's own output lists
        // every column of the table (PostgreSQL's physical target list), so it is no measure of what is needed.
        if (own == null) {
            for (String out : texts(n, "Output")) {
                List<Ref> refs = refsIn(out);
                refs.forEach(this::reference);
                if (refs.isEmpty() && out.matches("[a-z_][a-z0-9_$]*\\.\\*|[a-z_][a-z0-9_$]*")) {
                    unknownOutputs.add(out.contains(".") ? out.substring(0, out.indexOf('.')) : out);
                }
            }
        }
    }

    private void add(Ref r, String role) {
        Table table = aliases.get(r.qualifier());
        if (table != null) {
            uses.add(new Use(table, r.qualifier(), r.column(), role));
        }
        reference(r);
    }

    private void reference(Ref r) {
        if (aliases.containsKey(r.qualifier())) {
            referenced
                    .computeIfAbsent(r.qualifier(), k -> new LinkedHashSet<>())
                    .add(r.column());
        }
    }

    List<Use> uses() {
        return List.copyOf(uses);
    }

    Map<String, Table> aliases() {
        return Map.copyOf(aliases);
    }

    /**
     * Every column of {@code alias} the plan needs above its scan, or null when that is not known (a whole-row
     * reference): what an index-only scan of the alias would have to return.
     */
    Set<String> neededColumns(String alias) {
        if (unknownOutputs.contains(alias)) {
            return null;
        }
        return Set.copyOf(referenced.getOrDefault(alias, Set.of()));
    }

    private static List<String> texts(PlanNode n, String field) {
        JsonNode v = n.field(field).orElse(null);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        } else if (v.isTextual()) {
            out.add(v.asText());
        }
        return out;
    }

    private List<Ref> refsIn(String text) {
        return refs(text, single);
    }

    private Ref plainColumnIn(String key) {
        Ref r = plainColumn(key);
        if (r == null && single != null) {
            r = plainColumn(single + "." + key);
        }
        return r;
    }

    /** A qualified column reference: {@code alias.column}. */
    record Ref(String qualifier, String column) {}

    /**
     * Every {@code name.name} in {@code text} that is not a function call ({@code pg_catalog.lower(...)}) or a type
     * after {@code ::}; names as PostgreSQL folds them.
     */
    static List<Ref> refs(String text) {
        return refs(text, null);
    }

    /**
     * As {@link #refs(String)}, and with {@code single} not null also the unqualified lower-case names (the
     * deparser writes key words in upper case) that are not function calls or types: one relation's columns.
     */
    static List<Ref> refs(String text, String single) {
        List<Ref> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        List<SqlToken> t;
        try {
            t = SqlLexer.tokenize(text);
        } catch (SqlSyntaxException e) {
            return out;
        }
        boolean inType = false;
        for (int i = 0; i < t.size(); i++) {
            SqlToken tok = t.get(i);
            boolean cast = tok.kind() == SqlToken.Kind.OPERATOR && tok.text().equals("::")
                    || tok.isPunctuation(':')
                            && i + 1 < t.size()
                            && t.get(i + 1).isPunctuation(':');
            if (cast) {
                if (tok.isPunctuation(':')) {
                    i++;
                }
                inType = true;
                continue;
            }
            if (inType) {
                // The type name: a word, maybe schema-qualified, maybe several words, maybe (n) and [].
                if (tok.isName() || tok.isPunctuation('.') || tok.isPunctuation('[') || tok.isPunctuation(']')) {
                    boolean next = i + 1 < t.size()
                            && (t.get(i + 1).isPunctuation('.')
                                    || t.get(i + 1).isPunctuation('[')
                                    || t.get(i + 1).isPunctuation(']')
                                    || t.get(i + 1).kind() == SqlToken.Kind.WORD
                                            && TYPE_WORDS.contains(t.get(i + 1).value()));
                    inType = next || tok.isPunctuation('.');
                    continue;
                }
                inType = false;
            }
            if (!tok.isName()) {
                continue;
            }
            boolean qualified = i + 2 < t.size()
                    && t.get(i + 1).isPunctuation('.')
                    && t.get(i + 2).isName();
            if (qualified) {
                boolean call = i + 3 < t.size() && t.get(i + 3).isPunctuation('(');
                boolean deeper = i + 3 < t.size() && t.get(i + 3).isPunctuation('.');
                if (!call && !deeper) {
                    out.add(new Ref(tok.value(), t.get(i + 2).value()));
                }
                i += 2;
                continue;
            }
            boolean call = i + 1 < t.size() && t.get(i + 1).isPunctuation('(');
            boolean keyword = tok.kind() == SqlToken.Kind.WORD && !tok.text().equals(tok.lowerValue());
            if (single != null && !call && !keyword) {
                out.add(new Ref(single, tok.value()));
            }
        }
        return out;
    }

    /** The column of a sort key that is a plain column ({@code r.rental_date DESC NULLS LAST}), else null. */
    static Ref plainColumn(String key) {
        List<SqlToken> t;
        try {
            t = SqlLexer.tokenize(key);
        } catch (SqlSyntaxException e) {
            return null;
        }
        if (t.size() < 3
                || !(t.get(0).isName()
                        && t.get(1).isPunctuation('.')
                        && t.get(2).isName())) {
            return null;
        }
        for (SqlToken rest : t.subList(3, t.size())) {
            if (!(rest.isWord("asc")
                    || rest.isWord("desc")
                    || rest.isWord("nulls")
                    || rest.isWord("first")
                    || rest.isWord("last"))) {
                return null;
            }
        }
        return new Ref(t.get(0).value(), t.get(2).value());
    }
}
