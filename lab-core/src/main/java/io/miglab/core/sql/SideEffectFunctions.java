package io.miglab.core.sql;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Functions whose effects a read-only transaction does not stop: they end or signal other sessions, reload or
 * rotate server state, reset statistics, manage replication, touch files or large objects, open connections to
 * other servers, or run SQL text that the guard never sees. Names are matched in lower case, with or without a
 * schema; families are matched by prefix, and only where they are called. HypoPG's functions are deliberately absent: a hypothetical index lives in
 * the session's memory only.
 */
final class SideEffectFunctions {

    private static final Map<String, String> EXACT = Map.ofEntries(
            Map.entry("pg_terminate_backend", "ends another session"),
            Map.entry("pg_cancel_backend", "cancels another session's query"),
            Map.entry("pg_reload_conf", "makes the server reload its configuration"),
            Map.entry("pg_rotate_logfile", "rotates the server's log file"),
            Map.entry("pg_switch_wal", "forces a WAL segment switch"),
            Map.entry("pg_switch_xlog", "forces a WAL segment switch"),
            Map.entry("pg_start_backup", "starts a base backup"),
            Map.entry("pg_stop_backup", "stops a base backup"),
            Map.entry("pg_promote", "promotes a standby"),
            Map.entry("pg_drop_replication_slot", "drops a replication slot"),
            Map.entry("pg_replication_slot_advance", "advances a replication slot"),
            Map.entry("pg_import_system_collations", "adds collations to the catalog"),
            Map.entry("pg_log_backend_memory_contexts", "writes into the server log"),
            Map.entry("pg_current_xact_id", "assigns a transaction id"),
            Map.entry("txid_current", "assigns a transaction id"),
            Map.entry("pg_notify", "sends a notification to other sessions"),
            Map.entry("set_config", "changes settings, including the ones the guard depends on"),
            Map.entry("query_to_xml", "runs SQL text the guard cannot see"),
            Map.entry("query_to_xmlschema", "runs SQL text the guard cannot see"),
            Map.entry("query_to_xml_and_xmlschema", "runs SQL text the guard cannot see"),
            Map.entry("cursor_to_xml", "reads from a cursor the guard cannot see"),
            Map.entry("cursor_to_xmlschema", "reads from a cursor the guard cannot see"),
            Map.entry("ts_stat", "runs SQL text the guard cannot see"),
            Map.entry("loread", "reads a large object through a descriptor"),
            Map.entry("lowrite", "writes a large object"),
            Map.entry("bt_index_parent_check", "locks the table against writes while it checks"));

    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("dblink", "opens a session on another server that MigLab does not guard"),
            Map.entry("postgres_fdw", "manages connections to other servers"),
            Map.entry("pg_stat_reset", "resets statistics other people rely on"),
            Map.entry("pg_stat_statements_reset", "resets pg_stat_statements for everyone"),
            Map.entry("pg_create_", "creates replication slots or restore points"),
            Map.entry("pg_copy_", "copies a replication slot"),
            Map.entry("pg_logical_", "consumes or emits logical replication data"),
            Map.entry("pg_replication_origin", "changes replication origins"),
            Map.entry("pg_backup_", "starts or stops a base backup"),
            Map.entry("pg_wal_replay_", "pauses or resumes WAL replay"),
            Map.entry("pg_advisory", "takes advisory locks that outlive the statement"),
            Map.entry("pg_try_advisory", "takes advisory locks that outlive the statement"),
            Map.entry("pg_file_", "writes, renames or deletes server files"),
            Map.entry("pg_prewarm", "loads relations into the server's buffers"),
            Map.entry("pg_background", "starts background workers"),
            Map.entry("lo_", "imports, exports or changes large objects"),
            Map.entry("http", "calls another service"));

    private SideEffectFunctions() {}

    /** Why calling {@code name} (a function name in lower case, without schema) is refused, or empty. */
    static Optional<String> reason(String name) {
        String reason = EXACT.get(name);
        if (reason != null) {
            return Optional.of(reason);
        }
        for (Map.Entry<String, String> prefix : PREFIXES) {
            if (name.startsWith(prefix.getKey())) {
                return Optional.of(prefix.getValue());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is listed by its full name, not only as part of a family. */
    static boolean listedExactly(String name) {
        return EXACT.containsKey(name);
    }

    /** Whether {@code name} names a sequence-changing function: writes that ROLLBACK does not undo. */
    static boolean changesSequence(String name) {
        return name.equals("nextval") || name.equals("setval");
    }
}
