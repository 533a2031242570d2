package io.storesync.api.job;

import java.time.Instant;
import java.util.Objects;

/**
 * One line a job wrote to {@code sync_logs} while it ran.
 *
 * @param level {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param details a JSON object with the line's figures, as text, or {@code null}
 */
public record JobLog(JobId jobId, String level, String message, @org.jspecify.annotations.Nullable String details,
        Instant createdAt) {
    public JobLog {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
