package io.storesync.internal.core.job;

import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.persistence.LogDetails;
import java.time.Instant;

/**
 * Reads orders changed since the watermark, window by window, and hands them to order ingestion. The
 * watermark moves only after a whole window was ingested, so a restart re-reads at most the window it was in
 * (ingestion is idempotent) and never skips one.
 */
final class OrderPollHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        StoreSession s = ctx.session();
        StoreId store = s.store().id();
        Instant watermark = ctx.tx(tx -> tx.schedules().ordersWatermark(store))
                .orElseThrow(() -> new IllegalStateException("store " + store + " has no sync state"));
        // the database keeps microseconds: a watermark compared for equality must not carry nanoseconds
        Instant end = ctx.engine().clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        java.time.Duration window = s.connector().limits().maxOrderWindow();
        int read = 0;
        Instant from = watermark;
        while (from.isBefore(end)) {
            Instant to = from.plus(window).isBefore(end) ? from.plus(window) : end;
            String cursor = null;
            do {
                String current = cursor;
                Instant f = from;
                OrderPage page = ctx.call(c -> c.ordersChanged(s.access(), f, to, current));
                ctx.tx(tx -> {
                    ctx.engine().orderIngestion().ingestPage(tx, store, page.orders(), ctx.job().id());
                    return null;
                });
                read += page.orders().size();
                ctx.progress(read, read, 0);
                cursor = page.nextCursor();
            } while (cursor != null);
            Instant f = from;
            boolean moved = ctx.tx(tx -> tx.schedules().advanceOrdersWatermark(store, f, to));
            if (!moved) {
                ctx.log("warn", "the order watermark moved during this poll; stopping", null);
                return;
            }
            from = to;
        }
        int r = read;
        Instant start = watermark;
        ctx.tx(tx -> {
            tx.jobs().log(ctx.job().id(), "info", "read " + r + " changed order(s)",
                    LogDetails.of("orders", r, "from", start, "to", end));
            tx.stores().touchLastSync(store);
            return null;
        });
    }
}
