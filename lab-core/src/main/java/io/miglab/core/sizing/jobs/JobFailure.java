package io.miglab.core.sizing.jobs;

/** Why a run of a Job did not succeed, in the words Kubernetes uses where it has them. */
public enum JobFailure {
    /** A container of the Job's pod was killed for going over its memory limit (container status reason). */
    OOM_KILLED("OOMKilled"),
    /** The Job ran past spec.activeDeadlineSeconds (Job condition Failed, reason DeadlineExceeded). */
    DEADLINE_EXCEEDED("DeadlineExceeded"),
    /** The pod failed more often than spec.backoffLimit allows (Job condition Failed, reason BackoffLimitExceeded). */
    BACKOFF_LIMIT_EXCEEDED("BackoffLimitExceeded"),
    /** The Job did not finish within MigLab's timeout per run; MigLab deleted it. */
    TIMEOUT("Timeout"),
    /** The Job failed for another reason Kubernetes gave (the message says which). */
    OTHER("Failed");

    private final String reason;

    JobFailure(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
