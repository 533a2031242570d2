package io.storesync.internal.core.webhook;

import io.storesync.api.NotFoundException;
import io.storesync.api.ValidationException;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.store.StoreCredentials;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.webhook.WebhookEventId;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.internal.core.Engine;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.MissedWebhook;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.persistence.JobQueue;
import io.storesync.spi.persistence.StoreConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The webhook inbox: route the endpoint to its tenant, let the connector verify the signature over the raw body,
 * then store the delivery once and queue its processing in the same transaction. A bad signature stores nothing.
 *
 * <p>The body size was checked by {@code StoreSync} before this is reached. What a delivery costs before its signature
 * is checked, since anyone on the internet can send one: the routing lookup (one short pool checkout), the store's row
 * (a second, read-only, in the tenant) and, only for connectors that sign with something of the store's, one AES-GCM
 * decryption of its credentials, done after the connection is back in the pool. A connector that verifies with its
 * app secret is handed the delivery before the store's row is even read. The body itself is the request's single
 * immutable copy: the connector, the digest and the repository all read views of it; nothing parses it before the
 * signature has been checked.
 */
public final class WebhookInbox {
    private final Engine engine;

    public WebhookInbox(Engine engine) {
        this.engine = engine;
    }

    public WebhookReceipt receive(WebhookRequest request) {
        return receive(request.endpointId(), request.delivery());
    }

    private WebhookReceipt receive(WebhookEndpointId endpointId, WebhookDelivery delivery) {
        JobQueue.Route route = engine.persistence().queue().routeWebhook(endpointId).orElseThrow(() -> {
            engine.listener().webhookRejected(endpointId, "unknown or inactive endpoint");
            return new NotFoundException("webhook endpoint " + endpointId + " is unknown or inactive");
        });
        // The platform decides the connector and the connector decides how to verify, so the store's row is read
        // first, in a transaction that only reads; decryption waits until the connection is back in the pool.
        StoreConnection store = engine.persistence().inTenant(route.organizationId(), tx -> {
            StoreConnection c = tx.stores().connection(route.storeId())
                    .orElseThrow(() -> new NotFoundException("store " + route.storeId() + " not found"));
            if (!c.store().active()) {
                engine.listener().webhookRejected(endpointId, "store is inactive");
                throw new NotFoundException("store " + route.storeId() + " is inactive");
            }
            return c;
        });
        Connector connector = engine.connectors().require(store.store().platform());
        VerifiedWebhook verified;
        try {
            if (connector.verifiesWithAppSecret()) {
                verified = connector.verifyAppWebhook(delivery);
            } else {
                StoreCredentials credentials = engine.cipher().decrypt(route.organizationId(), route.storeId(),
                        store.credentials());
                verified = connector.verifyWebhook(
                        new StoreAccess(route.storeId(), store.store().platformStoreId(), credentials), delivery);
            }
        } catch (WebhookSignatureException e) {
            engine.listener().webhookRejected(endpointId, e.getMessage());
            throw e;
        }
        return store(route, endpointId, connector, verified, delivery);
    }

    /**
     * An app-level delivery: verified with the app's secret before any database work (a forged delivery takes no pool
     * connection), then routed by the platform's shop id it names, through {@code route_app_webhook}, to every active
     * store with that shop id (normally one; one per tenant when several tenants connected the same shop), and stored
     * and queued in each exactly as an endpoint's delivery is (deduplicated per store).
     */
    public List<WebhookReceipt> receiveApp(String platform, WebhookDelivery delivery) {
        Connector connector = engine.connectors().require(platform);
        if (!connector.verifiesWithAppSecret()) {
            engine.listener().appWebhookRejected(platform, "connector does not verify with an app secret");
            throw new ValidationException("the " + platform + " connector does not sign webhooks with an app secret;"
                    + " give its deliveries to a webhook endpoint instead");
        }
        VerifiedWebhook verified;
        try {
            verified = connector.verifyAppWebhook(delivery);
        } catch (WebhookSignatureException e) {
            engine.listener().appWebhookRejected(platform, e.getMessage());
            throw e;
        }
        // addressed to the app, not a shop (Shopee's code-0 push when the URL is set): acknowledged, nothing to store
        if (connector.webhookForAppOnly(delivery)) return List.of();
        Optional<String> shopId = connector.webhookShopId(delivery).filter(id -> !id.isBlank());
        List<JobQueue.Route> routes = shopId.isEmpty() ? List.of()
                : engine.persistence().queue().routeAppWebhook(platform, shopId.get());
        if (routes.isEmpty()) {
            engine.listener().appWebhookRejected(platform,
                    shopId.isEmpty() ? "delivery names no shop" : "no active store for the shop");
            // the same answer whatever the reason: it says nothing of which shops are connected where
            throw new NotFoundException("no active " + platform + " store for this delivery");
        }
        return storeInEach(routes, connector, verified, delivery);
    }

