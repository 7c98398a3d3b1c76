package io.miglab.core.sql;

import java.util.List;
import java.util.Set;

/**
 * The settings a session on a guarded target may change with SET or RESET: timeouts, memory for sorts and hashes,
 * the search path, planner switches and costs, output formats. They shape how this session's queries run and look;
 * none of them can open a way to write. Everything else is refused, in particular default_transaction_read_only,
 * transaction_read_only, standard_conforming_strings (the guard's lexer assumes it), client_encoding (the driver
 * needs UTF8), role and session_authorization.
 */
final class SessionSettings {

    private static final Set<String> HARMLESS = Set.of(
            "statement_timeout",
            "lock_timeout",
            "idle_in_transaction_session_timeout",
            "idle_session_timeout",
            "work_mem",
            "hash_mem_multiplier",
            "temp_buffers",
            "search_path",
            "application_name",
            "datestyle",
            "intervalstyle",
            "timezone",
            "extra_float_digits",
            "bytea_output",
            "client_min_messages",
            "lc_monetary",
            "lc_numeric",
            "lc_time",
            "random_page_cost",
            "seq_page_cost",
            "cpu_tuple_cost",
            "cpu_index_tuple_cost",
            "cpu_operator_cost",
            "parallel_setup_cost",
            "parallel_tuple_cost",
            "min_parallel_table_scan_size",
            "min_parallel_index_scan_size",
            "effective_cache_size",
            "effective_io_concurrency",
            "max_parallel_workers_per_gather",
            "parallel_leader_participation",
            "jit",
            "jit_above_cost",
            "jit_inline_above_cost",
            "jit_optimize_above_cost",
            "plan_cache_mode",
            "geqo",
            "geqo_threshold",
            "from_collapse_limit",
            "join_collapse_limit",
            "cursor_tuple_fraction",
            "constraint_exclusion",
            "track_io_timing",
            "default_statistics_target",
            "recursive_worktable_factor",
            "transform_null_equals",
            "xmloption",
            "xmlbinary",
            "escape_string_warning",
            "row_security");

    private static final List<String> HARMLESS_PREFIXES = List.of("enable_");

    /** A few of the names {@link #harmless} accepts, for messages. */
    static final String EXAMPLES =
            "statement_timeout, lock_timeout, work_mem, search_path, enable_* and the planner" + " costs";

    private SessionSettings() {}

    /** Whether a guarded session may change {@code name} (lower case). */
    static boolean harmless(String name) {
        return HARMLESS.contains(name) || HARMLESS_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
