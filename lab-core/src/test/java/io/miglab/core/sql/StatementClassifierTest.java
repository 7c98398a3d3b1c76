package io.miglab.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            SELECT * FROM t                                                       | READ
            select 'insert into t' from t                                         | READ
            select "delete" from t                                                | READ
            with x as (select 1) select * from x -- delete from t                 | READ
            select $$ update t $$                                                 | READ
            select $tag$ delete $tag$ from t                                      | READ
            VALUES (1), (2)                                                       | READ
            TABLE pg_class                                                        | READ
            ((SELECT 1))                                                          | READ
            SHOW work_mem                                                         | READ
            SHOW ALL                                                              | READ
            EXPLAIN DELETE FROM t                                                 | READ
            EXPLAIN (ANALYZE false, BUFFERS) DELETE FROM t                        | READ
            EXPLAIN (FORMAT JSON) SELECT 1                                        | READ
            EXPLAIN ANALYZE SELECT * FROM t                                       | READ
            EXPLAIN (ANALYZE, BUFFERS) SELECT 1                                   | READ
            COPY t TO STDOUT                                                      | READ
            COPY (SELECT * FROM t) TO STDOUT WITH (FORMAT csv)                    | READ
            SELECT substring('abc' FROM 1 FOR 2)                                  | READ
            SELECT pg_stat_clear_snapshot()                                       | READ
            SELECT hypopg_create_index('CREATE INDEX ON t (a)')                   | READ
            SELECT lo_x FROM t                                                    | READ
            SELECT http_status FROM requests                                      | READ
            SET statement_timeout = 5000                                          | SESSION_SETTING
            SET LOCAL work_mem TO '64MB'                                          | SESSION_SETTING
            SET SESSION search_path = public                                      | SESSION_SETTING
            set enable_seqscan = off                                              | SESSION_SETTING
            SET TIME ZONE 'UTC'                                                   | SESSION_SETTING
            RESET statement_timeout                                               | SESSION_SETTING
            SET default_transaction_read_only = off                               | SESSION_CHANGE
            SET SESSION default_transaction_read_only TO false                    | SESSION_CHANGE
            set "default_transaction_read_only" = 0                               | SESSION_CHANGE
            SET default_transaction_read_only = off;                              | SESSION_CHANGE
            SET standard_conforming_strings = off                                 | SESSION_CHANGE
            SET client_encoding = 'LATIN1'                                        | SESSION_CHANGE
            SET NAMES 'LATIN1'                                                    | SESSION_CHANGE
            SET ROLE postgres                                                     | SESSION_CHANGE
            SET SESSION AUTHORIZATION postgres                                    | SESSION_CHANGE
            RESET default_transaction_read_only                                   | SESSION_CHANGE
            RESET ALL                                                             | SESSION_CHANGE
            RESET ROLE                                                            | SESSION_CHANGE
            DISCARD ALL                                                           | SESSION_CHANGE
            SET myext.flag = on                                                   | SESSION_CHANGE
            BEGIN                                                                 | TRANSACTION_CONTROL
            BEGIN READ WRITE                                                      | TRANSACTION_CONTROL
            START TRANSACTION READ WRITE                                          | TRANSACTION_CONTROL
            COMMIT                                                                | TRANSACTION_CONTROL
            END                                                                   | TRANSACTION_CONTROL
            ROLLBACK AND CHAIN                                                    | TRANSACTION_CONTROL
            ABORT                                                                 | TRANSACTION_CONTROL
            SAVEPOINT a                                                           | TRANSACTION_CONTROL
            RELEASE SAVEPOINT a                                                   | TRANSACTION_CONTROL
            PREPARE TRANSACTION 'x'                                               | TRANSACTION_CONTROL
            SET TRANSACTION READ WRITE                                            | TRANSACTION_CONTROL
            SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE                 | TRANSACTION_CONTROL
            INSERT INTO t VALUES (1)                                              | WRITE
            '  update t set a = 1'                                                | WRITE
            DELETE FROM t                                                         | WRITE
            merge into t using s on t.id = s.id when matched then delete          | WRITE
            WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x                 | WRITE
            with d as (update t set a = 1 returning *) select 1                   | WRITE
            /* leading */ delete from t                                           | WRITE
            SELECT * INTO new_table FROM t                                        | WRITE
            CREATE TABLE t2 AS SELECT 1                                           | WRITE
            (insert into t values (1))                                            | WRITE
            TRUNCATE t                                                            | WRITE
            DROP TABLE t                                                          | WRITE
            GRANT ALL ON t TO public                                              | WRITE
            COMMENT ON TABLE t IS 'x'                                             | WRITE
            SELECT * FROM t FOR UPDATE                                            | WRITE
            SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED                         | WRITE
            SELECT * FROM t FOR SHARE                                             | WRITE
            SELECT nextval('s')                                                   | WRITE
            SELECT setval('s', 1)                                                 | WRITE
            SELECT pg_catalog.setval('s', 1)                                      | WRITE
            EXPLAIN ANALYZE DELETE FROM t                                         | WRITE
            EXPLAIN (VERBOSE, ANALYZE) UPDATE t SET a = 1                         | WRITE
            COPY t FROM STDIN                                                     | WRITE
            ALTER TABLE t ADD COLUMN b int                                        | WRITE
            ALTER SYSTEM SET work_mem = '1GB'                                     | SERVER
            VACUUM FULL t                                                         | SERVER
            VACUUM                                                                | SERVER
            ANALYZE t                                                             | SERVER
            REINDEX TABLE t                                                       | SERVER
            CLUSTER t USING t_pkey                                                | SERVER
            CHECKPOINT                                                            | SERVER
            LOCK TABLE t                                                          | SERVER
            NOTIFY channel                                                        | SERVER
            LISTEN channel                                                        | SERVER
            LOAD 'auto_explain'                                                   | SERVER
            COPY t TO '/tmp/x'                                                    | SERVER
            COPY (SELECT 1) TO PROGRAM 'touch /tmp/x'                             | SERVER
            COPY t FROM PROGRAM 'cat /etc/passwd'                                 | SERVER
            COPY t FROM '/etc/passwd'                                             | SERVER
            SELECT pg_terminate_backend(42)                                       | SIDE_EFFECT
            select PG_TERMINATE_BACKEND (42)                                      | SIDE_EFFECT
            select pg_catalog.pg_terminate_backend /* x */ (42)                   | SIDE_EFFECT
            select "pg_terminate_backend"(42)                                     | SIDE_EFFECT
            SELECT U&"pg_terminate_backen\\0064"(42)                               | SIDE_EFFECT
            SELECT U&"pg_terminate_backen!0064" UESCAPE '!'(42)                   | SIDE_EFFECT
            SELECT x.pg_terminate_backend FROM x                                  | SIDE_EFFECT
            SELECT pg_cancel_backend(pid) FROM pg_stat_activity                   | SIDE_EFFECT
            SELECT pg_reload_conf()                                               | SIDE_EFFECT
            SELECT pg_stat_reset()                                                | SIDE_EFFECT
            SELECT pg_stat_reset_shared('bgwriter')                               | SIDE_EFFECT
            SELECT pg_stat_statements_reset()                                     | SIDE_EFFECT
            SELECT pg_create_physical_replication_slot('s')                       | SIDE_EFFECT
            SELECT * FROM pg_logical_slot_get_changes('s', NULL, NULL)            | SIDE_EFFECT
            SELECT lo_import('/etc/hostname')                                     | SIDE_EFFECT
            SELECT lo_export(1, '/tmp/x')                                         | SIDE_EFFECT
            SELECT dblink_exec('dbname=x', 'DELETE FROM t')                       | SIDE_EFFECT
            SELECT * FROM dblink('dbname=x', 'SELECT 1') AS t(a int)              | SIDE_EFFECT
            SELECT set_config('default_transaction_read_only', 'off', false)      | SIDE_EFFECT
            SELECT query_to_xml('DELETE FROM t RETURNING 1', true, true, '')      | SIDE_EFFECT
            SELECT pg_advisory_lock(1)                                            | SIDE_EFFECT
            SELECT txid_current()                                                 | SIDE_EFFECT
            SELECT pg_switch_wal()                                                | SIDE_EFFECT
            EXPLAIN SELECT pg_terminate_backend(1)                                | SIDE_EFFECT
            COPY (SELECT pg_reload_conf()) TO STDOUT                              | SIDE_EFFECT
            DO $$ BEGIN PERFORM 1; END $$                                         | UNKNOWN
            CALL my_proc()                                                        | UNKNOWN
            EXECUTE plan1                                                         | UNKNOWN
            PREPARE p AS DELETE FROM t                                            | UNKNOWN
            DECLARE c CURSOR FOR SELECT 1                                         | UNKNOWN
            \\! rm -rf /                                                          | UNKNOWN
            FROB t                                                                | UNKNOWN
            EXPLAIN ANALYZE EXECUTE plan1                                         | UNKNOWN
            """)
    void classifiesByWhatTheStatementWouldDo(String sql, StatementEffect expected) {
        assertThat(StatementClassifier.classify(sql).effect()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            SELECT 1                              | true
            SET work_mem = '1GB'                  | true
            DELETE FROM t                         | false
            SELECT pg_terminate_backend(1)        | false
            COMMIT                                | false
            """)
    void onlyReadsAndHarmlessSettingsRunWhileLocked(String sql, boolean allowed) {
        assertThat(StatementClassifier.classify(sql).effect().allowedWhileLocked())
                .isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            DELETE FROM t                               | DELETE changes data
            SELECT pg_terminate_backend(1)              | pg_terminate_backend ends another session
            VACUUM FULL t                               | VACUUM rewrites or cleans tables, even in a read-only transaction
            SELECT * FROM t FOR UPDATE                  | FOR UPDATE and FOR SHARE lock rows against other sessions
            SET default_transaction_read_only = off     | SET default_transaction_read_only is not one of the settings
            """)
    void reasonsAreWrittenForPeople(String sql, String reasonStart) {
        assertThat(StatementClassifier.classify(sql).reason()).startsWith(reasonStart);
    }
}
