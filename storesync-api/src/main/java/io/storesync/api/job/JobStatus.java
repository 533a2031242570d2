package io.storesync.api.job;

/** Where a job is in its life. */
public enum JobStatus {
    /** Waiting for its first run. */
    PENDING,
    /** Held by a worker under a lease. */
    RUNNING,
    /** Failed or was throttled; waiting for its next attempt. */
    RETRYING,
    /** Done. */
    COMPLETED,
    /** Gave up: out of attempts or failed in a way retrying cannot fix. Retryable by hand. */
    FAILED,
    /** Cancelled by a person, or superseded by a waiting job with the same dedupe key. */
    CANCELLED;

    /** Whether the job will not run again unless retried by hand. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
