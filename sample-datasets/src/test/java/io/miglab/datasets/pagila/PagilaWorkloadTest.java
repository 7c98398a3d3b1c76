package io.miglab.datasets.pagila;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.advisor.index.IndexSpec;
import io.miglab.core.advisor.index.IndexSql;
import io.miglab.core.workload.WorkloadStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled workload and the starter lab's reference indexes read as the advisor reads them. */
class PagilaWorkloadTest {

    @Test
    void theBundledWorkloadHoldsTheTutorialQueriesAndTheLabsTwoClassics() {
        assertThat(PagilaWorkload.bundled().statements())
                .extracting(WorkloadStatement::name)
                .containsExactly(
                        "film_by_id",
                        "customer_rentals",
                        "open_rentals",
                        "film_search",
                        "top_customers",
                        "top_films",
                        "revenue_by_month",
                        "category_rentals",
                        "top_actors",
                        "sales_by_category");
        WorkloadStatement category = PagilaWorkload.bundled().statements().get(7);
        assertThat(category.sql()).contains("ORDER BY r.rental_date DESC").contains("LIMIT 50");
        assertThat(PagilaWorkload.bundled().statements().get(8).sql()).contains("LIMIT 20");
    }

    @Test
    void optimizationSqlIsTheSeedsFiveNamedIndexes() {
        List<IndexSpec> indexes = IndexSql.parseScript(PagilaWorkload.optimizationText(), PagilaWorkload.OPTIMIZATION);

        assertThat(indexes)
                .extracting(IndexSpec::name)
                .containsExactly(
                        "idx_category_name",
                        "idx_film_category_film_id",
                        "idx_film_category_category_id",
                        "idx_inventory_film_id",
                        "idx_rental_inventory_id_date");
        IndexSpec rental = indexes.get(4);
        assertThat(rental.table()).isEqualTo("rental");
        assertThat(rental.columns()).containsExactly("inventory_id", "rental_date DESC");
        assertThat(rental.createConcurrentlySql())
                .isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_rental_inventory_id_date ON public.rental"
                        + " (inventory_id, rental_date DESC)");
        assertThat(rental.dropIfExistsSql()).isEqualTo("DROP INDEX IF EXISTS public.idx_rental_inventory_id_date");
    }
}
