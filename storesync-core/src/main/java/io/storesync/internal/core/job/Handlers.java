package io.storesync.internal.core.job;

import io.storesync.api.ValidationException;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.StockBuffer;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import io.storesync.api.store.StoreStatus;
import io.storesync.api.webhook.WebhookEventId;
import io.storesync.internal.core.Engine;
import io.storesync.internal.core.Json;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.internal.core.store.StoresService;
import io.storesync.spi.connector.ConnectorException;
import io.storesync.spi.connector.ConnectorListing;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.spi.persistence.ImportResult;
import io.storesync.spi.persistence.ListingMatch;
import io.storesync.spi.persistence.PriceCandidate;
import io.storesync.spi.persistence.PushCandidate;
import io.storesync.spi.persistence.PushRecord;
import io.storesync.spi.persistence.StoredWebhookEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The job handlers. Each is idempotent and stateless; per-run state lives in locals and the database. */
final class Handlers {
    private Handlers() {}

    /** A run that must not be retried (malformed input); the job fails at once with outcome {@code rejected}. */
    static final class RejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RejectedException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) out.add(items.subList(i, Math.min(items.size(), i + size)));
        return out;
    }

    private static String key(String productId, @Nullable String variantId) {
        return productId + "\u0000" + (variantId == null ? "" : variantId);
    }

    /** Pages through the store's listings within the rate limit and hands each page to the catalogue seam. */
    static final class CatalogueImport implements JobHandler {
        @Override
        public void run(JobContext ctx) throws Exception {
            StoreSession s = ctx.session();
            StoreId store = s.store().id();
            String cursor = null;
            int processed = 0;
            int matched = 0;
            int unmatched = 0;
            int pages = 0;
            do {
                String current = cursor;
                ListingPage page = ctx.call(c -> c.listListings(s.access(), current));
                ImportResult result = ctx.tx(tx -> tx.sync().upsertListings(store, page.listings()));
                processed += page.listings().size();
                matched += result.matched();
                unmatched += result.unmatched().size();
                pages++;
                if (!result.unmatched().isEmpty()) {
                    ctx.log("warn", result.unmatched().size() + " listing(s) match no variant by SKU",
                            Json.object("skus", result.unmatched().stream().limit(100).toList()));
                }
                int total = page.total() >= 0 ? Math.max(page.total(), processed) : processed;
                ctx.progress(total, processed, unmatched);
                cursor = page.nextCursor();
            } while (cursor != null);
            int p = processed, m = matched, u = unmatched, n = pages;
            ctx.tx(tx -> {
                tx.jobs().log(ctx.job().id(), "info", "imported " + p + " listing(s): " + m + " matched, " + u + " unmatched",
                        Json.object("listings", p, "matched", m, "unmatched", u, "pages", n));
                tx.stores().touchLastSync(store);
                return null;
            });
        }
    }

    /**
     * Reads orders changed since the watermark, window by window, and hands them to order ingestion. The
     * watermark moves only after a whole window was ingested, so a restart re-reads at most the window it was in
     * (ingestion is idempotent) and never skips one.
     */
    static final class OrderPoll implements JobHandler {
        @Override
        public void run(JobContext ctx) throws Exception {
            StoreSession s = ctx.session();
            StoreId store = s.store().id();
            Instant watermark = ctx.tx(tx -> tx.sync().ordersWatermark(store))
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
                boolean moved = ctx.tx(tx -> tx.sync().advanceOrdersWatermark(store, f, to));
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
                        Json.object("orders", r, "from", start, "to", end));
                tx.stores().touchLastSync(store);
                return null;
            });
        }
    }

    /**
     * Pushes the current available quantity, minus the store's buffer, of every listing whose variant was marked
     * before this run began; marks made during the run are left for the next push (already queued by whoever made
     * them). Quantities are read at run time, so however many changes were coalesced, the pushed value is current.
     */
    static final class StockPush implements JobHandler {
        static final int READ_BATCH = 500;

        @Override
        public void run(JobContext ctx) throws Exception {
            StoreSession s = ctx.session();
            StoreId store = s.store().id();
            StockBuffer buffer = s.store().settings().stockBuffer();
            int batchSize = s.connector().limits().maxStockBatch();
            Instant cutoff = ctx.tx(tx -> tx.sync().databaseNow());
            int pushed = 0;
            int failed = 0;
            int calls = 0;
            Map<String, Integer> sample = new HashMap<>();
            while (true) {
                List<PushCandidate> candidates = ctx.tx(tx -> tx.sync().pushCandidates(store, cutoff, READ_BATCH));
                if (candidates.isEmpty()) break;
                for (List<PushCandidate> batch : batches(candidates, batchSize)) {
                    List<StockUpdate> updates = batch.stream()
                            .map(c -> new StockUpdate(c.platformProductId(), c.platformVariantId(), buffer.apply(c.available())))
                            .toList();
                    List<PushResult> results = ctx.call(c -> c.pushStock(s.access(), updates));
                    calls++;
                    Map<String, PushResult> byKey = new HashMap<>();
                    for (PushResult r : results) byKey.put(key(r.platformProductId(), r.platformVariantId()), r);
                    List<PushRecord> records = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        PushCandidate c = batch.get(i);
                        PushResult r = byKey.get(key(c.platformProductId(), c.platformVariantId()));
                        boolean ok = r != null && r.accepted();
                        String error = r == null ? "the platform returned no result for this listing" : r.error();
                        records.add(new PushRecord(c.mappingId(), c.variantId(), c.markVersion(), updates.get(i).quantity(), ok, error));
                        if (ok) {
                            pushed++;
                            if (sample.size() < 20) sample.put(c.platformProductId(), updates.get(i).quantity());
                        } else {
                            failed++;
                        }
                    }
                    ctx.tx(tx -> {
                        tx.sync().recordPushes(store, records);
                        return null;
                    });
                    ctx.engine().listener().stockPushed(ctx.organization(), store, batch.size());
                    ctx.progress(pushed + failed, pushed, failed);
                }
            }
            int p = pushed, f = failed, n = calls;
            ctx.log(f > 0 ? "warn" : "info", "pushed stock of " + p + " listing(s)" + (f > 0 ? ", " + f + " refused" : ""),
                    Json.object("pushed", p, "refused", f, "calls", n, "quantities", sample.toString()));
        }
    }

    /** Compares each listing's reported stock with what it should show and marks mismatches for a push. */
    static final class DriftCheck implements JobHandler {
        @Override
        public void run(JobContext ctx) throws Exception {
            StoreSession s = ctx.session();
            StoreId store = s.store().id();
            StockBuffer buffer = s.store().settings().stockBuffer();
            String cursor = null;
            int checked = 0;
            int drifted = 0;
            do {
                String current = cursor;
                ListingPage page = ctx.call(c -> c.listListings(s.access(), current));
                int found = ctx.tx(tx -> {
                    Set<UUID> wrong = new LinkedHashSet<>();
                    for (ConnectorListing l : page.listings()) {
                        if (l.stock() == null) continue;
                        Optional<ListingMatch> m = tx.sync().matchListing(store, l.platformProductId(), l.platformVariantId());
                        if (m.isEmpty()) continue;
                        tx.sync().recordReported(m.get().mappingId(), Math.max(0, l.stock()));
                        if (buffer.apply(m.get().available()) != l.stock()) wrong.add(m.get().variantId());
                    }
                    if (!wrong.isEmpty() && s.store().settings().pushStock()) {
                        tx.sync().markForPush(store, wrong);
                        tx.jobs().enqueue(NewJob.deduplicated(JobType.STOCK_PUSH, store).withPriority(50));
                    }
                    return wrong.size();
                });
                if (found > 0) ctx.engine().jobsQueued();
                checked += page.listings().size();
                drifted += found;
                ctx.progress(Math.max(checked, page.total()), checked, drifted);
                cursor = page.nextCursor();
            } while (cursor != null);
            ctx.log(drifted > 0 ? "warn" : "info", "checked " + checked + " listing(s); " + drifted + " showed the wrong stock",
                    Json.object("checked", checked, "drifted", drifted));
        }
    }

    /** Pushes listing prices that were never pushed or changed since. */
    static final class PricePush implements JobHandler {
        @Override
        public void run(JobContext ctx) throws Exception {
            StoreSession s = ctx.session();
            StoreId store = s.store().id();
            int batchSize = s.connector().limits().maxPriceBatch();
            UUID after = null;
            int pushed = 0;
            int refused = 0;
            while (true) {
                UUID a = after;
                List<PriceCandidate> candidates = ctx.tx(tx -> tx.sync().priceCandidates(store, a, 500));
                if (candidates.isEmpty()) break;
                for (List<PriceCandidate> batch : batches(candidates, batchSize)) {
                    List<PriceUpdate> updates = batch.stream()
                            .map(c -> new PriceUpdate(c.platformProductId(), c.platformVariantId(), c.price())).toList();
                    List<PushResult> results = ctx.call(c -> c.pushPrices(s.access(), updates));
                    Set<String> accepted = new java.util.HashSet<>();
                    for (PushResult r : results) if (r.accepted()) accepted.add(key(r.platformProductId(), r.platformVariantId()));
                    List<PriceCandidate> ok = batch.stream()
                            .filter(c -> accepted.contains(key(c.platformProductId(), c.platformVariantId()))).toList();
                    ctx.tx(tx -> {
                        tx.sync().recordPrices(ok);
                        return null;
                    });
                    pushed += ok.size();
                    refused += batch.size() - ok.size();
                    ctx.progress(pushed + refused, pushed, refused);
                }
                after = candidates.get(candidates.size() - 1).mappingId();
            }
            ctx.log(refused > 0 ? "warn" : "info", "pushed " + pushed + " price(s)" + (refused > 0 ? ", " + refused + " refused" : ""),
                    Json.object("pushed", pushed, "refused", refused));
        }
    }

    /**
     * Processes one stored webhook delivery: parse (a malformed body fails the event for good), fetch orders the
     * delivery only names, hand them to order intake and mark the event processed in one transaction. A failure is
     * recorded on the event (error, retry count) and the job retries; on the last attempt the event fails.
     */
    static final class WebhookProcess implements JobHandler {
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
                if (!toFetch.isEmpty()) orders.addAll(ctx.call(c -> c.ordersById(s.access(), List.copyOf(toFetch))));
                boolean relist = listingsChanged;
                String revokedReason = revoked;
                boolean queued = ctx.tx(tx -> {
                    ctx.engine().orderIngestion().ingestPage(tx, store, orders, ctx.job().id());
                    boolean q = false;
                    if (relist) q = tx.jobs().enqueue(NewJob.deduplicated(JobType.CATALOGUE_IMPORT, store)).created();
                    if (revokedReason != null) StoresService.flag(tx, store, revokedReason);
                    tx.webhooks().markProcessed(id);
                    tx.jobs().log(ctx.job().id(), "info", "processed webhook event " + id + ": " + events.size()
                            + " event(s), " + orders.size() + " order(s)", Json.object("events", events.size(), "orders", orders.size()));
                    return q;
                });
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

    /** Exchanges the refresh token for new credentials before the access token expires. */
    static final class CredentialRefresh implements JobHandler {
        @Override
        public void run(JobContext ctx) throws Exception {
            StoreSession s = ctx.session();
            StoreId store = s.store().id();
            StoreCredentials fresh = ctx.call(c -> c.refreshCredentials(s.access()));
            Engine engine = ctx.engine();
            ctx.tx(tx -> {
                StoreStatus status = s.store().status();
                tx.stores().updateCredentials(store, engine.cipher().encrypt(ctx.organization(), store, fresh),
                        fresh.expiresAt(), StoresService.refreshAt(engine, fresh.expiresAt()), status);
                tx.jobs().log(ctx.job().id(), "info", "credentials refreshed",
                        Json.object("expires_at", fresh.expiresAt()));
                return null;
            });
        }
    }

    /** Deletes finished jobs (their logs cascade) and processed webhook deliveries past the retention period. */
    static final class RetentionPurge implements JobHandler {
        @Override
        public void run(JobContext ctx) throws Exception {
            java.time.Duration age = ctx.pool().options().jobRetention();
            int[] counts = ctx.tx(tx -> new int[] {tx.jobs().purgeFinished(age), tx.webhooks().purgeProcessed(age)});
            ctx.log("info", "purged " + counts[0] + " finished job(s) and " + counts[1] + " processed webhook(s) older than "
                    + age.toDays() + " day(s)", Json.object("jobs", counts[0], "webhooks", counts[1]));
        }
    }
}
