package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.StoreId;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns one organization's pending inventory changes into one {@code STOCK_PUSH} per store, due once the store's push
 * window has passed since its last push ended: at once for a store that has not pushed for a window, else at the
 * window's end (a push still running postpones it again when it ends, {@link StockPushHandler}). A waiting push
 * absorbs every later change (dedupe key), so a busy store's changes collect into one push per window. Runs as a job
 * in its organization, enqueued by the database's fan-out ({@link StockCoalescer}).
 */
final class StockCoalesceHandler implements JobHandler {
    private static final int CHANGES_PER_ORGANIZATION = 5000;
    static final int PUSH_PRIORITY = 50;

    @Override
    public void run(JobContext ctx) {
        Duration window = ctx.pool().options().stockPushDelay();
        Optional<Duration> latest = ctx.tx(tx -> {
            Optional<Duration> due = Optional.empty();
            // stores in one order, so two coalescing runs of one organization take the stores' push locks alike
            List<StoreId> stores = tx.stockPushes().coalesceStockChanges(CHANGES_PER_ORGANIZATION).stream()
                    .sorted(Comparator.comparing(StoreId::value)).toList();
            for (StoreId store : stores) {
                Duration wait = window.isZero() ? Duration.ZERO : tx.stockPushes().untilNextPush(store, window);
                boolean created = tx.jobs().enqueueNotBefore(NewJob.deduplicated(JobType.STOCK_PUSH, store)
                        .withDelay(wait).withPriority(PUSH_PRIORITY)).created();
                if (created && due.map(d -> wait.compareTo(d) > 0).orElse(true)) due = Optional.of(wait);
            }
            return due;
        });
        latest.ifPresent(wait -> {
            ctx.engine().jobsQueued();
            // a push due later: wake everyone then, instead of waiting for the poll interval
            if (!wait.isZero()) ctx.pool().wakeAllAfter(wait.plusMillis(5));
        });
    }
}
