package io.miglab.core.metrics;

import io.miglab.core.MigLabException;

/** A source could not answer; {@link #problem()} says why, the message says what to do, and a retry may work. */
public final class MetricsUnavailableException extends MigLabException {
    public enum Problem {
        /** The metrics.k8s.io API is not served: no metrics-server. */
        NO_METRICS_SERVER,
        /** RBAC refused the request. */
        FORBIDDEN,
        /** The API server did not answer. */
        UNREACHABLE,
        /** The credentials were refused. */
        UNAUTHORIZED,
        /** The kubeconfig or the context is missing or wrong. */
        CONFIGURATION,
        OTHER
    }

    private final Problem problem;

    public MetricsUnavailableException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
