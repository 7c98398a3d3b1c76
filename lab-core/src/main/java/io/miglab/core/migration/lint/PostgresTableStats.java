package io.miglab.core.migration.lint;

import io.miglab.core.MigLabException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Table sizes, indexes and one-column primary keys from a PostgreSQL catalog (pg_class, pg_index, pg_am,
 * pg_attribute), read-only. Names resolve with
 * {@code to_regclass}, so they mean what they mean to the script: the session's search_path, quoting honoured. Each
 * table is looked up once.
 */
public final class PostgresTableStats implements TableStats {
    private static final String TABLE_SQL = "SELECT c.oid, c.reltuples, pg_total_relation_size(c.oid), c.relkind"
            + " FROM pg_class c WHERE c.oid = to_regclass(?)";
    private static final String INDEX_SQL = "SELECT ic.relname, am.amname, i.indisunique,"
            + " pg_get_expr(i.indpred, i.indrelid, true),"
            + " array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k"
            + " ORDER BY k), pg_get_indexdef(i.indexrelid)"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam"
            + " WHERE i.indrelid = ? AND i.indisvalid ORDER BY ic.relname";
    // indkey is an int2vector, numbered from 0; INCLUDE columns do not count as keys.
    private static final String KEY_SQL = "SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
            + " FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
            + " WHERE i.indrelid = ? AND i.indisprimary AND i.indnkeyatts = 1";

    // 'v' > 's' > 'i': the greatest is the most volatile overload.
    private static final String VOLATILITY_SQL = "SELECT max(provolatile::text) FROM pg_proc WHERE proname = ?";

    private final Connection connection;
    private final Map<String, Optional<Character>> volatility = new HashMap<>();
    private final Map<String, Optional<TableInfo>> cache = new HashMap<>();

    /** Reads through {@code connection}, which it sets read-only; the caller closes it. */
    public PostgresTableStats(Connection connection) {
        this.connection = connection;
        try {
            // One read-only transaction: pgjdbc's read-only mode on guarded targets applies inside transactions.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
        } catch (SQLException e) {
            throw new MigLabException("Cannot make the target connection read-only: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<TableInfo> table(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    private Optional<TableInfo> load(String name) {
        try (PreparedStatement st = connection.prepareStatement(TABLE_SQL)) {
            st.setString(1, name);
            long oid;
            Long rows;
            long bytes;
            boolean foreign;
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
                double reltuples = rs.getDouble(2);
                rows = reltuples < 0 ? null : Math.round(reltuples);
                bytes = rs.getLong(3);
                foreign = "f".equals(rs.getString(4));
            }
            return Optional.of(new TableInfo(name, rows, bytes, foreign, indexes(oid), key(oid)));
        } catch (SQLException e) {
            // to_regclass refuses a malformed name (22P02 or 42601) instead of returning null: treat it as unknown.
            if (e.getSQLState() != null
                    && (e.getSQLState().startsWith("22") || e.getSQLState().startsWith("42"))) {
                rollback();
                return Optional.empty();
            }
            throw new MigLabException(
                    "Cannot read the size of table " + name + " from the target: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Character> volatility(String name) {
        return volatility.computeIfAbsent(name, n -> {
            try (PreparedStatement st = connection.prepareStatement(VOLATILITY_SQL)) {
                st.setString(1, n);
                try (ResultSet rs = st.executeQuery()) {
                    String v = rs.next() ? rs.getString(1) : null;
                    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.charAt(0));
                }
            } catch (SQLException e) {
                throw new MigLabException(
                        "Cannot read the volatility of function " + n + " from the target: " + e.getMessage(), e);
            }
        });
    }

    /** Ends the failed transaction so the next lookup can run. */
    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new MigLabException("Cannot read table sizes from the target: " + e.getMessage(), e);
        }
    }

    private TableInfo.Key key(long oid) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(KEY_SQL)) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new TableInfo.Key(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    private List<IndexInfo> indexes(long oid) throws SQLException {
        List<IndexInfo> indexes = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(INDEX_SQL)) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Array keys = rs.getArray(5);
                    indexes.add(new IndexInfo(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getBoolean(3),
                            Arrays.asList((String[]) keys.getArray()),
                            rs.getString(4),
                            rs.getString(6)));
                }
            }
        }
        return indexes;
    }
}
