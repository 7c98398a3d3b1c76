package io.miglab.core.plan;

import java.util.List;

/**
 * PostgreSQL's own EXPLAIN field names, as FORMAT JSON spells them. The TEXT reader maps its lines onto these
 * names so both formats give the same tree.
 */
public final class PlanFields {
    public static final String PLAN = "Plan";
    public static final String PLANS = "Plans";
    public static final String NODE_TYPE = "Node Type";
    public static final String PARENT_RELATIONSHIP = "Parent Relationship";
    public static final String SUBPLAN_NAME = "Subplan Name";
    public static final String PARALLEL_AWARE = "Parallel Aware";
    public static final String JOIN_TYPE = "Join Type";
    public static final String STRATEGY = "Strategy";
    public static final String PARTIAL_MODE = "Partial Mode";
    public static final String OPERATION = "Operation";
    public static final String RELATION_NAME = "Relation Name";
    public static final String SCHEMA = "Schema";
    public static final String ALIAS = "Alias";
    public static final String INDEX_NAME = "Index Name";
    public static final String CTE_NAME = "CTE Name";
    public static final String FUNCTION_NAME = "Function Name";
    public static final String SCAN_DIRECTION = "Scan Direction";
    public static final String STARTUP_COST = "Startup Cost";
    public static final String TOTAL_COST = "Total Cost";
    public static final String PLAN_ROWS = "Plan Rows";
    public static final String PLAN_WIDTH = "Plan Width";
    public static final String ACTUAL_STARTUP_TIME = "Actual Startup Time";
    public static final String ACTUAL_TOTAL_TIME = "Actual Total Time";
    public static final String ACTUAL_ROWS = "Actual Rows";
    public static final String ACTUAL_LOOPS = "Actual Loops";
    public static final String WORKERS_PLANNED = "Workers Planned";
    public static final String WORKERS_LAUNCHED = "Workers Launched";
    public static final String WORKERS = "Workers";
    public static final String FILTER = "Filter";
    public static final String JOIN_FILTER = "Join Filter";
    public static final String ROWS_REMOVED_BY_FILTER = "Rows Removed by Filter";
    public static final String ROWS_REMOVED_BY_JOIN_FILTER = "Rows Removed by Join Filter";
    public static final String ROWS_REMOVED_BY_INDEX_RECHECK = "Rows Removed by Index Recheck";
    public static final String HEAP_FETCHES = "Heap Fetches";
    public static final String HASH_BATCHES = "Hash Batches";
    public static final String ORIGINAL_HASH_BATCHES = "Original Hash Batches";
    public static final String HASH_BUCKETS = "Hash Buckets";
    public static final String ORIGINAL_HASH_BUCKETS = "Original Hash Buckets";
    public static final String PEAK_MEMORY_USAGE = "Peak Memory Usage";
    public static final String DISK_USAGE = "Disk Usage";
    public static final String SORT_METHOD = "Sort Method";
    public static final String SORT_SPACE_USED = "Sort Space Used";
    public static final String SORT_SPACE_TYPE = "Sort Space Type";
    public static final String SORT_KEY = "Sort Key";
    public static final String PLANNING_TIME = "Planning Time";
    public static final String EXECUTION_TIME = "Execution Time";
    public static final String PLANNING = "Planning";
    public static final String SETTINGS = "Settings";
    public static final String TRIGGERS = "Triggers";

    /**
     * Counters PostgreSQL reports inclusively (a node's value contains its children's): buffers, I/O timings and
     * WAL. Their exclusive value is the node's minus its children's, like time.
     */
    public static final List<String> INCLUSIVE_COUNTERS = List.of(
            "Shared Hit Blocks",
            "Shared Read Blocks",
            "Shared Dirtied Blocks",
            "Shared Written Blocks",
            "Local Hit Blocks",
            "Local Read Blocks",
            "Local Dirtied Blocks",
            "Local Written Blocks",
            "Temp Read Blocks",
            "Temp Written Blocks",
            "I/O Read Time",
            "I/O Write Time",
            "Shared I/O Read Time",
            "Shared I/O Write Time",
            "Local I/O Read Time",
            "Local I/O Write Time",
            "Temp I/O Read Time",
            "Temp I/O Write Time",
            "WAL Records",
            "WAL FPI",
            "WAL Bytes");

    private PlanFields() {}
}
