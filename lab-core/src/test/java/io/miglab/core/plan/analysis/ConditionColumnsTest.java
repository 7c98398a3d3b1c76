package io.miglab.core.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions as PostgreSQL's deparser writes them in EXPLAIN (most copied from the golden plans). */
class ConditionColumnsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "(opened = '2024-03-01'::date)                                 | o,orders      | opened",
                "((project = 7) AND (opened = '2024-03-01'::date))             | ''            | project,opened",
                "(customer_id = ANY ('{5,17,42}'::integer[]))                  | ''            | customer_id",
                // The outer side of a join is qualified with its alias; it is not a column of this scan.
                "(customer_id = c.id)                                          | o,orders      | customer_id",
                "(o.customer_id = c.id)                                        | o,orders      | customer_id",
                "(amount > $0)                                                 | ''            | amount",
                "((ts >= '2024-02-01 00:00:00'::timestamp without time zone))  | ''            | ts",
                "((status)::text = 'it''s open, time zone'::text)              | ''            | status",
                "(\"UPPER\" >= 0)                                              | ''            | UPPER",
                "(lower(email) = 'x'::text)                                    | ''            | email",
                "((a IS NOT NULL) AND (b = ANY (ARRAY[1, 2])))                 | ''            | a,b",
                "(\"My Tab\".\"Naïve Col\" = 'x'::character varying(10))       | My Tab        | Naïve Col",
            })
    void findsTheColumnsOfTheScannedRelation(String condition, String qualifiers, String expected) {
        Set<String> own = qualifiers.isBlank() ? Set.of() : Set.of(qualifiers.split(","));
        assertThat(ConditionColumns.of(condition, own)).containsExactlyElementsOf(List.of(expected.split(",")));
    }
}
