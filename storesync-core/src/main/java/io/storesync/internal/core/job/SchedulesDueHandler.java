package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.StoreId;
import io.storesync.spi.persistence.DueSchedule;
import io.storesync.spi.persistence.TenantTransaction;

/**
 * Turns one organization's due store schedules into jobs (order polls, the daily catalogue reconcile with its drift
 * check and retention purge, credential refreshes) and moves the schedules on. Runs as a job in its organization,
 * enqueued by the database's fan-out, so no tenant id ever leaves the database and one organization whose schedules
 * fail retries alone instead of stopping the others.
 */
final class SchedulesDueHandler implements JobHandler {
    private static final int SCHEDULES_PER_ORGANIZATION = 100;

    @Override
    public void run(JobContext ctx) {
        // more than a round's worth stays due; the next maintenance tick enqueues another job for the rest
        if (ctx.tx(SchedulesDueHandler::enqueueDueSchedules)) ctx.engine().jobsQueued();
    }

    private static boolean enqueueDueSchedules(TenantTransaction tx) {
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
                    due.catalogueReconcileDue() ? Maintenance.RECONCILE_EVERY : null,
                    due.credentialRefreshDue() ? Maintenance.REFRESH_RETRY : null);
        }
        return queued;
    }

    private static boolean enqueue(TenantTransaction tx, NewJob job) {
        return tx.jobs().enqueue(job).created();
    }
}
