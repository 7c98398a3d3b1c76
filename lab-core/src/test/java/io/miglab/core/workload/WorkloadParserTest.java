package io.miglab.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.inventory.InventorySnapshot.TopStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadParserTest {

    @Test
    void readsNamesWeightsParametersAndMultiLineSql() {
        Workload w = Workload.parse(
                "pagila.sql",
                """
                -- A workload for the Pagila starter lab.

                -- name: film_by_id
                -- weight: 5
                -- params: 42
                -- params: 7
                SELECT * FROM film
                -- the primary key
                WHERE film_id = ?;

                -- name: actors.by-name
                -- params: 'O''Brien, Pat', PENELOPE
                SELECT * FROM actor WHERE last_name = ? OR first_name = ?
                -- name: count_all
                select count(*) from "Rental Ünits" where note = 'why?';
                """);
        assertThat(w.name()).isEqualTo("pagila.sql");
        assertThat(w.statements())
                .extracting(WorkloadStatement::name)
                .containsExactly("film_by_id", "actors.by-name", "count_all");
        WorkloadStatement film = w.statements().get(0);
        assertThat(film.weight()).isEqualTo(5);
        assertThat(film.parameterSets()).containsExactly(List.of("42"), List.of("7"));
        assertThat(film.sql()).isEqualTo("SELECT * FROM film\n-- the primary key\nWHERE film_id = ?");
        assertThat(w.statements().get(1).parameterSets()).containsExactly(List.of("O'Brien, Pat", "PENELOPE"));
        assertThat(w.statements().get(1).weight()).isEqualTo(1);
        assertThat(w.statements().get(2).sql()).isEqualTo("select count(*) from \"Rental Ünits\" where note = 'why?'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT 1|line 1: SQL before the first -- name: line",
                "-- weight: 3\\n-- name: a\\nSELECT 1|line 1: -- weight: comes before any -- name: line",
                "-- name: a\\n-- weight: many\\nSELECT 1|line 2: the weight must be a whole number from 1 to 1000, not 'many'",
                "-- name: a\\n-- weight: 0\\nSELECT 1|line 2: the weight must be a whole number",
                "-- name: a\\nSELECT 1\\n-- name: a\\nSELECT 2|line 3: the name a is already used on line 1",
                "-- name: two words\\nSELECT 1|line 1: the name 'two words' must be letters",
                "-- name: a\\n\\n-- name: b\\nSELECT 1|line 1: statement a has no SQL",
                "-- name: a\\nSELECT 1\\n-- weight: 2|line 3: -- weight: must come before the SQL of a",
                "-- name: a\\nSELECT ?|line 1: statement a has 1 ? markers but no -- params: line",
                "-- name: a\\n-- params: 1, 2\\nSELECT ?|line 1: statement a has 1 ? markers but a -- params: line gives 2",
                "-- name: a\\n-- params: 'open\\nSELECT ?|line 2: an unterminated quote",
                "-- name: a\\n-- weight: 2\\n-- weight: 3\\nSELECT 1|line 3: a second weight for a",
                "\\n\\n-- only comments|no statements",
            })
    void malformedFilesNameTheLine(String text, String message) {
        assertThatThrownBy(() -> Workload.parse("w.sql", text.replace("\\n", "\n")))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("w.sql")
                .hasMessageContaining(message);
    }

    @Test
    void jsonbOperatorsAndQuotedQuestionMarksAreNotParameters() {
        assertThat(WorkloadParser.countMarkers("SELECT doc ?| array['a'] FROM t WHERE x = ? AND y = '?' -- ?"))
                .isEqualTo(1);
    }

    @Test
    void passOrderInterleavesByWeight() {
        List<WorkloadStatement> statements = List.of(
                new WorkloadStatement("a", "SELECT 1", 3, List.of()),
                new WorkloadStatement("b", "SELECT 2", 1, List.of()));
        assertThat(BaselineRunner.passOrder(statements)).containsExactly(0, 0, 1, 0);
    }

    @Test
    void topStatementsWithPlaceholdersAreLeftOut() {
        Workload w = Workload.fromTopStatements(
                        "top",
                        List.of(
                                new TopStatement(1, "SELECT * FROM t WHERE id = $1", 1000, 10, 0.01, 1000, 0, 0),
                                new TopStatement(2, "SELECT count(*) FROM t", 50, 5, 0.1, 50, 0, 0),
                                new TopStatement(3, "SELECT now();", 10, 1, 0.1, 10, 0, 0)),
                        10)
                .workload();
        assertThat(w.statements())
                .extracting(WorkloadStatement::sql)
                .containsExactly("SELECT count(*) FROM t", "SELECT now()");
        assertThat(w.statements()).extracting(WorkloadStatement::weight).containsExactly(5, 1);
    }

    @Test
    void onlyReadsAreReplayedAndEverySkipSaysWhy() {
        Workload.Replay replay = Workload.fromTopStatements(
                "top",
                List.of(
                        new TopStatement(1, "DELETE FROM t", 1000, 10, 0.01, 1000, 0, 0),
                        new TopStatement(2, "TRUNCATE t", 900, 5, 0.1, 0, 0, 0),
                        new TopStatement(3, "VACUUM FULL t", 800, 5, 0.1, 0, 0, 0),
                        new TopStatement(4, "SELECT pg_stat_statements_reset()", 700, 5, 0.1, 1, 0, 0),
                        new TopStatement(5, "SELECT count(*) FROM t", 50, 5, 0.1, 50, 0, 0),
                        new TopStatement(6, "select 1; delete from t", 40, 5, 0.1, 50, 0, 0),
                        new TopStatement(7, "SELECT * FROM t FOR UPDATE", 30, 5, 0.1, 50, 0, 0)),
                10);
        assertThat(replay.workload().statements())
                .extracting(WorkloadStatement::sql)
                .containsExactly("SELECT count(*) FROM t");
        assertThat(replay.skipped()).extracting(Workload.Skipped::queryId).containsExactly(1L, 2L, 3L, 4L, 6L, 7L);
        assertThat(replay.skipped().get(0).reason()).isEqualTo("it is not a read: DELETE changes data");
        assertThat(replay.skipped().get(4).reason()).isEqualTo("it holds 2 statements");
    }

    @Test
    void aReplayOfNothingButWritesIsRefused() {
        assertThatThrownBy(() -> Workload.fromTopStatements(
                        "top", List.of(new TopStatement(1, "DELETE FROM t", 1, 1, 1, 1, 0, 0)), 5))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining(
                        "MigLab replays only reads without parameters (1 skipped, the first: it is not a read: DELETE"
                                + " changes data)");
    }

    @Test
    void aWorkloadStatementIsOneStatement() {
        assertThatThrownBy(() -> Workload.parse("w.sql", "-- name: a\nSELECT 1; COMMIT; DELETE FROM t;\n"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("w.sql line 1: statement a holds more than one statement; the second starts with"
                        + " 'COMMIT'. Give each its own -- name: line.");
    }
}
