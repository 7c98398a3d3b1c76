package io.miglab.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The definitions of the indexes a plan uses, read from the catalog when the plan was captured (and stored beside
 * it), so a plan opened again gives the same findings. Empty for a plan pasted or opened from a file.
 */
public record IndexCatalog(List<IndexDefinition> indexes) {
    public static final IndexCatalog EMPTY = new IndexCatalog(List.of());

    public IndexCatalog {
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
    }

    /**
     * The index a plan node names. EXPLAIN prints the index name without its schema, so when two schemas hold an
     * index of that name the table (and the schema, which VERBOSE prints) decide; when they cannot, nothing is known.
     *
     * @param schema the node's schema, or null
     * @param table the node's relation, or null (a Bitmap Index Scan names none)
     */
    public Optional<IndexDefinition> find(String indexName, String schema, String table) {
        List<IndexDefinition> named = indexes.stream()
                .filter(i -> i.name().equals(indexName))
                .filter(i -> schema == null || schema.equals(i.schema()))
                .filter(i -> table == null || table.equals(i.table()))
                .toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** {@code {"indexes": [...]}}, as stored beside a captured plan. */
    public byte[] toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new MigLabException("Cannot write the index definitions as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static IndexCatalog fromJson(byte[] json) {
        try {
            return Json.mapper().readValue(json, IndexCatalog.class);
        } catch (IOException | RuntimeException e) {
            throw new MigLabException("The stored index definitions cannot be read: " + e.getMessage(), e);
        }
    }
}
