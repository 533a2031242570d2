package io.storesync.api.job;

import io.storesync.api.ConflictException;
import io.storesync.api.NotFoundException;
import io.storesync.api.Page;
import io.storesync.api.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * The organization's sync jobs: enqueue, watch, cancel, retry by hand. Viewers read; members and above change.
 * Enqueued jobs are run by whichever {@link Workers} are started on the same database.
 */
public interface Jobs {

    /**
     * Enqueues a job. With a dedupe key that a waiting job of this organization already has, returns that job and
     * enqueues nothing.
     *
     * @throws NotFoundException when the store does not exist in this organization
     */
    Job enqueue(NewJob job);

    /** Enqueues several jobs in one transaction; same rules as {@link #enqueue}. */
    List<Job> enqueueAll(List<NewJob> jobs);

    /** One job, if it belongs to this organization. */
    Optional<Job> find(JobId id);

    /** Jobs, newest first. */
    Page<Job> list(PageRequest page);

    /** The job's log lines, oldest first. */
    List<JobLog> logs(JobId id);

    /**
     * Cancels a job that has not finished. A running job loses its lease: its worker stops at the next checkpoint
     * and its result is discarded.
     *
     * @throws ConflictException when the job has already finished
     */
    Job cancel(JobId id);

    /**
     * Runs a failed or cancelled job again, with a fresh set of attempts.
     *
     * @throws ConflictException when the job has not finished in failure or cancellation, or when a waiting job with
     *     the same dedupe key exists
     */
    Job retry(JobId id);
}
