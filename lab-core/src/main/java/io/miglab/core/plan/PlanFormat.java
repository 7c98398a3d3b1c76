package io.miglab.core.plan;

/** The EXPLAIN output format a plan was read from. */
public enum PlanFormat {
    JSON,
    TEXT
}
