package io.storesync.spi.connector;

import java.util.Objects;

/**
 * One webhook the platform failed to deliver, collected later from the platform's API ({@link Connector#missedWebhooks()})
 * and re-rendered as the delivery the platform would have sent, so that {@link Connector#parseWebhook} reads it like
 * any delivery and its {@link VerifiedWebhook#platformEventId() event id} is the live delivery's: a webhook that did
 * arrive after all is then stored once, not twice.
 *
 * @param shopId the platform's shop id the webhook is for, exactly as {@link Connector#webhookShopId} would name it;
 *     the engine routes it to every active store with that shop id, as it routes an app-level delivery
 * @param verified what the connector learned of it, as {@link Connector#verifyAppWebhook} would say of the live
 *     delivery: the same event id and event type
 * @param delivery the body the platform would have pushed and the headers worth storing with it (no signature: see
 *     {@link Connector#missedWebhooks()})
 */
public record MissedWebhook(String shopId, VerifiedWebhook verified, WebhookDelivery delivery) {
    public MissedWebhook {
        Objects.requireNonNull(shopId, "shopId");
        if (shopId.isBlank()) throw new IllegalArgumentException("shopId must not be blank");
        Objects.requireNonNull(verified, "verified");
        Objects.requireNonNull(delivery, "delivery");
    }

    @Override
    public String toString() {
        // the body may hold buyers' details: never in logs
        return "MissedWebhook[eventType=" + verified.eventType() + ", " + delivery + "]";
    }
}
