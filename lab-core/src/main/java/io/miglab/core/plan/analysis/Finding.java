package io.miglab.core.plan.analysis;

/**
 * Something worth a look in a plan, with the numbers and the threshold that raised it.
 *
 * @param code a stable identifier ("slow-node", "misestimate", ...), for filters and tests
 * @param severity how much it matters
 * @param nodeId the node it is about, or 0 for the whole plan
 * @param title one line: what was found, with the figure
 * @param meaning what it means, in PostgreSQL's terms
 * @param suggestion what to try
 * @param threshold the thresholds applied, as shown to the user ("10 / 50 / 90 % of the total time")
 * @param value the measured value the thresholds were compared with
 */
public record Finding(
        String code,
        Severity severity,
        int nodeId,
        String title,
        String meaning,
        String suggestion,
        String threshold,
        double value) {}
