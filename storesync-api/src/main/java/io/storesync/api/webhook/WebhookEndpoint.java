package io.storesync.api.webhook;

import io.storesync.api.store.StoreId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a platform delivers one store's webhooks. The host exposes a URL that carries {@link #id()} and hands each
 * request to {@code StoreSync.receiveWebhook}.
 */
public record WebhookEndpoint(WebhookEndpointId id, StoreId storeId, List<String> eventTypes, String url,
        boolean active, Instant createdAt) {
    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(storeId, "storeId");
        eventTypes = List.copyOf(eventTypes);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
