package io.storesync.internal.core.job;

import io.storesync.api.ValidationException;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.order.IngestResult;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEventId;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.internal.core.store.StoresService;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.spi.persistence.LogDetails;
import io.storesync.spi.persistence.StoredWebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Processes one stored webhook delivery: parse (a malformed body fails the event for good), fetch orders the
 * delivery only names, hand them to order intake and mark the event processed in one transaction. A failure is
 * recorded on the event (error, retry count) and the job retries; on the last attempt the event fails.
 */
final class WebhookProcessHandler implements JobHandler {
    @Override
    public void run(JobContext ctx) throws Exception {
        String param = ctx.job().parameters().get("event");
        if (param == null) throw new RejectedException("webhook.process job without an event parameter", null);
        WebhookEventId id = WebhookEventId.of(param);
        Optional<StoredWebhookEvent> stored = ctx.tx(tx -> tx.webhooks().find(id));
        if (stored.isEmpty()) {
            ctx.log("warn", "webhook event " + id + " no longer exists (purged?); nothing to do", null);
            return;
        }
        StoredWebhookEvent event = stored.get();
        if (!event.status().equals("pending")) return; // processed (or failed for good) before: idempotent
        StoreSession s = ctx.session();
        StoreId store = s.store().id();
        List<WebhookEvent> events;
        try {
            events = s.connector().parseWebhook(s.access(), new WebhookDelivery(event.headers(), event.body()));
        } catch (ValidationException e) {
            String message = "malformed webhook payload: " + e.getMessage();
            ctx.tx(tx -> {
                tx.webhooks().markFailed(id, message, true);
                return null;
            });
            throw new RejectedException(message, e);
        } catch (JobContext.LeaseLostException | JobContext.ThrottledException e) {
            throw e;
        } catch (RuntimeException e) {
            // a connector bug or a body its parser chokes on: recorded on the event like any processing failure, so
            // the event fails with its reason after the job's last attempt instead of staying pending for ever
            boolean last = ctx.job().attempt() >= ctx.job().maxAttempts();
            String message = "webhook payload could not be parsed: " + FailurePolicy.describe(e);
            ctx.tx(tx -> {
                tx.webhooks().markFailed(id, message, last);
                return null;
            });
            throw e;
        }
        try {
            List<OrderSnapshot> orders = new ArrayList<>();
            List<String> toFetch = new ArrayList<>();
            boolean listingsChanged = false;
            String revoked = null;
            for (WebhookEvent e : events) {
                switch (e.kind()) {
                    case ORDER_CHANGED -> {
                        if (e.order() != null) orders.add(e.order());
                        else if (e.reference() != null) toFetch.add(e.reference());
                    }
                    case LISTING_CHANGED -> listingsChanged = true;
                    case AUTHORIZATION_REVOKED -> revoked = "the platform reported that access was revoked";
                    case OTHER -> { }
                }
            }
            if (!toFetch.isEmpty()) orders.addAll(ctx.call((c, access) -> c.ordersById(access, List.copyOf(toFetch))));
            boolean relist = listingsChanged;
            String revokedReason = revoked;
            List<IngestResult> ingested = new ArrayList<>();
            boolean queued = ctx.tx(tx -> {
                ingested.clear();
                ingested.addAll(ctx.engine().orderIngestion().ingestPage(tx, store, orders, ctx.job().id()));
                boolean q = false;
                if (relist) q = tx.jobs().enqueue(NewJob.deduplicated(JobType.CATALOGUE_IMPORT, store)).created();
                if (revokedReason != null) StoresService.flag(tx, store, revokedReason);
                tx.webhooks().markProcessed(id);
                tx.jobs().log(ctx.job().id(), "info", "processed webhook event " + id + ": " + events.size()
                        + " event(s), " + orders.size() + " order(s)", LogDetails.of("events", events.size(), "orders", orders.size()));
                return q;
            });
            if (!ingested.isEmpty()) ctx.engine().listener().ordersIngested(s.store().platform(), List.copyOf(ingested));
            if (queued) ctx.engine().jobsQueued();
            ctx.progress(1, 1, 0);
        } catch (JobContext.LeaseLostException | JobContext.ThrottledException e) {
            throw e;
        } catch (RuntimeException e) {
            boolean last = ctx.job().attempt() >= ctx.job().maxAttempts()
                    || (e instanceof ConnectorException ce && !ce.retryable());
            String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
            ctx.tx(tx -> {
                tx.webhooks().markFailed(id, message, last);
                return null;
            });
            throw e;
        }
    }
}
