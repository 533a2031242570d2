package io.storesync.internal.core.job;

/**
 * Asks the database, every {@code stockCoalesceInterval}, to enqueue one {@code STOCK_COALESCE} job in each
 * organization with pending inventory changes; {@link StockCoalesceHandler} turns them into delayed stock pushes in
 * that organization. The job is woken at once here (and in every JVM through NOTIFY), so a stock change reaches its
 * push within about one interval plus one claim, as before the work moved into jobs.
 */
final class StockCoalescer {
    private static final int ORGANIZATIONS_PER_ROUND = 200;

    private final PoolState pool;

    StockCoalescer(PoolState pool) {
        this.pool = pool;
    }

    void run() {
        if (pool.closed) return;
        try {
            if (pool.engine.persistence().queue().enqueueStockCoalesceJobs(ORGANIZATIONS_PER_ROUND) > 0) pool.engine.jobsQueued();
        } catch (RuntimeException e) {
            pool.errors.warn("enqueueing stock coalescing failed", e);
        }
    }
}
