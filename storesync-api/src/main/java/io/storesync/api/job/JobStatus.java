package io.storesync.api.job;

import io.storesync.api.ValidationException;
import java.util.Locale;

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

    /** The stored value. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored value; unknown text is a {@link ValidationException}. */
    public static JobStatus fromDbValue(String value) {
        for (JobStatus s : values()) {
            if (s.dbValue().equals(value)) return s;
        }
        throw new ValidationException("unknown job status '" + value + "'");
    }

    /** Whether the job will not run again unless retried by hand. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
