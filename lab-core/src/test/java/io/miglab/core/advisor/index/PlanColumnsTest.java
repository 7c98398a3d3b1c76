package io.miglab.core.advisor.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.advisor.index.PlanColumns.Ref;
import org.junit.jupiter.api.Test;

/** Column references in conditions as EXPLAIN VERBOSE deparses them. */
class PlanColumnsTest {

    @Test
    void qualifiedColumnsAreFoundAndFunctionsCastsAndLiteralsAreNot() {
        assertThat(PlanColumns.refs("((r.inventory_id = i.inventory_id) AND (lower(c.email) = 'a.b'::text)"
                        + " AND (r.rental_date > '2022-01-01 00:00:00'::timestamp without time zone))"))
                .containsExactly(
                        new Ref("r", "inventory_id"),
                        new Ref("i", "inventory_id"),
                        new Ref("c", "email"),
                        new Ref("r", "rental_date"));
        assertThat(PlanColumns.refs("(pg_catalog.lower(x.\"Name\") = 'y'::pg_catalog.text)"))
                .containsExactly(new Ref("x", "Name"));
    }

    @Test
    void aOneRelationPlanLeavesColumnsUnqualifiedAndTheyBelongToItsAlias() {
        assertThat(PlanColumns.refs("(fulltext @@ '''drama'' & ''must'''::tsquery)", "film"))
                .containsExactly(new Ref("film", "fulltext"));
        assertThat(PlanColumns.refs(
                        "((return_date IS NULL) AND (rental_date < '2022-01-01'::timestamp without time zone))", "r"))
                .containsExactly(new Ref("r", "return_date"), new Ref("r", "rental_date"));
        assertThat(PlanColumns.refs("(customer_id = ANY ('{1,2}'::integer[]))", "r"))
                .containsExactly(new Ref("r", "customer_id"));
    }

    @Test
    void aSortKeyIsAColumnOnlyWhenItIsOneColumnWithADirection() {
        assertThat(PlanColumns.plainColumn("r.rental_date DESC NULLS LAST")).isEqualTo(new Ref("r", "rental_date"));
        assertThat(PlanColumns.plainColumn("(date_trunc('month'::text, p.payment_date))"))
                .isNull();
        assertThat(PlanColumns.plainColumn("(count(*)) DESC")).isNull();
    }
}
