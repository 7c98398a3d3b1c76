package io.miglab.core.advisor.index;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import io.miglab.core.workload.BaselineRequest;
import java.nio.file.Path;

/**
 * What to advise on: the one input of {@link IndexAdvisor#advise}.
 *
 * @param database a database on the target's server, or null for the target's own
 * @param workload the statements whose plans give the candidates
 * @param costing how to cost the candidates
 * @param minSavingPercent a candidate is kept only when it saves at least this much of the estimated cost of a
 *     statement it serves (50 by default, as Dexter and DESIGN.md have it)
 * @param maxCandidates at most this many candidates are costed (the rest are rejected, saying so)
 * @param improves the experiment the advice is for (a baseline), or null
 */
public record IndexAdviceRequest(
        String target,
        String database,
        BaselineRequest.WorkloadSource workload,
        Costing costing,
        double minSavingPercent,
        int maxCandidates,
        Long improves) {
    public static final double DEFAULT_MIN_SAVING = 50;
    public static final int DEFAULT_MAX_CANDIDATES = 300;

    public IndexAdviceRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to advise indexes for.");
        }
        if (workload == null) {
            throw new MigLabException("Choose a workload: its plans give the index candidates.");
        }
        if (workload instanceof BaselineRequest.WorkloadSource.TopStatements) {
            throw new MigLabException("The index advisor takes a workload file or the bundled workload.");
        }
        costing = costing == null ? Costing.AUTO : costing;
        if (!(minSavingPercent > 0 && minSavingPercent < 100)) {
            throw new MigLabException("The saving a kept index needs must be between 0 and 100 %.");
        }
        io.miglab.core.units.Ranges.require(maxCandidates, 1, 2000, "The number of candidates");
        database = database == null || database.isBlank() ? null : database.strip();
    }

    public static IndexAdviceRequest of(String target, String database, BaselineRequest.WorkloadSource workload) {
        return new IndexAdviceRequest(
                target, database, workload, Costing.AUTO, DEFAULT_MIN_SAVING, DEFAULT_MAX_CANDIDATES, null);
    }

    /**
     * From a playbook step: {@code target}, {@code workload} (a file), and optionally {@code database},
     * {@code costing} (auto, hypopg, real-index), {@code min-saving} (percent), {@code max-candidates}.
     */
    public static IndexAdviceRequest fromParameters(Parameters p) {
        p.allowOnly("target", "database", "workload", "costing", "min-saving", "max-candidates");
        String costing = p.optional("costing");
        return new IndexAdviceRequest(
                p.required("target"),
                p.optional("database"),
                new BaselineRequest.WorkloadSource.File(Path.of(p.required("workload"))),
                costing == null ? Costing.AUTO : Costing.parse(costing, "costing"),
                p.integer("min-saving", (int) DEFAULT_MIN_SAVING, 1, 99),
                p.integer("max-candidates", DEFAULT_MAX_CANDIDATES, 1, 2000),
                null);
    }
}
