package io.miglab.core.plan.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementClassifierTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INSERT INTO t VALUES (1)",
                "  update t set a = 1",
                "DELETE FROM t",
                "merge into t using s on t.id = s.id when matched then delete",
                "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x",
                "with recursive r as (select 1), d as (update t set a = 1 returning *) select 1",
                "-- a comment\nINSERT INTO t SELECT 1",
                "/* leading */ delete from t",
                "SELECT * INTO new_table FROM t",
                "CREATE TABLE t2 AS SELECT 1",
                "(insert into t values (1))"
            })
    void writingStatementsAreRecognised(String sql) {
        assertThat(StatementClassifier.writes(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM t",
                "select 'insert into t' from t",
                "select \"delete\" from t",
                "with x as (select 1) select * from x -- delete from t",
                "select $$ update t $$",
                "select $tag$ delete $tag$ from t",
                "VALUES (1), (2)",
                "with x as (select 'update' as w) select * from x"
            })
    void readingStatementsAreNot(String sql) {
        assertThat(StatementClassifier.writes(sql)).isFalse();
    }
}
