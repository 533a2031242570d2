package io.storesync.spi.persistence;

import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import io.storesync.api.job.Job;
import io.storesync.api.job.JobId;
import io.storesync.api.job.JobLog;
import io.storesync.api.job.NewJob;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The tenant's side of the job queue. Every method that takes a worker id acts only while that worker holds the
 * job's lease, and says whether it did, so a worker that lost its lease can never overwrite another's work.
 */
public interface JobRepository {

    /** Inserts a job unless a waiting job with its dedupe key exists, in which case that one is returned. */
    EnqueueResult enqueue(NewJob job);

    /**
     * Like {@link #enqueue}, but a waiting job with the dedupe key is postponed to this job's run time when that is
     * later, never brought forward: the way to say "not before then", used to keep a minimum interval between runs.
     */
    EnqueueResult enqueueNotBefore(NewJob job);

    Optional<Job> find(JobId id);

    Page<Job> list(PageRequest page);

    List<JobLog> logs(JobId id);

    /** Cancels a job that has not finished; empty when it does not exist. */
    Optional<Job> cancel(JobId id);

    /** Makes a failed or cancelled job pending again with a fresh set of attempts; empty when it does not exist. */
    Optional<Job> retry(JobId id);

    /** Completes a job the worker holds. */
    boolean complete(JobId id, String worker);

    /**
     * Locks a job the worker holds whose run failed and reads what deciding its next state needs.
     *
     * @return empty when the worker no longer holds it
     */
    Optional<HeldJob> holdFailed(JobId id, String worker);

    /**
     * Stores the state the engine decided for a failed job held by {@link #holdFailed}, releasing its lease.
     *
     * @throws io.storesync.api.ConflictException when a waiting job with the same dedupe key appeared meanwhile
     */
    void recordFailure(JobId id, JobTransition transition);

    /**
     * Whether the worker still holds the job (running under its lease), locking the job's row until the transaction
     * ends so that the lease can be neither released nor reaped before this transaction's work commits. The default
     * cannot tell and answers true, as before this method existed.
     */
    default boolean stillHeld(JobId id, String worker) {
        return true;
    }

    /** Writes progress counters of a job the worker holds; false when it no longer holds it. */
    boolean progress(JobId id, String worker, int total, int processed, int failed);

    /** Appends a {@code sync_logs} line. */
    void log(JobId id, String level, String message, @Nullable LogDetails details);

    /** Deletes finished jobs (and, by cascade, their logs) that finished longer ago than {@code age}. */
    int purgeFinished(Duration age);

    /** Waiting jobs of a store (used when a store is flagged, to cancel them). */
    int cancelWaiting(io.storesync.api.store.StoreId store, String reason);

    /**
     * Where a paging job has got to, as last saved by {@link #saveCheckpoint}: an opaque cursor. Empty when none was
     * saved, and by default (a persistence without checkpoints makes such jobs restart from their first page).
     */
    default Optional<String> checkpoint(JobId id) {
        return Optional.empty();
    }

    /**
     * Saves where a job the worker holds has got to, in the caller's transaction (so with the page it follows);
     * {@code checkpoint} null clears it. False when the worker no longer holds the job. The default saves nothing
     * and returns true.
     *
     * @throws io.storesync.api.ValidationException when the checkpoint is longer than the store keeps (8 KiB)
     */
    default boolean saveCheckpoint(JobId id, String worker, @Nullable String checkpoint) {
        return true;
    }
}
