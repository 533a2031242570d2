package io.storesync.shopee;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Recovers pushes Shopee failed to deliver: Shopee never redelivers them, and keeps them three days in
 * {@code push/get_lost_push_message}. A host calls {@link #sweep} on a schedule (every few minutes); each message is
 * handed to the handler, then the page is confirmed with {@code confirm_consumed_lost_push_message}. A handler that
 * throws stops the sweep before the page is confirmed, so the page comes again next time.
 *
 * <p>Lost pushes carry no signature (they come from an authenticated call), so they cannot go through
 * {@code StoreSync.receiveWebhook}; for order pushes (code 3 and 4) a host asks StoreSync to re-read the named orders,
 * and the regular order poll (by {@code update_time}) catches them in any case.
 *
 * <p>Stability: deprecated. Thread-safe if the handler is.
 *
 * @deprecated StoreSync's workers now collect lost pushes themselves, every
 *     {@code WorkerOptions.missedWebhookSweepInterval} (five minutes by default), through
 *     {@link ShopeeConnector#missedWebhooks()}: each is stored like a delivered push (deduplicated against one that did
 *     arrive) and processed, and the page confirmed once stored. A host without workers calls
 *     {@code StoreSync.sweepMissedWebhooks()}. Running this as well is harmless but redundant: whichever sweep reads a
 *     page handles it.
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class ShopeePushSweep {
    /** Pages read per sweep at most, so one sweep stays short. */
    public static final int MAX_PAGES = 20;

    private ShopeePushSweep() {}

    /**
     * Reads, hands over and confirms lost pushes until none are left or {@link #MAX_PAGES} pages were read.
     *
     * @return how many messages were handed to {@code handler}
     */
    public static int sweep(ShopeeConnector connector, Consumer<ShopeeConnector.LostPush> handler) {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(handler, "handler");
        int handled = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            ShopeeConnector.LostPushes lost = connector.lostPushes();
            for (ShopeeConnector.LostPush message : lost.messages()) {
                handler.accept(message);
                handled++;
            }
            if (lost.lastMessageId() != null && !lost.messages().isEmpty()) connector.confirmLostPushes(lost.lastMessageId());
            if (!lost.more() || lost.messages().isEmpty()) break;
        }
        return handled;
    }
}
