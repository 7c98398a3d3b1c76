package io.miglab.core.ledger;

/** A named number an experiment produced, such as {@code latency.p95} in {@code ms}. */
public record Measurement(String name, double value, String unit) {
    public Measurement {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A measurement needs a name");
        }
        unit = unit == null ? "" : unit;
    }
}
