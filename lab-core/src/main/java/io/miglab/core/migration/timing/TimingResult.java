package io.miglab.core.migration.timing;

import java.util.List;

/**
 * What {@code miglab script time} measured and concluded, as stored in the ledger's results.json. Plain numbers and
 * strings only, so that the JSON reads without MigLab's classes.
 *
 * @param file the script as the user named it
 * @param table the table whose rows are the size (schema-qualified)
 * @param productionRows the rows projected to
 * @param productionSource where that count came from ({@code --production-rows}, or the table in the database)
 * @param thresholdSeconds the migration window, or null when none was given (no verdict)
 * @param fractions the sizes, as fractions of the database
 * @param server the lab server the runs were on
 * @param variants as written first, then each fix tried
 * @param experimentId the ledger experiment, or 0 before it is stored
 */
public record TimingResult(
        String file,
        String target,
        String database,
        String table,
        long productionRows,
        String productionSource,
        Double thresholdSeconds,
        List<Double> fractions,
        int repeats,
        Server server,
        List<Variant> variants,
        long experimentId) {
    public TimingResult {
        fractions = List.copyOf(fractions);
        variants = List.copyOf(variants);
    }

    public TimingResult withExperimentId(long id) {
        return new TimingResult(
                file,
                target,
                database,
                table,
                productionRows,
                productionSource,
                thresholdSeconds,
                fractions,
                repeats,
                server,
                variants,
                id);
    }

    /**
     * Each variant's fit, projection and verdict again from its stored runs (the same deterministic fit the timing
     * made), for what needs the models themselves: a chart's fitted lines, a reopened experiment.
     */
    public java.util.List<GrowthModels.Assessment> assessments() {
        java.time.Duration window =
                thresholdSeconds == null ? null : java.time.Duration.ofMillis(Math.round(thresholdSeconds * 1000));
        Regime regime = new Regime(null, server.sharedBuffers(), server.ram(), null, server.maintenanceWorkMem());
        return variants.stream()
                .map(v -> GrowthModels.assess(
                        v.label(),
                        v.runs().stream()
                                .map(x -> new Measurement(x.rows(), x.bytes(), x.seconds()))
                                .toList(),
                        productionRows,
                        regime,
                        window))
                .toList();
    }

    /** The memory the projection's warnings compare with; any may be null (unknown). */
    public record Server(String version, Long sharedBuffers, Long maintenanceWorkMem, Long ram) {}

    /**
     * One variant of the script: as written, or with one mechanical fix.
     *
     * @param rule the lint rule whose fix this is, or null as written
     * @param fixBefore SQL run before the script, or null; when {@code fixAfter} is null, the statement that ran in
     *     place of the finding's own (the batched DO block of an unbatched UPDATE)
     * @param fixAfter SQL run after it, or null
     * @param models each growth model's formula and leave-one-out error; empty when too few sizes to fit
     * @param chosen the chosen model's label, or null
     * @param exponent the power law's k, or null
     * @param projection at the production rows, or null when too few sizes
     * @param verdict GO, NO_GO or UNKNOWN
     * @param sentence the verdict for the report
     * @param plans the plans of its heaviest statements at each size, from one more run with auto_explain; empty
     *     when not asked for (or in results stored before plans were captured)
     */
    public record Variant(
            String label,
            String rule,
            String fixBefore,
            String fixAfter,
            List<Run> runs,
            List<Model> models,
            String chosen,
            Double exponent,
            Double exponentLow,
            Double exponentHigh,
            ProjectionFigures projection,
            String verdict,
            String sentence,
            List<SizePlans> plans) {
        public Variant {
            runs = List.copyOf(runs);
            models = List.copyOf(models);
            plans = plans == null ? List.of() : List.copyOf(plans);
        }

        /** The plans at the largest size that has any statement, or null. */
        public SizePlans largestPlans() {
            SizePlans best = null;
            for (SizePlans p : plans) {
                if (!p.statements().isEmpty() && (best == null || p.rows() > best.rows())) {
                    best = p;
                }
            }
            return best;
        }
    }

    /**
     * The heaviest statements of one explained run at one size. That run is not one of the timed runs: explaining
     * slows a script down, so it runs once more, after them, on its own fresh copy.
     *
     * @param rows rows of the measured table at this size
     * @param seconds how long the explained run took
     * @param thresholdMillis statements faster than this were not explained
     * @param statements heaviest first, at most {@value StatementPlans#KEEP}
     * @param note why there are no plans (auto_explain unavailable, the run failed), or null
     */
    public record SizePlans(
            double fraction,
            long rows,
            double seconds,
            int thresholdMillis,
            int plansReceived,
            List<HeavyStatement> statements,
            String note) {
        public SizePlans {
            statements = statements == null ? List.of() : List.copyOf(statements);
        }
    }

    /**
     * One statement text of a run (a batch statement run many times is one), with the plan of its slowest run.
     *
     * @param query the statement as the script or its plpgsql body wrote it
     * @param totalMillis the time of all its explained runs
     * @param summary its scans, rows removed and buffers in one line
     * @param plan the slowest run's plan as auto_explain wrote it (JSON, EXPLAIN ANALYZE without timing)
     */
    public record HeavyStatement(
            String query, int calls, double totalMillis, double maxMillis, String summary, String plan) {
        /** The statement on one line, cut to {@code max} characters with an ellipsis. */
        public String queryLine(int max) {
            String line = query.strip().replaceAll("\\s+", " ");
            return line.length() <= max ? line : line.substring(0, max - 1) + "\u2026";
        }
    }

    /** One fitted model: {@code looError} is null when infinite (a point was predicted at no time). */
    public record Model(String model, String formula, Double looError, String looText) {}

    /** The projection: seconds, and the text shown. */
    public record ProjectionFigures(
            long rows,
            String model,
            double pointSeconds,
            double lowSeconds,
            double highSeconds,
            double extrapolationFactor,
            String text,
            List<String> warnings) {
        public ProjectionFigures {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * One timed run on a fresh copy of the sample at one size, with that copy's pg_stat_database deltas.
     *
     * @param rows rows of the measured table in the sample
     * @param bytes that table's total size in the sample
     */
    public record Run(
            double fraction,
            int repeat,
            long rows,
            long bytes,
            double seconds,
            long blocksRead,
            long blocksHit,
            long tempFiles,
            long tempBytes) {}
}