    /**
     * A webhook the platform failed to deliver, collected by {@link MissedWebhookSweep}: already vouched for by the
     * platform's authenticated API, so no signature is checked; routed by its shop id exactly as {@link #receiveApp}
     * routes, and stored in each store through the same path (deduplicated on its event id, so one that also arrived
     * live is stored once).
     *
     * @return one receipt per store; empty when no active store has the shop (reported to the listener)
     */
    List<WebhookReceipt> receiveMissed(Connector connector, MissedWebhook missed) {
        String platform = connector.platform();
        List<JobQueue.Route> routes = engine.persistence().queue().routeAppWebhook(platform, missed.shopId());
        if (routes.isEmpty()) {
            engine.listener().appWebhookRejected(platform, "missed webhook: no active store for the shop");
            return List.of();
        }
        return storeInEach(routes, connector, missed.verified(), missed.delivery());
    }

    /** An app-level delivery stored in every store its shop id was routed to, one receipt each. */
    private List<WebhookReceipt> storeInEach(List<JobQueue.Route> routes, Connector connector, VerifiedWebhook verified,
            WebhookDelivery delivery) {
        List<WebhookReceipt> receipts = new ArrayList<>(routes.size());
        for (JobQueue.Route route : routes) receipts.add(store(route, null, connector, verified, delivery));
        return List.copyOf(receipts);
    }

    /**
     * Stores a verified delivery once and queues its processing. Separate from verification so that a delivery
     * verified by platform (app-level webhooks, routed by the platform's shop id) can be stored the same way.
     */
    private WebhookReceipt store(JobQueue.Route route, @Nullable WebhookEndpointId endpointId, Connector connector,
            VerifiedWebhook verified, WebhookDelivery delivery) {
        String dedupeKey = verified.platformEventId() != null
                ? "event:" + verified.platformEventId()
                : "sha256:" + sha256(delivery);
        Map<String, List<String>> headers = StoredHeaders.keep(delivery.headers(), connector.storedWebhookHeaders());
        WebhookReceipt receipt = engine.persistence().inTenant(route.organizationId(), tx -> {
            Optional<WebhookEventId> stored = tx.webhooks().insert(route.storeId(), endpointId, dedupeKey,
                    verified.eventType(), headers, delivery.bodyBuffer());
            if (stored.isEmpty()) {
                WebhookEventId existing = tx.webhooks().findByDedupeKey(route.storeId(), dedupeKey).orElseThrow();
                return new WebhookReceipt(existing, route.organizationId(), route.storeId(), true);
            }
            tx.jobs().enqueue(NewJob.of(JobType.WEBHOOK_PROCESS, route.storeId())
                    .withDedupeKey("webhook.process:" + stored.get())
                    .withParameters(Map.of("event", stored.get().toString())));
            return new WebhookReceipt(stored.get(), route.organizationId(), route.storeId(), false);
        });
        if (!receipt.duplicate()) engine.jobsQueued();
        engine.listener().webhookReceived(connector.platform(), receipt.duplicate());
        return receipt;
    }

    private static String sha256(WebhookDelivery delivery) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(delivery.bodyBuffer());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
