package io.storesync.internal.core.webhook;

import io.storesync.api.NotFoundException;
import io.storesync.api.job.JobType;
import io.storesync.api.job.NewJob;
import io.storesync.api.webhook.WebhookEventId;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookRequest;
import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.internal.core.Engine;
import io.storesync.internal.core.store.StoreSession;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.persistence.JobQueue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook inbox: route the endpoint to its tenant, let the connector verify the signature over the raw body,
 * then store the delivery once and queue its processing in the same transaction. A bad signature stores nothing.
 */
public final class WebhookInbox {
    private final Engine engine;

    public WebhookInbox(Engine engine) {
        this.engine = engine;
    }

    public WebhookReceipt receive(WebhookRequest request) {
        JobQueue.Route route = engine.persistence().queue().routeWebhook(request.endpointId()).orElseThrow(() -> {
            engine.listener().webhookRejected(request.endpointId(), "unknown or inactive endpoint");
            return new NotFoundException("webhook endpoint " + request.endpointId() + " is unknown or inactive");
        });
        StoreSession session = engine.persistence().inTenant(route.organizationId(), tx -> {
            StoreSession s = engine.session(tx, route.storeId());
            if (!s.store().active()) {
                engine.listener().webhookRejected(request.endpointId(), "store is inactive");
                throw new NotFoundException("store " + route.storeId() + " is inactive");
            }
            return s;
        });
        WebhookDelivery delivery = new WebhookDelivery(request.headers(), request.body());
        VerifiedWebhook verified;
        try {
            verified = session.connector().verifyWebhook(session.access(), delivery);
        } catch (WebhookSignatureException e) {
            engine.listener().webhookRejected(request.endpointId(), e.getMessage());
            throw e;
        }
        String dedupeKey = verified.platformEventId() != null
                ? "event:" + verified.platformEventId()
                : "sha256:" + sha256(request.body());
        WebhookReceipt receipt = engine.persistence().inTenant(route.organizationId(), tx -> {
            Optional<WebhookEventId> stored = tx.webhooks().insert(route.storeId(), request.endpointId(), dedupeKey,
                    verified.eventType(), request.headers(), request.body());
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
        return receipt;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
