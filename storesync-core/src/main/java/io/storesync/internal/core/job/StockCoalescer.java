package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns pending inventory changes into one delayed {@code STOCK_PUSH} per store, so a burst of changes on a SKU
 * costs a few pushes, not one per change.
 */
final class StockCoalescer {
    private static final int ORGANIZATIONS_PER_ROUND = 200;
    private static final int CHANGES_PER_ORGANIZATION = 5000;
    static final int PUSH_PRIORITY = 50;

    private final PoolState pool;
    private final ScheduledExecutorService timer;

    StockCoalescer(PoolState pool, ScheduledExecutorService timer) {
        this.pool = pool;
        this.timer = timer;
    }

    void run() {
        if (pool.closed) return;
        try {
            boolean queued = false;
            for (OrganizationId org : pool.engine.persistence().queue().organizationsWithStockChanges(ORGANIZATIONS_PER_ROUND)) {
                queued |= pool.engine.persistence().inTenant(org, tx -> {
                    boolean any = false;
                    for (StoreId store : tx.stockPushes().coalesceStockChanges(CHANGES_PER_ORGANIZATION)) {
                        any |= tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, store)
                                .withDelay(pool.options.stockPushDelay()).withPriority(PUSH_PRIORITY)).created();
                    }
                    return any;
                });
            }
            if (queued) {
                pool.engine.jobsQueued();
                if (!pool.options.stockPushDelay().isZero()) {
                    // a delayed job becomes due later: wake everyone then, instead of waiting for the poll interval
                    timer.schedule(pool.engine::jobsQueued, pool.options.stockPushDelay().toMillis() + 5, TimeUnit.MILLISECONDS);
                }
            }
        } catch (RuntimeException e) {
            pool.errors.warn("coalescing stock changes failed", e);
        }
    }
}
