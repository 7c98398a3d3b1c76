package io.miglab.core.migration.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.sql.SqlStatements;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableAccessTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            CREATE TABLE films (id int PRIMARY KEY, studio int REFERENCES studios (id)) | public.studios | public.films
            CREATE TABLE IF NOT EXISTS app.films (id int)                            |                | app.films
            CREATE TABLE copy AS SELECT * FROM films f JOIN app.studios s ON s.id = f.studio | public.films app.studios | public.copy
            ALTER TABLE ONLY films ADD CONSTRAINT fk FOREIGN KEY (s) REFERENCES studios | public.studios | public.films
            ALTER TABLE films RENAME TO movies                                        |                | public.films public.movies
            ALTER TABLE films ALTER COLUMN n TYPE bigint USING n::bigint               |                | public.films
            DROP TABLE IF EXISTS a, app.b CASCADE                                     |                | public.a app.b
            TRUNCATE a, b                                                             |                | public.a public.b
            INSERT INTO films (id, title) SELECT g, 'x' FROM generate_series(1, 10) g |                | public.films
            INSERT INTO films SELECT * FROM staging WHERE id IN (SELECT id FROM keep)   | public.keep public.staging | public.films
            UPDATE films SET rank = r.rank FROM ranks r WHERE r.id = films.id         | public.ranks   | public.films
            UPDATE films SET year = extract(year FROM released)                      |                | public.films
            DELETE FROM films USING old o WHERE o.id = films.id                       | public.old     | public.films
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY app.films (id)   |                | app.films
            CREATE INDEX ON films USING btree (title)                                 |                | public.films
            COPY films (id, title) FROM '/tmp/films.csv'                              |                | public.films
            COPY films TO '/tmp/films.csv'                                            | public.films   |
            CREATE OR REPLACE VIEW v AS SELECT a.x FROM a, b AS bb, app.c              | public.a public.b app.c | public.v
            CREATE MATERIALIZED VIEW mv AS WITH recent AS (SELECT * FROM films) SELECT * FROM recent | public.films | public.mv
            SELECT substring(title FROM 2), trim(both FROM title) FROM films         | public.films   |
            DO $$ BEGIN EXECUTE 'UPDATE hidden SET x = 1'; END $$                     |                |
            WITH src AS (SELECT * FROM staging) INSERT INTO films SELECT * FROM src   | public.staging | public.films
            WITH ids AS (SELECT id FROM old) DELETE FROM films WHERE id IN (SELECT id FROM ids) | public.old | public.films
            """)
    void findsTheTablesAStatementReadsAndWrites(String sql, String reads, String writes) {
        TableAccess access = TableAccess.of(sql);
        assertThat(access.reads()).isEqualTo(set(reads));
        assertThat(access.writes()).isEqualTo(set(writes));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            CREATE UNIQUE INDEX i ON t (a)            | CREATE INDEX
            create index concurrently i on t (a)      | CREATE INDEX
            ALTER TABLE t ADD COLUMN c int            | ALTER TABLE
            CREATE OR REPLACE VIEW v AS SELECT 1      | CREATE VIEW
            CREATE MATERIALIZED VIEW v AS SELECT 1    | CREATE VIEW
            update t set a = 1                        | UPDATE
            INSERT INTO t VALUES (1)                  | INSERT
            SELECT pg_sleep(0.3)                      | SELECT
            WITH s AS (SELECT 1) UPDATE t SET a = 1   | UPDATE
            """)
    void classifiesStatementsByTheirFirstWords(String sql, String kind) {
        assertThat(TableAccess.kind(SqlStatements.single(sql, "A test").tokens()))
                .isEqualTo(kind);
    }

    private static Set<String> set(String names) {
        return names == null || names.isBlank()
                ? Set.of()
                : Set.of(names.strip().split("\\s+"));
    }
}
