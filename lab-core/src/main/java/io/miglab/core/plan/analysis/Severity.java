package io.miglab.core.plan.analysis;

/** How much a finding matters, from the shared thresholds (for example 10/50/90 % of the time). */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
