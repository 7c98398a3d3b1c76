package io.miglab.core.advisor.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The advised set and the words of each verdict, from costs given by hand. */
class SelectionTest {

    private static IndexCandidate candidate(String table, List<String> columns, StatementCost... costs) {
        String name = IndexSql.name(table, columns, false);
        return new IndexCandidate(
                new IndexSpec(
                        "public",
                        table,
                        name,
                        columns,
                        List.of(),
                        IndexSql.create("public", table, name, columns, List.of())),
                "filter",
                java.util.Arrays.stream(costs).map(StatementCost::statement).toList(),
                List.of(costs),
                false,
                "");
    }

    @Test
    void perStatementTheCheapestQualifyingCandidateWinsAndEveryOtherSaysWhy() {
        IndexCandidate single = candidate("rental", List.of("customer_id"), new StatementCost("q", 1000, 300, true));
        IndexCandidate pair =
                candidate("rental", List.of("customer_id", "rental_date"), new StatementCost("q", 1000, 50, true));
        IndexCandidate weak = candidate("film", List.of("title"), new StatementCost("r", 200, 150, true));
        IndexCandidate unused = candidate("film", List.of("rating"), new StatementCost("r", 200, 200, false));

        List<IndexCandidate> out = Selection.select(List.of(single, pair, weak, unused), 50);

        assertThat(out).extracting(IndexCandidate::kept).containsExactly(false, true, false, false);
        assertThat(out.get(1).reason()).isEqualTo("Kept: saves 95 % on q (cost 1000 -> 50.00).");
        // The single column qualifies too, but the pair's plan is cheaper.
        assertThat(out.get(0).reason())
                .isEqualTo("Rejected: saves 70 % on q (cost 1000 -> 300), but idx_rental_customer_id_rental_date does"
                        + " better (50.00).");
        assertThat(out.get(2).reason())
                .isEqualTo("Rejected: saves 25 % on r (cost 200 -> 150), below the 50 % a kept" + " index needs.");
        assertThat(out.get(3).reason()).isEqualTo("Rejected: the planner does not use it (r stays at cost 200).");
    }

    @Test
    void aWinnerWhoseColumnsLeadAnotherWinnersIsDroppedWhenTheOtherServesItsStatementsToo() {
        // a wins q, (a, b) wins s and qualifies for q as well: (a) adds nothing.
        IndexCandidate a = candidate(
                "t", List.of("a"), new StatementCost("q", 1000, 100, true), new StatementCost("s", 1000, 900, true));
        IndexCandidate ab = candidate(
                "t",
                List.of("a", "b"),
                new StatementCost("q", 1000, 120, true),
                new StatementCost("s", 1000, 100, true));

        List<IndexCandidate> out = Selection.select(List.of(a, ab), 50);

        assertThat(out.get(0).kept()).isFalse();
        assertThat(out.get(0).reason())
                .isEqualTo("Rejected: idx_t_a_b leads with the same columns and serves the same statements (88 % on q"
                        + " (cost 1000 -> 120)); one index is enough.");
        assertThat(out.get(1).kept()).isTrue();
        assertThat(out.get(1).reason())
                .isEqualTo("Kept: saves 90 % on s (cost 1000 -> 100); 88 % on q (cost 1000 -> 120).");
    }

    @Test
    void withinOnePercentOfTheCheapestTheNarrowerIndexWins() {
        IndexCandidate narrow = candidate("t", List.of("a"), new StatementCost("q", 1000, 100.5, true));
        IndexCandidate wide = candidate("t", List.of("a", "b"), new StatementCost("q", 1000, 100, true));

        assertThat(Selection.select(List.of(wide, narrow), 50))
                .extracting(IndexCandidate::kept)
                .containsExactly(false, true);
    }
}
