package io.storesync.spi.persistence;

/**
 * What the failure policy needs to know about a job a worker holds whose run failed, read under a row lock.
 *
 * @param attempt the attempt that failed (1 for the first run)
 * @param maxAttempts how many attempts the job may have
 * @param superseded whether another waiting (pending or retrying) job has the same dedupe key, so this one must
 *     not wait beside it
 * @param reschedules how many throttled runs have handed their attempt back so far
 */
public record HeldJob(int attempt, int maxAttempts, boolean superseded, int reschedules) {
    /** A held job that has not been rescheduled. */
    public HeldJob(int attempt, int maxAttempts, boolean superseded) {
        this(attempt, maxAttempts, superseded, 0);
    }
}
