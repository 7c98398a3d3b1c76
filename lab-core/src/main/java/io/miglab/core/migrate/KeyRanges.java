package io.miglab.core.migrate;

import io.miglab.core.migrate.SourceCatalog.LoadTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a large table into key ranges for parallel COPY, on the first primary-key column (a primary key's columns
 * are never null, so the ranges cover every row, composite keys included): integer keys into equal-width ranges
 * between min and max, other types at percentiles of a sample. The first range is open below and the last open
 * above, so rows outside what was measured still land in one.
 */
final class KeyRanges {
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");
    /** Rows sampled for the percentiles of a non-integer key. */
    private static final double SAMPLE_ROWS = 200_000;

    private KeyRanges() {}

    /** WHERE conditions, one per range; a single null-free condition list of size 1 means "no split". */
    static List<String> split(Connection sc, LoadTable t, int parts) throws SQLException {
        String key = Quote.ident(t.key().get(0));
        List<String> bounds = new ArrayList<>();
        try (Statement st = sc.createStatement()) {
            if (INTEGERS.contains(t.keyType())) {
                try (ResultSet rs = st.executeQuery("SELECT min(" + key + "), max(" + key + ") FROM " + t.quoted())) {
                    rs.next();
                    long min = rs.getLong(1);
                    if (rs.wasNull()) {
                        return whole();
                    }
                    long max = rs.getLong(2);
                    double width = ((double) max - min + 1) / parts;
                    Set<Long> unique = new LinkedHashSet<>();
                    for (int i = 1; i < parts; i++) {
                        unique.add(min + (long) Math.floor(width * i));
                    }
                    unique.stream().filter(b -> b > min).map(String::valueOf).forEach(bounds::add);
                }
            } else {
                double percent = t.estimatedRows() <= 0
                        ? 100
                        : Math.max(0.01, Math.min(100, 100 * SAMPLE_ROWS / t.estimatedRows()));
                List<String> fractions = new ArrayList<>();
                for (int i = 1; i < parts; i++) {
                    fractions.add(Double.toString((double) i / parts));
                }
                try (ResultSet rs = st.executeQuery("SELECT percentile_disc(ARRAY[" + String.join(", ", fractions)
                        + "]::float8[]) WITHIN GROUP (ORDER BY " + key + ")::text[] FROM " + t.quoted()
                        + (percent < 100 ? " TABLESAMPLE SYSTEM (" + percent + ")" : ""))) {
                    rs.next();
                    java.sql.Array array = rs.getArray(1);
                    if (array == null) {
                        return whole();
                    }
                    Set<String> unique = new LinkedHashSet<>();
                    for (String b : (String[]) array.getArray()) {
                        if (b != null) {
                            unique.add(Quote.literal(b) + "::" + t.keyType());
                        }
                    }
                    bounds.addAll(unique);
                }
            }
        }
        if (bounds.isEmpty()) {
            return whole();
        }
        List<String> ranges = new ArrayList<>();
        ranges.add(key + " < " + bounds.get(0));
        for (int i = 1; i < bounds.size(); i++) {
            ranges.add(key + " >= " + bounds.get(i - 1) + " AND " + key + " < " + bounds.get(i));
        }
        ranges.add(key + " >= " + bounds.get(bounds.size() - 1));
        return ranges;
    }

    private static List<String> whole() {
        List<String> one = new ArrayList<>();
        one.add(null);
        return one;
    }
}
