package io.miglab.core.validate;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;

/**
 * Validation as one feature for every caller: parity of the rows between two targets, table by table, down to the
 * keys that differ, plus integrity checks of the destination, recorded as an experiment of kind {@code validate}.
 */
public interface Validations {
    String KIND = "validate";

    /** Compares and checks; the report says pass or fail per check. Only reads, so locked guarded targets work. */
    Validation validate(ValidationRequest request, ProgressListener progress, Cancellation cancellation);

    /** A report and the experiment holding it. */
    record Validation(long experimentId, ValidationReport report) {}
}
