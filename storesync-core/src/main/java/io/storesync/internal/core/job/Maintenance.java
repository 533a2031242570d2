package io.storesync.internal.core.job;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's periodic upkeep: takes back expired leases, and asks the database to enqueue one
 * {@code SCHEDULES_DUE} job in each organization whose store schedules are due ({@link SchedulesDueHandler} then
 * does the organization's work in its own tenant). The database answers with a count only: which organizations
 * have work is never handed out, and one organization's failure is its own job's failure.
 */
final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    /** The schedules' cadence that is not per store. */
    static final Duration RECONCILE_EVERY = Duration.ofDays(1);
    /** A refresh that did not happen (the job failed or was superseded) is tried again after this. */
    static final Duration REFRESH_RETRY = Duration.ofHours(1);
    private static final int REAP_LIMIT = 500;
    private static final int ORGANIZATIONS_PER_ROUND = 200;

    private final PoolState pool;
    private final Runnable wake;

    Maintenance(PoolState pool, Runnable wake) {
        this.pool = pool;
        this.wake = wake;
    }

    void run() {
        if (pool.closed) return;
        try {
            int reaped = pool.engine.persistence().queue().reap(REAP_LIMIT);
            if (reaped > 0) {
                LOG.info("took back {} expired job lease(s)", reaped);
                wake.run();
            }
        } catch (RuntimeException e) {
            pool.errors.warn("reaping expired leases failed", e);
        }
        try {
            if (pool.engine.persistence().queue().enqueueScheduleJobs(ORGANIZATIONS_PER_ROUND) > 0) pool.engine.jobsQueued();
        } catch (RuntimeException e) {
            pool.errors.warn("enqueueing due schedules failed", e);
        }
        try {
            // every organization, stores or not, gets its daily retention purge (issue 10 item 14)
            if (pool.engine.persistence().queue().enqueueRetentionJobs(ORGANIZATIONS_PER_ROUND) > 0) pool.engine.jobsQueued();
        } catch (RuntimeException e) {
            pool.errors.warn("enqueueing retention purges failed", e);
        }
    }
}
