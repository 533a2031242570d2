package io.storesync.tiktok;

import java.util.Objects;

/**
 * One webhook a shop has registered with TikTok Shop ({@code GET /event/202309/webhooks}).
 *
 * @param eventType TikTok's event type name, such as {@code ORDER_STATUS_CHANGE}
 * @param address the URL TikTok Shop posts these events to
 */
public record WebhookSubscription(String eventType, String address) {
    /** Requires both. */
    public WebhookSubscription {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(address, "address");
    }
}
