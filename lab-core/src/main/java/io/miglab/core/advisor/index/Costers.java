package io.miglab.core.advisor.index;

import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanFields;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.sql.SqlLexer;
import io.miglab.core.sql.SqlToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimated costs with a candidate in place. Two ways, one contract: {@link HypoPg} asks HypoPG for a hypothetical
 * index (it lives in this backend's memory only, so nothing is built and nobody else sees it); {@link RealIndex}
 * builds the index for real inside a transaction, plans, and rolls back, which is a drop that even a crash cannot
 * forget (lab instances only: the build takes a lock that blocks writes to the table meanwhile).
 */
final class Costers {
    private Costers() {}

    /** One workload statement ready to EXPLAIN: its parameters bound as literals. */
    record Bound(String name, String sql) {}

    /** The plan's total cost, and whether it uses the index named. */
    record Cost(double total, boolean used) {}

    interface Coster {
        /** Costs of {@code statements} with {@code candidate} in place, in order. */
        List<StatementCost> cost(IndexSpec candidate, List<Bound> statements, List<Double> before) throws SQLException;

        Costing method();
    }

    /** Whether the database has the HypoPG extension. */
    static boolean hasHypoPg(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'")) {
            return rs.next();
        }
    }

    /**
     * HypoPG: {@code hypopg_create_index}, EXPLAIN each statement the candidate serves, {@code hypopg_drop_index}; a
     * {@code hypopg_reset} every {@value #BATCH} candidates and at the end, so nothing is left behind in the session
     * even when one drop failed.
     */
    static final class HypoPg implements Coster, AutoCloseable {
        static final int BATCH = 100;
        private final Connection connection;
        private final Duration timeout;
        private int created;

        HypoPg(Connection connection, Duration timeout) throws SQLException {
            this.connection = connection;
            this.timeout = timeout;
            reset();
        }

        @Override
        public Costing method() {
            return Costing.HYPOPG;
        }

        @Override
        public List<StatementCost> cost(IndexSpec candidate, List<Bound> statements, List<Double> before)
                throws SQLException {
            long oid;
            String name;
            try (PreparedStatement ps =
                    connection.prepareStatement("SELECT indexrelid, indexname FROM hypopg_create_index(?)")) {
                ps.setString(1, candidate.createSql());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("HypoPG created no index for " + candidate.createSql());
                    }
                    oid = rs.getLong(1);
                    name = rs.getString(2);
                }
            }
            created++;
            try {
                List<StatementCost> out = new ArrayList<>();
                for (int i = 0; i < statements.size(); i++) {
                    Cost c = explain(connection, statements.get(i).sql(), name, timeout);
                    out.add(new StatementCost(statements.get(i).name(), before.get(i), c.total(), c.used()));
                }
                return out;
            } finally {
                try (PreparedStatement ps = connection.prepareStatement("SELECT hypopg_drop_index(?)")) {
                    ps.setLong(1, oid);
                    ps.execute();
                }
                if (created % BATCH == 0) {
                    reset();
                }
            }
        }

        private void reset() throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT hypopg_reset()");
            }
        }

        @Override
        public void close() throws SQLException {
            reset();
        }
    }

    /** A real index, built inside a transaction that is rolled back after the plans. */
    static final class RealIndex implements Coster {
        private final Connection connection;
        private final Duration timeout;
        private int count;

        RealIndex(Connection connection, Duration timeout) {
            this.connection = connection;
            this.timeout = timeout;
        }

        @Override
        public Costing method() {
            return Costing.REAL_INDEX;
        }

        @Override
        public List<StatementCost> cost(IndexSpec candidate, List<Bound> statements, List<Double> before)
                throws SQLException {
            // A name of its own, so a candidate named like an existing index (a reference set's) still builds.
            String name = "miglab_costing_" + (++count);
            String sql = IndexSql.create(
                    candidate.schema(), candidate.table(), name, candidate.columns(), candidate.include());
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                st.execute(sql);
                List<StatementCost> out = new ArrayList<>();
                for (int i = 0; i < statements.size(); i++) {
                    Cost c = explain(connection, statements.get(i).sql(), name, timeout);
                    out.add(new StatementCost(statements.get(i).name(), before.get(i), c.total(), c.used()));
                }
                return out;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** EXPLAIN (FORMAT JSON): the root's total cost and whether any node uses {@code indexName}. */
    static Cost explain(Connection connection, String sql, String indexName, Duration timeout) throws SQLException {
        StringBuilder json = new StringBuilder();
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
                while (rs.next()) {
                    json.append(rs.getString(1)).append('\n');
                }
            }
        }
        Plan plan = PlanParser.parse(json.toString());
        boolean used = false;
        for (PlanNode n : plan.nodes()) {
            if (indexName.equals(n.text(PlanFields.INDEX_NAME))) {
                used = true;
            }
        }
        return new Cost(plan.root().number(PlanFields.TOTAL_COST, 0), used);
    }

    /**
     * The statement with its {@code ?} placeholders replaced by the first parameter set, as untyped literals
     * ({@code '42'}), which PostgreSQL types from context as it types a bound parameter sent as text.
     */
    static String bind(String sql, List<String> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder();
        int last = 0;
        int next = 0;
        for (SqlToken t : SqlLexer.tokenize(sql)) {
            if (t.kind() == SqlToken.Kind.OPERATOR
                            && t.text().endsWith("?")
                            && !t.text().startsWith("?")
                    || t.kind() == SqlToken.Kind.OPERATOR && t.text().equals("?")) {
                int at = t.start() + t.text().length() - 1;
                out.append(sql, last, at);
                String value = next < parameters.size() ? parameters.get(next++) : null;
                out.append(value == null ? "NULL" : "'" + value.replace("'", "''") + "'");
                last = at + 1;
            }
        }
        out.append(sql.substring(last));
        return out.toString();
    }
}
