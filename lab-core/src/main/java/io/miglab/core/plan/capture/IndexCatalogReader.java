package io.miglab.core.plan.capture;

import io.miglab.core.plan.IndexCatalog;
import io.miglab.core.plan.IndexDefinition;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads from the catalog the definitions of the indexes a plan names. One read-only query on pg_index, which every
 * role may read; key columns as {@code pg_get_indexdef(index, n, true)} prints them, INCLUDE columns left out.
 */
public final class IndexCatalogReader {
    private static final String SQL = "SELECT n.nspname, c.relname, t.relname, am.amname,"
            + " ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k"
            + " ORDER BY k)"
            + " FROM pg_index i"
            + " JOIN pg_class c ON c.oid = i.indexrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_class t ON t.oid = i.indrelid"
            + " JOIN pg_am am ON am.oid = c.relam"
            + " WHERE c.relname = ANY (?)"
            + " ORDER BY n.nspname, c.relname";

    private IndexCatalogReader() {}

    /** The definitions of the indexes {@code plan} names, or an empty catalog when the plan names none. */
    public static IndexCatalog read(Connection connection, Plan plan) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        for (PlanNode node : plan.nodes()) {
            if (node.text(PlanFields.INDEX_NAME) != null) {
                names.add(node.text(PlanFields.INDEX_NAME));
            }
        }
        if (names.isEmpty()) {
            return IndexCatalog.EMPTY;
        }
        List<IndexDefinition> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array keys = rs.getArray(5);
                    List<String> columns = new ArrayList<>();
                    for (Object k : (Object[]) keys.getArray()) {
                        columns.add((String) k);
                    }
                    out.add(new IndexDefinition(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), columns));
                }
            }
        }
        return new IndexCatalog(out);
    }
}
