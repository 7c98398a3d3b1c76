package io.miglab.core.validate;

import java.util.List;

/**
 * Parity of one table.
 *
 * @param table schema.table
 * @param key the key the rows were compared by (empty: whole-table hash)
 * @param columns the columns hashed, in order
 * @param sourceRows exact row count on the source (with the filter)
 * @param targetRows exact row count on the destination
 * @param missing rows only on the source
 * @param extra rows only on the destination
 * @param changed rows on both with other values
 * @param differences the first {@link #KEPT} differing rows, in the order found
 * @param segments key segments checksummed on each side
 * @param leaves segments compared row by row
 * @param passed counts, hashes and (when keyed) every segment agree
 * @param warnings what the comparison could not do
 */
public record TableParity(
        String table,
        List<String> key,
        List<String> columns,
        long sourceRows,
        long targetRows,
        long missing,
        long extra,
        long changed,
        List<RowDifference> differences,
        long segments,
        long leaves,
        double seconds,
        boolean passed,
        List<String> warnings) {
    public static final int KEPT = 1000;

    public TableParity {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        differences = List.copyOf(differences);
        warnings = List.copyOf(warnings);
    }

    public long differing() {
        return missing + extra + changed;
    }
}
