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
     * <p>The queue is shared by every organization, so a host's jobs are bounded: the types are
     * {@link JobType#CATALOGUE_IMPORT}, {@link JobType#ORDER_POLL}, {@link JobType#STOCK_PUSH},
     * {@link JobType#STOCK_DRIFT_CHECK}, {@link JobType#PRICE_PUSH}, {@link JobType#NO_OP}, and for admins and owners
     * {@link JobType#CREDENTIAL_REFRESH}; webhook processing and retention purges are StoreSync's own. The priority
     * is {@link NewJob#DEFAULT_PRIORITY} to 1000 (the more urgent numbers are StoreSync's), attempts 1 to 10.
     *
     * @throws NotFoundException when the store does not exist in this organization
     * @throws io.storesync.api.ValidationException when the type, priority or attempts are outside those bounds
     * @throws io.storesync.api.AccessDeniedException when a member below admin asks for a credential refresh
     */
    Job enqueue(NewJob job);

    /** Enqueues several jobs in one transaction, all or none; same rules and bounds as {@link #enqueue}. */
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
