package io.storesync.internal.core.job;

import io.storesync.api.order.IngestResult;
import io.storesync.api.store.StoreId;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.internal.api.Check;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.UnreadableOrder;
import io.storesync.spi.persistence.LogDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads orders changed since the watermark, window by window, and hands them to order ingestion. The
 * watermark moves only after a whole window was ingested, so a restart re-reads at most the window it was in
 * (ingestion is idempotent) and never skips one. Within a window the next page is read while the last one is
 * ingested ({@link PageFetch}): pages are still ingested in order, one at a time.
 *
 * <p>Each poll starts its reading the connector's {@link io.storesync.spi.connector.Connector#orderIndexLag() index
 * lag} before the watermark: an order the platform indexed after the previous poll had read past its update time is
 * read by this one. The watermark itself only ever moves forward, to where this poll read up to.
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
        Duration window = s.connector().limits().maxOrderWindow();
        int read = 0;
        int rejected = 0;
        // reading starts before the watermark by the lag; the compare-and-set below still expects the watermark
        Instant expected = watermark;
        // the lag is declared in two places (orderIndexLag and stockSemantics().orderIndexLag()): the wider one wins
        Duration declaredLag = s.connector().orderIndexLag();
        Duration semanticsLag = s.connector().stockSemantics().orderIndexLag();
        Instant readFrom = watermark.minus(lag(semanticsLag.compareTo(declaredLag) > 0 ? semanticsLag : declaredLag));
        Instant from = readFrom;
        while (from.isBefore(end)) {
            Instant to = from.plus(window).isBefore(end) ? from.plus(window) : end;
            Instant windowFrom = from;
            Instant windowTo = to;
            OrderPage page = ctx.call((c, access) -> c.ordersChanged(access, windowFrom, windowTo, null));
            PageFetch<OrderPage> next = null;
            try {
                while (true) {
                    // the next page is read while this one is ingested (each read still within the store's rate
                    // limit); a failed read is thrown where the worker would have made it, after this page is stored
                    String cursor = page.nextCursor();
                    next = cursor == null ? null : PageFetch.start("storesync-order-page-" + ctx.job().id(),
                            () -> ctx.call((c, access) -> c.ordersChanged(access, windowFrom, windowTo, cursor)));
                    OrderPage current = page;
                    List<IngestResult> results = ctx.tx(tx -> {
                        for (UnreadableOrder u : current.unreadable()) {
                            tx.jobs().log(ctx.job().id(), "warn", "order " + Check.quote(storable(u.platformOrderId()))
                                    + " could not be read and needs attention: " + bounded(u.reason()),
                                    LogDetails.of("platformOrderId", Check.quote(storable(u.platformOrderId())), "reason", bounded(u.reason())));
                        }
                        return ctx.engine().orderIngestion().ingestPage(tx, store, current.orders(), ctx.job().id());
                    });
                    ctx.engine().listener().ordersIngested(s.store().platform(), results);
                    read += page.orders().size() + page.unreadable().size();
                    // a rejected or unreadable order does not stop the poll: it is counted here and logged with its reason
                    rejected += page.unreadable().size();
                    rejected += (int) results.stream().filter(x -> x.outcome() == IngestResult.Outcome.REJECTED).count();
                    ctx.progress(read, read, rejected);
                    if (next == null) break;
                    page = next.await();
                    next = null;
                }
            } finally {
                if (next != null) next.cancel();
            }
            // a window wholly behind the watermark (a lag wider than one window) re-read what was read: nothing to move
            if (to.isAfter(expected)) {
                Instant f = expected;
                boolean moved = ctx.tx(tx -> tx.schedules().advanceOrdersWatermark(store, f, to));
                if (!moved) {
                    ctx.log("warn", "the order watermark moved during this poll; stopping", null);
                    return;
                }
                expected = to;
            }
            from = to;
        }
        int r = read;
        int x = rejected;
        ctx.tx(tx -> {
            tx.jobs().log(ctx.job().id(), x > 0 ? "warn" : "info", "read " + r + " changed order(s)"
                            + (x > 0 ? ", " + x + " rejected" : ""),
                    LogDetails.of("orders", r, "rejected", x, "from", readFrom, "to", end));
            tx.stores().touchLastSync(store);
            return null;
        });
    }

    /** A connector's reason as logged: at most 500 characters, whatever the connector wrote. */
    private static String bounded(String reason) {
        String r = storable(reason);
        return r.length() <= 500 ? r : r.substring(0, 500) + "... (" + r.length() + " characters)";
    }

    /** {@code text} with U+0000, which a log row cannot hold, written out as {@code \u0000}. */
    private static String storable(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "\\u0000");
    }

    /** The longest index lag honoured: a connector declaring more would make every poll re-read days. */
    static final Duration MAX_LAG = Duration.ofDays(1);

    /** The connector's lag within 0..{@link #MAX_LAG}; a negative one means none. */
    static Duration lag(Duration declared) {
        if (declared.isNegative()) return Duration.ZERO;
        return declared.compareTo(MAX_LAG) > 0 ? MAX_LAG : declared;
    }
}
