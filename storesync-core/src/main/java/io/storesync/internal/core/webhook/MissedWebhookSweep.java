package io.storesync.internal.core.webhook;

import io.storesync.api.ValidationException;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.internal.core.Engine;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.MissedWebhook;
import io.storesync.spi.connector.MissedWebhooks;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the webhooks platforms failed to deliver and keep for collection ({@link Connector#missedWebhooks()}:
 * Shopee's lost pushes, which it never redelivers), stores each like a delivered one and then confirms the page.
 *
 * <p>The order of work is what keeps a missed webhook from being lost: a page is confirmed only after every entry of it
 * is stored (or reported as unusable), so a failure part-way (the database, the engine stopping) leaves the page
 * unconfirmed and the platform hands it out again; the entries already stored then come back as duplicates of
 * themselves and are not queued twice. For the same reason two sweeps at once, in one JVM or several, are harmless:
 * both may store a page (the second finds duplicates) and confirming a page twice, or after a later one, confirms
 * nothing new. A confirmation covers only entries its sweep was handed, all of which it stored.
 *
 * <p>One bad entry does not stop the rest: an entry the connector could not re-render, one for a shop no active store
 * has, and one the storage refuses as invalid are reported to the listener ({@code appWebhookRejected}) and confirmed
 * with their page, since they would fail the same way every time.
 */
public final class MissedWebhookSweep {
    private static final Logger LOG = LoggerFactory.getLogger(MissedWebhookSweep.class);
    /** Pages read per platform per sweep at most, so one sweep stays short; the rest waits for the next one. */
    static final int MAX_PAGES = 20;

    private final Engine engine;
    private final WebhookInbox inbox;
    /** A scheduled sweep is skipped while another of this engine runs (several worker sets share an engine). */
    private final AtomicBoolean scheduledRunning = new AtomicBoolean();

    public MissedWebhookSweep(Engine engine, WebhookInbox inbox) {
        this.engine = engine;
        this.inbox = inbox;
    }

    /**
     * Sweeps every platform once, for a host that schedules it itself.
     *
     * @return how many deliveries were stored (duplicates of stored ones not counted)
     * @throws RuntimeException the first platform's failure (a connector's or the database's), once every other
     *     platform has been swept; what was stored stays stored, and the failed page is handed out again next time
     */
    public int sweep() {
        int stored = 0;
        @Nullable RuntimeException failure = null;
        for (String platform : engine.connectors().platforms()) {
            try {
                stored += sweep(engine.connectors().require(platform));
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
        return stored;
    }

    /** The workers' periodic sweep: failures are logged and the next interval tries again. */
    public void sweepScheduled() {
        if (!scheduledRunning.compareAndSet(false, true)) return;
        try {
            for (String platform : engine.connectors().platforms()) {
                try {
                    sweep(engine.connectors().require(platform));
                } catch (ConnectorException e) {
                    // rate limited, the platform down: its message names no secret (the connector's contract)
                    LOG.warn("collecting missed {} webhooks failed, tried again at the next sweep: {}", platform,
                            e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("collecting missed {} webhooks failed, tried again at the next sweep", platform, e);
                }
            }
        } finally {
            scheduledRunning.set(false);
        }
    }

    /** Reads, stores and confirms one platform's pages until none is left or {@link #MAX_PAGES} were read. */
    int sweep(Connector connector) {
        String platform = connector.platform();
        int stored = 0;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            MissedWebhooks page = connector.missedWebhooks();
            if (page.isEmpty()) break;
            for (String reason : page.unreadable()) {
                engine.listener().appWebhookRejected(platform, "missed webhook unreadable: " + reason);
            }
            for (MissedWebhook missed : page.webhooks()) {
                try {
                    for (WebhookReceipt receipt : inbox.receiveMissed(connector, missed)) {
                        if (!receipt.duplicate()) stored++;
                    }
                } catch (ValidationException e) {
                    // refused as invalid: it would be refused every time, so it must not hold the page back
                    engine.listener().appWebhookRejected(platform, "missed webhook refused: " + e.getMessage());
                }
                // anything else (the database) propagates: the page stays unconfirmed and comes again
            }
            // every entry is stored or reported: only now may the platform forget them
            String confirmation = page.confirmation();
            if (confirmation != null) connector.confirmMissedWebhooks(confirmation);
            if (!page.more()) break;
        }
        if (stored > 0) LOG.info("stored {} missed {} webhook(s)", stored, platform);
        return stored;
    }
}
