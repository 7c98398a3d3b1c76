package io.miglab.core.advisor.index;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The planner's estimated cost of one workload statement without and with a candidate index.
 *
 * @param statement the workload statement's name
 * @param before the plan's total cost with the existing indexes only
 * @param after the plan's total cost with the candidate as well
 * @param used whether the plan with the candidate uses it
 */
public record StatementCost(String statement, double before, double after, boolean used) {

    /** The saving in percent of {@code before}: 75 means the plan costs a quarter; negative when it costs more. */
    @JsonProperty("savingPercent")
    public double savingPercent() {
        return before <= 0 ? 0 : (before - after) / before * 100;
    }
}
