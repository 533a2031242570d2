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
 */
public record JobTransition(JobStatus status, @Nullable String outcome, int attempt, boolean countsRetry, String message,
        Duration delay) {
    public JobTransition {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(delay, "delay");
        if (status == JobStatus.RUNNING || status == JobStatus.COMPLETED) {
            throw new IllegalArgumentException("a failed run cannot leave the job " + status);
        }
    }

    /** Whether the job will not run again unless retried by hand. */
    public boolean terminal() {
        return status.terminal();
    }
}
