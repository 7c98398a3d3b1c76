package io.miglab.core.advisor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentLink;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.workload.BaselineRequest;
import io.miglab.core.workload.Workload;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HypoPG costing on the machine's PostgreSQL 15 (which has the extension), through a guarded target's real gate:
 * advice works while the target is locked, since hypothetical indexes live in the session only; building them
 * needs an unlock.
 */
@Tag("postgres")
@NeedsMachinePostgres
class IndexAdvisorHypoPgTest {
    static final Workload WORKLOAD = Workload.parse(
            "rentals.sql",
            """
            -- name: customer_rentals
            -- params: 42
            SELECT r.rental_id, r.rental_date FROM rental r WHERE r.customer_id = ? ORDER BY r.rental_date DESC LIMIT 20;

            -- name: by_inventory
            SELECT count(*) FROM rental r JOIN inventory i ON i.inventory_id = r.inventory_id WHERE i.film_id = 7;

            -- name: all_rentals
            SELECT count(*) FROM rental;
            """);

    static ScratchDatabase db;

    @TempDir
    static Path home;

    @BeforeAll
    static void create() {
        db = ScratchDatabase.create("idxhypo");
        db.execute(
                "CREATE EXTENSION hypopg",
                "CREATE TABLE inventory (inventory_id serial PRIMARY KEY, film_id int NOT NULL,"
                        + " last_update timestamptz NOT NULL DEFAULT now())",
                "CREATE TABLE rental (rental_id serial PRIMARY KEY, rental_date timestamp NOT NULL,"
                        + " inventory_id int NOT NULL REFERENCES inventory, customer_id int NOT NULL,"
                        + " return_date timestamp, last_update timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO inventory (film_id) SELECT g % 1000 FROM generate_series(1, 5000) g",
                "INSERT INTO rental (rental_date, inventory_id, customer_id)"
                        + " SELECT timestamp '2022-01-01' + g * interval '1 minute', 1 + g % 5000, g % 600"
                        + " FROM generate_series(1, 120000) g",
                "CREATE INDEX idx_fk_inventory_id ON rental (inventory_id)",
                "ANALYZE");
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    private static Workspace workspace() {
        Workspace w = Workspace.open(new MigLabHome(home.resolve("home")), Map.of());
        if (w.targets().find("service").isEmpty()) {
            w.targets()
                    .add(
                            "service",
                            new ConnectionSpec(
                                    ScratchDatabase.HOST,
                                    ScratchDatabase.PORT,
                                    db.name(),
                                    ScratchDatabase.USER,
                                    "disable",
                                    Map.of()),
                            TargetRole.GUARDED);
        }
        return w;
    }

    @Test
    void costsCandidatesWithHypotheticalIndexesOnALockedGuardedTarget() throws SQLException {
        try (Workspace w = workspace()) {
            IndexAdvice advice = w.indexAdvisor()
                    .advise(
                            IndexAdviceRequest.of("service", null, new BaselineRequest.WorkloadSource.Given(WORKLOAD)),
                            ProgressListener.NONE,
                            Cancellation.none());

            assertThat(advice.costing()).isEqualTo(Costing.HYPOPG);
            assertThat(advice.writable()).isFalse();
            assertThat(advice.candidates())
                    .allSatisfy(c -> assertThat(c.reason()).isNotBlank());
            // The lookup by customer wants an index leading with customer_id: the planner would use it, at far less
            // than half the cost.
            assertThat(advice.kept()).anySatisfy(c -> {
                assertThat(c.index().table()).isEqualTo("rental");
                assertThat(c.index().columns().get(0)).isEqualTo("customer_id");
                StatementCost s = c.costs().stream()
                        .filter(x -> x.statement().equals("customer_rentals"))
                        .findFirst()
                        .orElseThrow();
                assertThat(s.used()).isTrue();
                assertThat(s.after()).isLessThan(s.before() / 2);
                assertThat(c.reason()).startsWith("Kept: saves ").contains("customer_rentals (cost ");
            });
            // Five inventory rows of one film: an index finds them, but the join over rental still costs most.
            assertThat(advice.candidates())
                    .filteredOn(c -> c.index().name().equals("idx_inventory_film_id"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.kept()).isFalse();
                        assertThat(c.reason())
                                .matches("Rejected: saves \\d+ % on by_inventory \\(cost \\d+ -> \\d+\\),"
                                        + " below the 50 % a kept index needs\\.");
                    });
            // The covering variant of the winner includes what the plan reads: rental_id.
            assertThat(advice.candidates())
                    .extracting(c -> c.index().createSql())
                    .contains("CREATE INDEX idx_rental_customer_id_rental_date_cov ON public.rental (customer_id,"
                            + " rental_date) INCLUDE (rental_id)");
            // rental.inventory_id is the join column, and idx_fk_inventory_id already leads with it.
            assertThat(advice.candidates())
                    .filteredOn(c -> c.index().table().equals("rental")
                            && c.index().columns().equals(java.util.List.of("inventory_id"))
                            && c.index().include().isEmpty())
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.kept()).isFalse();
                        assertThat(c.costs()).isEmpty();
                        assertThat(c.reason()).contains("idx_fk_inventory_id (inventory_id) is the same index");
                    });
            // A plain count has nothing to filter on: it gives no candidate, and its cost is recorded.
            assertThat(advice.candidates())
                    .noneSatisfy(c -> assertThat(c.serves()).containsOnly("all_rentals"));
            assertThat(advice.statements())
                    .extracting(IndexAdvice.Explained::cost)
                    .doesNotContainNull();
            // Nothing was built: the catalog holds only the fixture's indexes.
            assertThat(indexCount()).isEqualTo(3);
            // The advice is in the ledger and reads back equal.
            assertThat(w.indexAdvisor().open(advice.experimentId())).isEqualTo(advice);

            assertThatThrownBy(() -> w.indexAdvisor()
                            .apply(IndexApplyRequest.of(advice), ProgressListener.NONE, Cancellation.none()))
                    .isInstanceOf(MigLabException.class)
                    .hasMessageContaining("Writes are locked on guarded target 'service'")
                    .hasMessageContaining("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_");
        }
    }

    @Test
    void anUnlockedGuardedTargetBuildsConcurrentlyAndUndoes() throws SQLException {
        try (Workspace w = workspace()) {
            IndexSpec spec = IndexSql.parseScript(
                            "CREATE INDEX idx_rental_customer_id ON rental (customer_id);", "test.sql")
                    .get(0);
            w.targets().unlock("service", "index advisor test", Duration.ofMinutes(5));
            try {
                IndexBuild build = w.indexAdvisor()
                        .apply(
                                new IndexApplyRequest("service", null, java.util.List.of(spec), null),
                                ProgressListener.NONE,
                                Cancellation.none());
                assertThat(build.indexes()).singleElement().satisfies(b -> {
                    assertThat(b.sql())
                            .isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_rental_customer_id ON rental"
                                    + " (customer_id)");
                    assertThat(b.sizeBytes()).isGreaterThan(8192);
                    assertThat(b.buildMs()).isPositive();
                });
                assertThat(indexCount()).isEqualTo(4);
                IndexUndo undo =
                        w.indexAdvisor().undo(IndexUndoRequest.of(build), ProgressListener.NONE, Cancellation.none());
                assertThat(undo.statements())
                        .containsExactly("DROP INDEX CONCURRENTLY IF EXISTS public.idx_rental_customer_id");
                assertThat(indexCount()).isEqualTo(3);
                assertThat(w.ledger().links(undo.experimentId()))
                        .contains(new ExperimentLink(undo.experimentId(), ExperimentLink.UNDOES, build.experimentId()));
            } finally {
                w.targets().lock("service");
            }
        }
    }

    private static long indexCount() throws SQLException {
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
