package io.miglab.core.targets.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * Statements an attacker (or a careless script) would send to get past a read-only guard, grouped by the classes
 * issue 8 found. {@code {pid}} is replaced by a canary backend's pid, {@code {file}} by a path on the server host
 * that must not appear, {@code {conninfo}} by a libpq connection string back to the same database.
 *
 * @param visible whether running it on an unlocked target as superuser must show in the evidence (so the evidence
 *     is known to see it)
 */
record AttackCorpus(String attackClass, String name, String sql, boolean visible) {

    static final String SESSION = "1 session or transaction mode";
    static final String TRANSACTION = "2 transaction control in user text";
    static final String MULTI = "3 several statements where one is expected";
    static final String SERVER = "4 not stopped by a read-only transaction";
    static final String FUNCTIONS = "4 side-effecting functions";
    static final String OPAQUE = "4 code the gate cannot see";

    String sql(int pid, String file, String conninfo) {
        return sql.replace("{pid}", Integer.toString(pid))
                .replace("{file}", file)
                .replace("{conninfo}", conninfo);
    }

    @Override
    public String toString() {
        return attackClass.substring(0, 1) + " " + name;
    }

    static List<AttackCorpus> all() {
        List<AttackCorpus> c = new ArrayList<>();
        // 1. The session or transaction mode, switched from SQL.
        c.add(new AttackCorpus(SESSION, "begin read write", "BEGIN READ WRITE; DELETE FROM victim; COMMIT;", true));
        c.add(new AttackCorpus(
                SESSION,
                "start transaction read write",
                "START TRANSACTION READ WRITE; UPDATE victim SET v = 'x'; COMMIT;",
                true));
        c.add(new AttackCorpus(
                SESSION, "set default off", "SET default_transaction_read_only = off; DELETE FROM victim;", true));
        c.add(new AttackCorpus(
                SESSION,
                "set session default false",
                "SET SESSION default_transaction_read_only TO false; DELETE FROM victim;",
                true));
        c.add(new AttackCorpus(
                SESSION, "set default 0", "set \"default_transaction_read_only\" = 0; delete from victim;", true));
        c.add(new AttackCorpus(
                SESSION, "reset default", "RESET default_transaction_read_only; DELETE FROM victim;", true));
        c.add(new AttackCorpus(SESSION, "reset all", "RESET ALL; DELETE FROM victim;", true));
        c.add(new AttackCorpus(
                SESSION,
                "session characteristics",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM victim;",
                true));
        c.add(new AttackCorpus(
                SESSION,
                "set_config",
                "SELECT set_config('default_transaction_read_only', 'off', false); DELETE FROM victim;",
                true));
        c.add(new AttackCorpus(
                SESSION, "set transaction read write", "SET TRANSACTION READ WRITE; DELETE FROM victim;", true));
        c.add(new AttackCorpus(
                SESSION, "set transaction_read_only", "SET transaction_read_only = off; DELETE FROM victim;", true));
        c.add(new AttackCorpus(
                SESSION,
                "pg_dump header",
                "SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET client_encoding = 'UTF8';\n"
                        + "SET standard_conforming_strings = on;\nSET default_transaction_read_only = off;\n"
                        + "DELETE FROM victim;\n",
                true));
        c.add(new AttackCorpus(
                SESSION,
                "scs off then hide a statement",
                "SET standard_conforming_strings = off; SELECT 'x\\' ', pg_terminate_backend({pid}), '';",
                true));
        // 2. Transaction control that ends the protecting transaction.
        for (String end : List.of("COMMIT", "END", "ROLLBACK", "ABORT", "ROLLBACK AND CHAIN", "COMMIT AND CHAIN")) {
            c.add(new AttackCorpus(TRANSACTION, end.toLowerCase(), end + "; DELETE FROM victim;", true));
        }
        c.add(new AttackCorpus(
                TRANSACTION, "savepoint release", "SAVEPOINT s; RELEASE SAVEPOINT s; DELETE FROM victim;", true));
        c.add(new AttackCorpus(TRANSACTION, "prepare transaction", "PREPARE TRANSACTION 'miglab_attack';", false));
        // 3. A second statement hidden where one is expected.
        c.add(new AttackCorpus(MULTI, "select commit delete", "SELECT 1; COMMIT; DELETE FROM victim", true));
        c.add(new AttackCorpus(MULTI, "select drop", "SELECT 1; DROP TABLE victim", true));
        c.add(new AttackCorpus(MULTI, "backslash quote", "SELECT 'a\\'; DELETE FROM victim; --'", true));
        c.add(new AttackCorpus(MULTI, "dollar quote", "SELECT $a$ x $a$; DELETE FROM victim", true));
        c.add(new AttackCorpus(MULTI, "nested comment", "SELECT 1 /* /* x */ y */; TRUNCATE victim", true));
        c.add(new AttackCorpus(MULTI, "line comment", "SELECT 1 -- x\n; DELETE FROM victim", true));
        c.add(new AttackCorpus(MULTI, "dollar in a name", "SELECT 1 AS a$b$; DELETE FROM victim", true));
        // 4. What a read-only transaction does not stop.
        c.add(new AttackCorpus(SERVER, "alter system", "ALTER SYSTEM SET work_mem = '77MB';", true));
        c.add(new AttackCorpus(SERVER, "copy to file", "COPY victim TO '{file}';", true));
        c.add(new AttackCorpus(SERVER, "copy to program", "COPY (SELECT 1) TO PROGRAM 'touch {file}';", true));
        c.add(new AttackCorpus(SERVER, "copy from program", "COPY victim (v) FROM PROGRAM 'echo attacked';", true));
        c.add(new AttackCorpus(SERVER, "vacuum full", "VACUUM FULL victim;", true));
        c.add(new AttackCorpus(SERVER, "vacuum", "VACUUM victim;", true));
        c.add(new AttackCorpus(SERVER, "analyze", "ANALYZE victim;", true));
        c.add(new AttackCorpus(SERVER, "reindex", "REINDEX TABLE victim;", true));
        c.add(new AttackCorpus(SERVER, "cluster", "CLUSTER victim USING victim_pkey;", true));
        c.add(new AttackCorpus(SERVER, "checkpoint", "CHECKPOINT;", false));
        c.add(new AttackCorpus(SERVER, "lock table", "LOCK TABLE victim IN ACCESS EXCLUSIVE MODE;", false));
        c.add(new AttackCorpus(SERVER, "notify", "NOTIFY miglab_attack;", false));
        c.add(new AttackCorpus(SERVER, "for update", "SELECT * FROM victim FOR UPDATE;", false));
        c.add(new AttackCorpus(SERVER, "select into", "SELECT * INTO miglab_stolen FROM victim;", true));
        c.add(new AttackCorpus(SERVER, "nextval", "SELECT nextval('victim_id_seq');", true));
        c.add(new AttackCorpus(SERVER, "setval", "SELECT setval('victim_id_seq', 100000);", true));
        c.add(new AttackCorpus(FUNCTIONS, "terminate canary", "SELECT pg_terminate_backend({pid});", true));
        c.add(new AttackCorpus(FUNCTIONS, "cancel canary", "SELECT pg_cancel_backend({pid});", true));
        c.add(new AttackCorpus(FUNCTIONS, "quoted name", "SELECT \"pg_terminate_backend\"({pid});", true));
        c.add(new AttackCorpus(
                FUNCTIONS, "qualified with comment", "SELECT pg_catalog.pg_terminate_backend /* x */ ({pid});", true));
        c.add(new AttackCorpus(
                FUNCTIONS, "unicode escaped name", "SELECT U&\"pg_terminate_backen\\0064\"({pid});", true));
        c.add(new AttackCorpus(
                FUNCTIONS, "in a subquery", "SELECT * FROM (SELECT pg_terminate_backend({pid})) s;", true));
        c.add(new AttackCorpus(FUNCTIONS, "reload conf", "SELECT pg_reload_conf();", true));
        c.add(new AttackCorpus(FUNCTIONS, "stat reset", "SELECT pg_stat_reset();", true));
        c.add(new AttackCorpus(
                FUNCTIONS,
                "stat reset table",
                "SELECT pg_stat_reset_single_table_counters('victim'::regclass);",
                false));
        c.add(new AttackCorpus(FUNCTIONS, "pg_stat_statements reset", "SELECT pg_stat_statements_reset();", false));
        c.add(new AttackCorpus(
                FUNCTIONS,
                "replication slot",
                "SELECT pg_create_physical_replication_slot('miglab_attack_slot');",
                true));
        c.add(new AttackCorpus(FUNCTIONS, "lo_import", "SELECT lo_import('/etc/hostname');", true));
        c.add(new AttackCorpus(
                FUNCTIONS, "lo_export", "SELECT lo_export(lo_from_bytea(0, 'x'::bytea), '{file}');", false));
        c.add(new AttackCorpus(
                FUNCTIONS, "dblink_exec", "SELECT dblink_exec('{conninfo}', 'DELETE FROM victim');", true));
        c.add(new AttackCorpus(
                FUNCTIONS,
                "dblink select",
                "SELECT * FROM dblink('{conninfo}', 'DELETE FROM victim RETURNING 1') AS t(x int);",
                true));
        c.add(new AttackCorpus(
                FUNCTIONS,
                "query_to_xml",
                "SELECT query_to_xml('SELECT pg_terminate_backend({pid})', true, true, '');",
                true));
        c.add(new AttackCorpus(FUNCTIONS, "advisory lock", "SELECT pg_advisory_lock(4242);", false));
        c.add(new AttackCorpus(FUNCTIONS, "txid", "SELECT txid_current();", false));
        c.add(new AttackCorpus(OPAQUE, "do block", "DO $$ BEGIN DELETE FROM victim; END $$;", true));
        c.add(new AttackCorpus(
                OPAQUE,
                "do set_config then write",
                "DO $$ BEGIN PERFORM set_config('default_transaction_read_only', 'off', false); END $$;"
                        + " DELETE FROM victim;",
                true));
        c.add(new AttackCorpus(OPAQUE, "call", "CALL miglab_proc();", true));
        c.add(new AttackCorpus(OPAQUE, "prepare execute", "PREPARE p AS DELETE FROM victim; EXECUTE p;", true));
        c.add(new AttackCorpus(OPAQUE, "psql meta", "\\! touch {file}", false));
        // Functions the gate cannot look into: the read-only transaction MigLab begins itself must stop them.
        c.add(new AttackCorpus(OPAQUE, "user function writes", "SELECT miglab_sneaky_delete();", true));
        c.add(new AttackCorpus(
                OPAQUE,
                "user function turns the default off, then writes",
                "SELECT miglab_sneaky_off(); SELECT miglab_sneaky_delete();",
                true));
        return c;
    }
}
