package io.storesync.internal.core.job;

import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.StoreId;
import io.storesync.spi.persistence.StockPushRepository;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one organization's pending inventory changes into one {@code STOCK_PUSH} per store, due once the store's push
 * window has passed since its last push's last call: at once for a store that has not pushed for a window, else at the
 * window's end (a push still running postpones it again after its last call, {@link StockPushHandler}). A waiting push
 * absorbs every later change (dedupe key), so a busy store's changes collect into one push per window. Runs as a job
 * in its organization, enqueued by the database's fan-out ({@link StockCoalescer}).
 */
final class StockCoalesceHandler implements JobHandler {
    private static final int CHANGES_PER_ORGANIZATION = 5000;
    static final int PUSH_PRIORITY = 50;

    @Override
    public void run(JobContext ctx) {
        Duration window = ctx.pool().options().stockPushDelay();
        // the waits count from the transaction's start, which is after this: woken from here, not from the commit (up
        // to a few hundred milliseconds later under load), the workers find the push due; another coalescing run or
        // the running push's end wakes them again should this one come too early
        long before = System.nanoTime();
        Set<Duration> wakes = ctx.tx(tx -> {
            Set<Duration> due = new TreeSet<>();
            StockPushRepository.MarkedChanges changes = tx.stockPushes().markStockChanges(CHANGES_PER_ORGANIZATION);
            // stores in one order, so two coalescing runs of one organization take the stores' push locks alike
            List<StoreId> stores = changes.stores().stream().sorted(Comparator.comparing(StoreId::value)).toList();
            for (StoreId store : stores) {
                Duration wait = window.isZero() ? Duration.ZERO : tx.stockPushes().untilNextPush(store, window);
                // a waiting push is left as it is: it was queued at least a window after the pushes that had ended, and
                // a push that runs meanwhile postpones it after its last call. Moving it to the wait counted from here
                // put it a window after the running push's completion or this run, not after its last call (70 ms
                // later at the median under load)
                boolean created = tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, store)
                        .withDelay(wait).withPriority(PUSH_PRIORITY)).created();
                if (created) due.add(Duration.ofMillis((wait.toNanos() + 999_999) / 1_000_000));
            }
            // last: a hot SKU's inventory transactions wait for its deleted change until this commits
            tx.stockPushes().clearStockChanges(changes.variantIds());
            return due;
        });
        if (wakes.isEmpty()) return;
        ctx.engine().jobsQueued();
        // each store's push when it is due (not only the latest: one store's push must not wait for another's window)
        Duration spent = Duration.ofNanos(System.nanoTime() - before);
        for (Duration wait : wakes) {
            Duration left = wait.plusMillis(5).minus(spent);
            if (!wait.isZero() && !left.isNegative() && !left.isZero()) ctx.pool().wakeAllAfter(left);
        }
    }
}
