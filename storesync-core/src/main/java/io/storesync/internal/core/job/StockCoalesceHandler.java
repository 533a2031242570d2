package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.StoreId;
import java.time.Duration;

/**
 * Turns one organization's pending inventory changes into one delayed {@code STOCK_PUSH} per store, so a burst of
 * changes on a SKU costs a few pushes, not one per change. Runs as a job in its organization, enqueued by the
 * database's fan-out ({@link StockCoalescer}).
 */
final class StockCoalesceHandler implements JobHandler {
    private static final int CHANGES_PER_ORGANIZATION = 5000;
    static final int PUSH_PRIORITY = 50;

    @Override
    public void run(JobContext ctx) {
        Duration delay = ctx.pool().options().stockPushDelay();
        boolean queued = ctx.tx(tx -> {
            boolean any = false;
            for (StoreId store : tx.stockPushes().coalesceStockChanges(CHANGES_PER_ORGANIZATION)) {
                any |= tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, store)
                        .withDelay(delay).withPriority(PUSH_PRIORITY)).created();
            }
            return any;
        });
        if (queued) {
            ctx.engine().jobsQueued();
            // a delayed job becomes due later: wake everyone then, instead of waiting for the poll interval
            if (!delay.isZero()) ctx.pool().wakeAllAfter(delay.plusMillis(5));
        }
    }
}
