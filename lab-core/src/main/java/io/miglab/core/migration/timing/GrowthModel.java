package io.miglab.core.migration.timing;

/** The shapes of time against size that the fit tries, simplest first (the order breaks ties). */
public enum GrowthModel {
    /** t = a + b n: constant work per row. */
    LINEAR("linear"),
    /** t = a + b n ln n: a sort or a tree descent per row. */
    N_LOG_N("n log n"),
    /** ln t = ln c + k ln n, that is t = c n^k: a least-squares line on log-log axes. */
    POWER_LAW("power law");

    private final String label;

    GrowthModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The regressor the model is linear in: n, n ln n, or ln n. */
    double x(double rows) {
        return switch (this) {
            case LINEAR -> rows;
            case N_LOG_N -> rows * Math.log(rows);
            case POWER_LAW -> Math.log(rows);
        };
    }

    /** The response the model is linear in: seconds, or ln seconds for the power law. */
    double y(double seconds) {
        return this == POWER_LAW ? Math.log(seconds) : seconds;
    }

    /** Back from the response scale to seconds. */
    double seconds(double y) {
        return this == POWER_LAW ? Math.exp(y) : y;
    }
}
