package io.miglab.core.validate;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Parity of one table between two databases, as data-diff/reladiff do it: split the key range into about {@link
 * #FACTOR} segments, ask both sides at once for a count and a sum of per-row hashes per segment (one query per side
 * for all segments), recurse into the segments that differ, and below {@link #THRESHOLD} rows fetch the keys and row
 * hashes of the segment from both sides and compare them here. Memory stays bounded whatever the table size: a
 * checksum query returns one row per segment, a boundary query one row per boundary, a leaf at most about {@link
 * #THRESHOLD} rows per side.
 *
 * <p>A row's hash is the XOR of {@code hashtextextended(column::text, position)} over the key and the columns (NULL
 * counts as minus the position): the text form of the values, which is
 * the same on every major version for the common types once both sessions have the same output settings (UTC, ISO
 * dates, {@code extra_float_digits = 1}, hex bytea: see {@link #SESSION}). PostgreSQL keeps this function stable
 * across majors because hash partitioning depends on it. Keys are compared and ordered with {@code COLLATE "C"} on
 * both sides, so two servers with different collations cut the same segments.
 */
final class ParityChecker {
    static final int FACTOR = 32;
    static final int THRESHOLD = 16_384;
    private static final int MAX_DEPTH = 12;
    /** Pages read by the first sample of keys: enough for 32 boundaries, a fraction of a large table. */
    private static final int SAMPLE_PAGES = 96;

    /** Output settings both sessions share, so the text form of a value is the same on both servers. */
    static final List<String> SESSION = List.of(
            "SET TimeZone = 'UTC'",
            "SET DateStyle = 'ISO, MDY'",
            "SET IntervalStyle = 'postgres'",
            "SET extra_float_digits = 1",
            "SET bytea_output = 'hex'",
            "SET lc_monetary = 'C'");

    private final Connection sourceConnection;
    private final Connection targetConnection;
    private final ExecutorService sideRunner;
    private final Cancellation cancellation;
    private final int leafRows;

    ParityChecker(
            Connection sourceConnection,
            Connection targetConnection,
            ExecutorService sideRunner,
            Cancellation cancellation,
            int leafRows) {
        this.leafRows = leafRows;
        this.sourceConnection = sourceConnection;
        this.targetConnection = targetConnection;
        this.sideRunner = sideRunner;
        this.cancellation = cancellation;
    }

    static void prepareSession(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : SESSION) {
                st.execute(sql);
            }
        }
    }

    /** How one side builds its SQL: same names, its own types. */
    private record Side(
            Connection connection, TableShape table, String keyTuple, String keyText, String hash, String where) {}

    private final class Run {
        final Side source;
        final Side target;
        final List<String> key;
        long missing;
        long extra;
        long changed;
        long segments;
        long leaves;
        final List<RowDifference> differences = new ArrayList<>();

        Run(Side source, Side target, List<String> key) {
            this.source = source;
            this.target = target;
            this.key = key;
        }

        void differ(RowDifference.Kind kind, List<String> keyValues) {
            switch (kind) {
                case MISSING -> missing++;
                case EXTRA -> extra++;
                case CHANGED -> changed++;
            }
            if (differences.size() < TableParity.KEPT) {
                differences.add(new RowDifference(kind, keyValues));
            }
        }
    }

    TableParity compare(TableShape src, TableShape dst, List<String> requestedColumns, String filter) {
        long started = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        List<String> columns = columns(src, dst, requestedColumns, warnings);
        List<String> key = src.key();
        if (!key.isEmpty() && key.stream().anyMatch(k -> dst.column(k) == null)) {
            warnings.add("The destination lacks key column(s) of the source: compared as a whole.");
            key = List.of();
        }
        if (!key.isEmpty() && !dst.key().equals(key)) {
            warnings.add("The destination has no unique key on (" + String.join(", ", key) + "); compared by the"
                    + " source's key.");
        }
        List<String> hashed = new ArrayList<>(key);
        columns.stream().filter(c -> !hashed.contains(c)).forEach(hashed::add);
        boolean nativeHash = hashesNatively(src, dst, hashed);
        Side source = side(sourceConnection, src, key, hashed, filter, nativeHash);
        Side target = side(targetConnection, dst, key, hashed, filter, nativeHash);
        try {
            if (key.isEmpty()) {
                warnings.add("No primary key or unique key on NOT NULL columns: compared by one hash of the whole"
                        + " table; differing rows cannot be named.");
                Map<Integer, Bucket> s;
                Map<Integer, Bucket> t;
                List<Map<Integer, Bucket>> both = both(
                        () -> checksums(source, List.of(), null, null, List.of()),
                        () -> checksums(target, List.of(), null, null, List.of()));
                s = both.get(0);
                t = both.get(1);
                Bucket sb = s.getOrDefault(0, Bucket.EMPTY);
                Bucket tb = t.getOrDefault(0, Bucket.EMPTY);
                return new TableParity(
                        src.qualified(),
                        List.of(),
                        hashed,
                        sb.count,
                        tb.count,
                        0,
                        0,
                        0,
                        List.of(),
                        1,
                        0,
                        seconds(started),
                        sb.equals(tb),
                        warnings);
            }
            Run run = new Run(source, target, key);
            List<List<String>> boundaries = sampleBoundaries(source, src.pages());
            long[] totals = compareRange(run, null, null, boundaries, 0);
            return new TableParity(
                    src.qualified(),
                    key,
                    hashed,
                    totals[0],
                    totals[1],
                    run.missing,
                    run.extra,
                    run.changed,
                    run.differences,
                    run.segments,
                    run.leaves,
                    seconds(started),
                    totals[0] == totals[1] && run.missing + run.extra + run.changed == 0,
                    warnings);
        } catch (SQLException e) {
            throw new MigLabException("Comparing table " + src.qualified() + " failed: " + e.getMessage(), e);
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** The requested columns, else every column both sides have, in the source's order. */
    private static List<String> columns(TableShape src, TableShape dst, List<String> requested, List<String> warnings) {
        List<String> chosen = new ArrayList<>();
        if (!requested.isEmpty()) {
            for (String c : requested) {
                if (src.column(c) == null || dst.column(c) == null) {
                    continue; // a column of another table in the same request
                }
                chosen.add(c);
            }
            if (chosen.isEmpty()) {
                warnings.add("None of the chosen columns is in this table: only the key is compared.");
            }
            return chosen;
        }
        for (TableShape.Column c : src.columns()) {
            if (dst.column(c.name()) != null) {
                chosen.add(c.name());
            } else {
                warnings.add("Column " + c.name() + " is only on the source: not compared.");
            }
        }
        for (TableShape.Column c : dst.columns()) {
            if (src.column(c.name()) == null) {
                warnings.add("Column " + c.name() + " is only on the destination: not compared.");
            }
        }
        return chosen;
    }

    /**
     * Whether both sides can hash rows with {@code hash_record_extended} (PostgreSQL 14 and later): each column by its
     * type's own hash function, about twice as cheap as hashing text. Only when every hashed column has the same
     * built-in type on both sides (int4 and int8 hash alike, int and numeric do not; an enum hashes OIDs) and both
     * servers accept the call; otherwise
     * each column's text is hashed, which any two versions and types agree on.
     */
    private boolean hashesNatively(TableShape src, TableShape dst, List<String> hashed) {
        for (String name : hashed) {
            TableShape.Column a = src.column(name);
            TableShape.Column b = dst.column(name);
            if (a == null || b == null || !a.type().equals(b.type())) {
                return false;
            }
        }
        return probe(sourceConnection, src, hashed) && probe(targetConnection, dst, hashed);
    }

    private static boolean probe(Connection c, TableShape t, List<String> hashed) {
        // Built-in types only (OIDs below FirstNormalObjectId, 16384): an enum hashes its value's OID, which differs
        // from one database to the next, and a domain or composite may wrap one.
        String userTypes = "SELECT count(*) FROM pg_attribute WHERE attrelid = " + Sql.literal(t.quoted())
                + "::regclass AND attnum > 0 AND NOT attisdropped AND atttypid >= 16384 AND attname = ANY (ARRAY["
                + String.join(", ", hashed.stream().map(Sql::literal).toList()) + "]::text[])";
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(userTypes)) {
            if (!rs.next() || rs.getLong(1) > 0) {
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT " + nativeHash(hashed) + " FROM " + t.quoted() + " LIMIT 1")
                    .close();
            return true;
        } catch (SQLException e) {
            return false; // an older server, or a column type without a hash function (json, point, ...)
        }
    }

    private static String nativeHash(List<String> hashed) {
        return "hash_record_extended(ROW("
                + String.join(", ", hashed.stream().map(Sql::ident).toList()) + "), 0)";
    }

    private static Side side(
            Connection c, TableShape t, List<String> key, List<String> hashed, String filter, boolean nativeHash) {
        String keyTuple = key.isEmpty()
                ? ""
                : "("
                        + String.join(
                                ", ",
                                key.stream()
                                        .map(k -> Sql.ident(k) + (t.column(k).collatable() ? " COLLATE \"C\"" : ""))
                                        .toList())
                        + ")";
        // Aliased: ORDER BY "id" would otherwise sort by the text output column of that name.
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            texts.add(Sql.ident(key.get(i)) + "::text AS miglab_k" + i);
        }
        String keyText = String.join(", ", texts);
        // Each column's text hashed with its position as the seed, NULL as minus the position, all XORed: about
        // twice as fast as hashing ROW(...)::text (record_out quotes every value), and still position-sensitive.
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < hashed.size(); i++) {
            terms.add("coalesce(hashtextextended(" + Sql.ident(hashed.get(i)) + "::text, " + (i + 1) + "), -" + (i + 1)
                    + ")");
        }
        String hash = nativeHash ? nativeHash(hashed) : "(" + String.join(" # ", terms) + ")";
        return new Side(c, t, keyTuple, keyText, hash, filter == null ? null : "(" + filter + ")");
    }

    /** {@code ('a'::text, '1'::integer)}: a key from either side as a literal of this side's types. */
    private static String tuple(Side side, List<String> key, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            parts.add(Sql.literal(values.get(i)) + "::"
                    + side.table().column(key.get(i)).type());
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String where(Side side, List<String> key, List<String> lo, List<String> hi) {
        List<String> terms = new ArrayList<>();
        if (lo != null) {
            terms.add(side.keyTuple() + " >= " + tuple(side, key, lo));
        }
        if (hi != null) {
            terms.add(side.keyTuple() + " < " + tuple(side, key, hi));
        }
        if (side.where() != null) {
            terms.add(side.where());
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private record Bucket(long count, BigDecimal sum) {
        static final Bucket EMPTY = new Bucket(0, BigDecimal.ZERO);
    }

    private static boolean integerKey(Side side, List<String> key) {
        if (key.size() != 1) {
            return false;
        }
        String type = side.table().column(key.get(0)).type();
        return type.equals("bigint") || type.equals("integer") || type.equals("smallint");
    }

    /** The segment number for one integer key: width_bucket counts the boundaries at or below it, in C. */
    private static String widthBucket(Side side, List<String> key, List<List<String>> boundaries) {
        List<String> values = new ArrayList<>();
        for (List<String> b : boundaries) {
            values.add(Long.toString(Long.parseLong(b.get(0)))); // integers only: nothing else reaches the SQL
        }
        return "width_bucket(" + Sql.ident(key.get(0)) + "::bigint, ARRAY[" + String.join(", ", values)
                + "]::bigint[])";
    }

    /** The segment number of a row: how many boundaries are at or below its key, found by binary search. */
    private static String bucketExpression(
            Side side, List<String> key, List<List<String>> boundaries, int from, int to) {
        if (from == to) {
            return Integer.toString(from);
        }
        int mid = (from + to) / 2;
        return "CASE WHEN " + side.keyTuple() + " < " + tuple(side, key, boundaries.get(mid)) + " THEN "
                + bucketExpression(side, key, boundaries, from, mid) + " ELSE "
                + bucketExpression(side, key, boundaries, mid + 1, to) + " END";
    }

    /** Count and sum of row hashes per segment of [lo, hi), in one query. */
    private static Map<Integer, Bucket> checksums(
            Side side, List<String> key, List<String> lo, List<String> hi, List<List<String>> boundaries)
            throws SQLException {
        String bucket = key.isEmpty()
                ? "0"
                : integerKey(side, key) && !boundaries.isEmpty()
                        ? widthBucket(side, key, boundaries)
                        : bucketExpression(side, key, boundaries, 0, boundaries.size());
        String sql = "SELECT b, count(*), sum(h) FROM (SELECT " + bucket + " AS b, " + side.hash() + " AS h FROM "
                + side.table().quoted() + where(side, key, lo, hi) + ") s GROUP BY b";
        Map<Integer, Bucket> buckets = new HashMap<>();
        try (Statement st = side.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                BigDecimal sum = rs.getBigDecimal(3);
                buckets.put(rs.getInt(1), new Bucket(rs.getLong(2), sum == null ? BigDecimal.ZERO : sum));
            }
        }
        return buckets;
    }

    /** Compares [lo, hi) cut at {@code boundaries}; returns the rows counted on each side. */
    private long[] compareRange(Run run, List<String> lo, List<String> hi, List<List<String>> boundaries, int depth)
            throws SQLException {
        cancellation.checkpoint();
        List<Map<Integer, Bucket>> both = both(
                () -> checksums(run.source, run.key, lo, hi, boundaries),
                () -> checksums(run.target, run.key, lo, hi, boundaries));
        run.segments += boundaries.size() + 1;
        long[] totals = new long[2];
        for (int i = 0; i <= boundaries.size(); i++) {
            Bucket s = both.get(0).getOrDefault(i, Bucket.EMPTY);
            Bucket t = both.get(1).getOrDefault(i, Bucket.EMPTY);
            totals[0] += s.count;
            totals[1] += t.count;
            if (s.count == t.count && s.sum.compareTo(t.sum) == 0) {
                continue;
            }
            List<String> segLo = i == 0 ? lo : boundaries.get(i - 1);
            List<String> segHi = i == boundaries.size() ? hi : boundaries.get(i);
            long rows = Math.max(s.count, t.count);
            List<List<String>> inner = rows <= leafRows || depth >= MAX_DEPTH
                    ? List.of()
                    : boundaries(s.count >= t.count ? run.source : run.target, run.key, segLo, segHi, rows);
            if (inner.isEmpty()) {
                leaf(run, segLo, segHi);
            } else {
                compareRange(run, segLo, segHi, inner, depth + 1);
            }
        }
        return totals;
    }

    /** About {@link #FACTOR} - 1 keys cutting the table in parts of similar size, from a sample of its pages. */
    private List<List<String>> sampleBoundaries(Side side, long pages) throws SQLException {
        double percent = pages <= SAMPLE_PAGES ? 100 : Math.max(0.0001, 100.0 * SAMPLE_PAGES / pages);
        String sql = "SELECT " + side.keyText() + " FROM " + side.table().quoted()
                + (percent >= 100
                        ? ""
                        : " TABLESAMPLE SYSTEM (" + String.format(java.util.Locale.ROOT, "%.6f", percent) + ")")
                + (side.where() == null ? "" : " WHERE " + side.where()) + " ORDER BY " + side.keyTuple()
                + " LIMIT 100000";
        List<List<String>> sample = new ArrayList<>();
        try (Statement st = side.connection().createStatement()) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery(sql)) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> k = new ArrayList<>(width);
                    for (int i = 1; i <= width; i++) {
                        k.add(rs.getString(i));
                    }
                    sample.add(k);
                }
            }
        }
        return quantiles(sample);
    }

    private static List<List<String>> quantiles(List<List<String>> sorted) {
        List<List<String>> cuts = new ArrayList<>();
        if (sorted.size() < 2) {
            return cuts;
        }
        for (int i = 1; i < FACTOR; i++) {
            List<String> k = sorted.get((int) ((long) i * sorted.size() / FACTOR));
            if (cuts.isEmpty() || !cuts.get(cuts.size() - 1).equals(k)) {
                cuts.add(k);
            }
        }
        return cuts;
    }

    /** Every (rows / FACTOR)-th key of [lo, hi) on one side: exact cuts of a segment known to hold {@code rows}. */
    private List<List<String>> boundaries(Side side, List<String> key, List<String> lo, List<String> hi, long rows)
            throws SQLException {
        long step = Math.max(1, (rows + FACTOR - 1) / FACTOR);
        String sql = "SELECT * FROM (SELECT " + side.keyText() + ", row_number() OVER (ORDER BY " + side.keyTuple()
                + ") AS miglab_rn FROM " + side.table().quoted() + where(side, key, lo, hi)
                + ") s WHERE miglab_rn % " + step + " = 0 ORDER BY miglab_rn";
        List<List<String>> cuts = new ArrayList<>();
        try (Statement st = side.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> k = new ArrayList<>(key.size());
                for (int i = 1; i <= key.size(); i++) {
                    k.add(rs.getString(i));
                }
                cuts.add(k);
            }
        }
        return cuts;
    }

    /** Keys and row hashes of [lo, hi) from both sides, compared here in key order. */
    private void leaf(Run run, List<String> lo, List<String> hi) throws SQLException {
        cancellation.checkpoint();
        run.leaves++;
        List<LinkedHashMap<List<String>, Long>> both =
                both(() -> rows(run.source, run.key, lo, hi), () -> rows(run.target, run.key, lo, hi));
        LinkedHashMap<List<String>, Long> s = both.get(0);
        LinkedHashMap<List<String>, Long> t = both.get(1);
        // Both lists come in the same key order ("C" collation), so a merge names the differences in order.
        List<Map.Entry<List<String>, Long>> sl = new ArrayList<>(s.entrySet());
        List<Map.Entry<List<String>, Long>> tl = new ArrayList<>(t.entrySet());
        int i = 0;
        int j = 0;
        while (i < sl.size() || j < tl.size()) {
            if (i < sl.size()
                    && j < tl.size()
                    && sl.get(i).getKey().equals(tl.get(j).getKey())) {
                if (!Objects.equals(sl.get(i).getValue(), tl.get(j).getValue())) {
                    run.differ(RowDifference.Kind.CHANGED, sl.get(i).getKey());
                }
                i++;
                j++;
            } else if (i < sl.size() && !t.containsKey(sl.get(i).getKey())) {
                run.differ(RowDifference.Kind.MISSING, sl.get(i).getKey());
                i++;
            } else if (j < tl.size() && !s.containsKey(tl.get(j).getKey())) {
                run.differ(RowDifference.Kind.EXTRA, tl.get(j).getKey());
                j++;
            } else if (i < sl.size()) {
                // Present on both sides, out of step: compare by key and move on.
                List<String> k = sl.get(i).getKey();
                if (!Objects.equals(sl.get(i).getValue(), t.get(k))) {
                    run.differ(RowDifference.Kind.CHANGED, k);
                }
                i++;
            } else {
                j++;
            }
        }
    }

    private static LinkedHashMap<List<String>, Long> rows(Side side, List<String> key, List<String> lo, List<String> hi)
            throws SQLException {
        String sql = "SELECT " + side.keyText() + ", " + side.hash() + " FROM "
                + side.table().quoted() + where(side, key, lo, hi) + " ORDER BY " + side.keyTuple();
        LinkedHashMap<List<String>, Long> rows = new LinkedHashMap<>();
        try (Statement st = side.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> k = new ArrayList<>(key.size());
                for (int i = 1; i <= key.size(); i++) {
                    k.add(rs.getString(i));
                }
                rows.put(k, rs.getLong(key.size() + 1));
            }
        }
        return rows;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** Runs the source's call on the side runner and the destination's here, at the same time. */
    private <T> List<T> both(SqlCall<T> onSource, SqlCall<T> onTarget) throws SQLException {
        Future<T> s = sideRunner.submit(onSource::call);
        T t;
        try {
            t = onTarget.call();
        } catch (SQLException | RuntimeException e) {
            s.cancel(true);
            throw e;
        }
        try {
            return List.of(s.get(), t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigLabException("Interrupted while comparing.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new MigLabException("Comparing failed: " + e.getCause(), e.getCause());
        }
    }
}
