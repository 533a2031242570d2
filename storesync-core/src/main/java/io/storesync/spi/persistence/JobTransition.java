package io.storesync.spi.persistence;

import io.storesync.api.job.JobStatus;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state a failed job moves to, decided by the engine; the repository stores it as it is.
 *
 * @param status {@link JobStatus#PENDING} or {@link JobStatus#RETRYING} to run again after {@code delay};
 *     {@link JobStatus#FAILED} or {@link JobStatus#CANCELLED} to finish
 * @param outcome why it finished ({@code rejected}, {@code exhausted}, {@code superseded} ...), null while it waits
 * @param attempt the attempt counter to store
 * @param countsRetry whether {@code retry_count} grows by one
 * @param message the error message to store
 * @param delay how long a waiting job waits before its next run; ignored for a finished one
 * @param countsReschedule whether the job's reschedule counter grows by one (a throttled run handed its attempt back)
 */
public record JobTransition(JobStatus status, @Nullable String outcome, int attempt, boolean countsRetry, String message,
        Duration delay, boolean countsReschedule) {
    public JobTransition {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(delay, "delay");
        if (status == JobStatus.RUNNING || status == JobStatus.COMPLETED) {
            throw new IllegalArgumentException("a failed run cannot leave the job " + status);
        }
    }

    /** A transition that does not count a reschedule. */
    public JobTransition(JobStatus status, @Nullable String outcome, int attempt, boolean countsRetry, String message,
            Duration delay) {
        this(status, outcome, attempt, countsRetry, message, delay, false);
    }

    /** Whether the job will not run again unless retried by hand. */
    public boolean terminal() {
        return status.terminal();
    }
}
