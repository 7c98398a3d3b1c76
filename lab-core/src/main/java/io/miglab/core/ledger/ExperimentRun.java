package io.miglab.core.ledger;

import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import java.nio.file.Path;
import java.util.List;

/**
 * The handle on an experiment while it runs. Record measurements and artifacts as they come, then end it with
 * {@link #succeed()}, {@link #fail(Throwable)} or {@link #cancelled()}. Use it in try-with-resources: closing one
 * that has no outcome yet records it as failed, so nothing half-written ever looks complete.
 */
public final class ExperimentRun implements AutoCloseable {
    private final Ledger ledger;
    private final long id;
    private volatile boolean finished;

    ExperimentRun(Ledger ledger, long id) {
        this.ledger = ledger;
        this.id = id;
    }

    public long id() {
        return id;
    }

    public ExperimentRun measure(String name, double value, String unit) {
        ledger.putMeasurement(id, new Measurement(name, value, unit));
        return this;
    }

    public long attach(String name, String mediaType, byte[] content) {
        return ledger.attach(id, name, mediaType, content);
    }

    /**
     * Stores {@code value} as a JSON artifact, with the shared mapper; a value that cannot be written fails with a
     * one-line message naming the artifact.
     */
    public long attachJson(String name, Object value) {
        try {
            return attach(
                    name,
                    "application/json",
                    io.miglab.core.Json.mapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsBytes(value));
        } catch (java.io.IOException e) {
            throw new MigLabException("The artifact " + name + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    public long attachFile(String name, String mediaType, Path path) {
        return ledger.attachFile(id, name, mediaType, path);
    }

    public void samples(String series, List<double[]> points) {
        ledger.addSamples(id, series, points);
    }

    public ExperimentRun tag(String tag) {
        ledger.addTag(id, tag);
        return this;
    }

    public void succeed() {
        end(ExperimentStatus.SUCCEEDED, null);
    }

    public void cancelled() {
        end(ExperimentStatus.CANCELLED, "Cancelled by the user.");
    }

    /** Records the failure; a {@link CancelledException} is recorded as cancelled instead. */
    public void fail(Throwable error) {
        if (error instanceof CancelledException) {
            cancelled();
            return;
        }
        String message = error instanceof MigLabException m ? m.getMessage() : String.valueOf(error.getMessage());
        end(ExperimentStatus.FAILED, message);
    }

    /**
     * Records a failure that is a finding, not an exception: the work ran to the end and what it measured is
     * stored, but it does not stand as a result (a baseline whose statement never succeeded).
     */
    public void fail(String reason) {
        end(ExperimentStatus.FAILED, reason);
    }

    public boolean isFinished() {
        return finished;
    }

    private void end(ExperimentStatus status, String error) {
        if (!finished) {
            ledger.finish(id, status, error);
            finished = true;
        }
    }

    @Override
    public void close() {
        if (!finished) {
            end(ExperimentStatus.FAILED, "Ended without a result.");
        }
    }
}
