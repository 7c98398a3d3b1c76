package io.miglab.core.advisor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a set of CREATE INDEX statements and writing the advisor's own. */
class IndexSqlTest {

    @Test
    void readsNamesTablesKeysAndIncludeAsPostgresqlDoes() {
        List<IndexSpec> specs = IndexSql.parseScript(
                """
                -- comments and blank lines are fine
                CREATE INDEX CONCURRENTLY IF NOT EXISTS "Odd Name" ON sales."Orders" USING btree (lower(email), id DESC)
                    INCLUDE (total);
                create unique index u on t (a);
                """,
                "set.sql");

        assertThat(specs).hasSize(2);
        IndexSpec odd = specs.get(0);
        assertThat(odd.schema()).isEqualTo("sales");
        assertThat(odd.table()).isEqualTo("Orders");
        assertThat(odd.name()).isEqualTo("Odd Name");
        assertThat(odd.columns()).containsExactly("lower(email)", "id DESC");
        assertThat(odd.include()).containsExactly("total");
        // CONCURRENTLY and IF NOT EXISTS are MigLab's to add, once.
        assertThat(odd.createSql())
                .isEqualTo("CREATE INDEX \"Odd Name\" ON sales.\"Orders\" USING btree (lower(email), id DESC)\n"
                        + "    INCLUDE (total)");
        assertThat(odd.createConcurrentlySql()).startsWith("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"Odd Name\" ON");
        assertThat(odd.dropConcurrentlySql()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS sales.\"Odd Name\"");
        assertThat(specs.get(1).createSql()).isEqualTo("CREATE UNIQUE INDEX u on t (a)");
        assertThat(specs.get(1).createIfNotExistsSql()).isEqualTo("CREATE UNIQUE INDEX IF NOT EXISTS u on t (a)");
    }

    @Test
    void anythingButANamedCreateIndexIsRefusedWithWhereItIs() {
        assertThatThrownBy(() -> IndexSql.parseScript("SET x = 1;", "a.sql"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("a.sql line 1: expected CREATE INDEX, found: SET x = 1");
        assertThatThrownBy(() -> IndexSql.parseScript("\n\nCREATE INDEX ON t (a);", "b.sql"))
                .hasMessage("b.sql line 3: the index needs a name (MigLab drops it by name): CREATE INDEX ON t (a)");
        assertThatThrownBy(() -> IndexSql.parseScript("-- nothing\n", "c.sql"))
                .hasMessage("c.sql holds no CREATE INDEX statement.");
    }

    @Test
    void theAdvisorsNamesFollowTheSeedsAndFitPostgresqlsLimit() {
        assertThat(IndexSql.name("rental", List.of("inventory_id", "rental_date"), false))
                .isEqualTo("idx_rental_inventory_id_rental_date");
        String longName = IndexSql.name("a_rather_long_table_name", List.of("a_long_column_name", "another_one"), true);
        assertThat(longName).hasSizeLessThanOrEqualTo(63).startsWith("idx_a_rather_long_table_name_a_long_column");
        assertThat(IndexSql.create("public", "Film", "idx", List.of("Title"), List.of("id")))
                .isEqualTo("CREATE INDEX idx ON public.\"Film\" (\"Title\") INCLUDE (id)");
    }
}
