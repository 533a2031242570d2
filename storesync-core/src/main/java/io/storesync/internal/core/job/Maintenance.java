package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import io.storesync.spi.persistence.DueSchedule;
import io.storesync.spi.persistence.TenantTransaction;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's periodic upkeep: takes back expired leases, and turns due store schedules into jobs (order polls,
 * the daily catalogue reconcile with its drift check and retention purge, credential refreshes).
 */
final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    /** The schedules' cadence that is not per store. */
    static final Duration RECONCILE_EVERY = Duration.ofDays(1);
    /** A refresh that did not happen (the job failed or was superseded) is tried again after this. */
    static final Duration REFRESH_RETRY = Duration.ofHours(1);
    private static final int REAP_LIMIT = 500;
    private static final int ORGANIZATIONS_PER_ROUND = 200;
    private static final int SCHEDULES_PER_ORGANIZATION = 100;

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
            boolean queued = false;
            for (OrganizationId org : pool.engine.persistence().queue().organizationsWithDueSchedules(ORGANIZATIONS_PER_ROUND)) {
                queued |= pool.engine.persistence().inTenant(org, this::enqueueDueSchedules);
            }
            if (queued) pool.engine.jobsQueued();
        } catch (RuntimeException e) {
            pool.errors.warn("queue maintenance failed", e);
        }
    }

    private boolean enqueueDueSchedules(TenantTransaction tx) {
        boolean queued = false;
        for (DueSchedule due : tx.schedules().dueSchedules(SCHEDULES_PER_ORGANIZATION)) {
            StoreId store = due.storeId();
            if (due.orderPollDue()) queued |= enqueue(tx, NewJob.deduplicated(JobType.ORDER_POLL, store));
            if (due.catalogueReconcileDue()) {
                queued |= enqueue(tx, NewJob.deduplicated(JobType.CATALOGUE_IMPORT, store));
                queued |= enqueue(tx, NewJob.deduplicated(JobType.STOCK_DRIFT_CHECK, store));
                // one purge per organization, whichever store's reconcile comes due first
                queued |= enqueue(tx, NewJob.of(JobType.RETENTION_PURGE, null).withDedupeKey("retention.purge").withPriority(500));
            }
            if (due.credentialRefreshDue()) {
                queued |= enqueue(tx, NewJob.deduplicated(JobType.CREDENTIAL_REFRESH, store).withPriority(10));
            }
            tx.schedules().reschedule(store, due.orderPollDue() ? due.orderPollInterval() : null,
                    due.catalogueReconcileDue() ? RECONCILE_EVERY : null, due.credentialRefreshDue() ? REFRESH_RETRY : null);
        }
        return queued;
    }

    private static boolean enqueue(TenantTransaction tx, NewJob job) {
        return tx.jobs().enqueue(job).created();
    }
}
