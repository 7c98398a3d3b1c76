package io.miglab.core.validate;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import java.util.List;

/**
 * Validation as one feature for every caller: parity of the rows between two targets, table by table, down to the
 * keys that differ, plus integrity checks of the destination, recorded as an experiment of kind {@code validate}.
 */
public interface Validations {
    String KIND = "validate";

    /** Compares and checks; the report says pass or fail per check. Only reads, so locked guarded targets work. */
    Validation validate(ValidationRequest request, ProgressListener progress, Cancellation cancellation);

    /**
     * The rows of some keys (as {@link RowDifference#key()} names them) on both sides, every column as text, so a
     * reader sees what changed. Only reads; at most {@link SideBySide#MAX_KEYS} keys.
     */
    SideBySide sideBySide(
            String source,
            String sourceDatabase,
            String target,
            String targetDatabase,
            String table,
            List<List<String>> keys);

    /** A report and the experiment holding it. */
    record Validation(long experimentId, ValidationReport report) {}
}
