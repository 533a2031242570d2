package io.storesync.spi.persistence;

import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEventId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A stored webhook delivery, with its raw request, as the processing job reads it. */
public record StoredWebhookEvent(WebhookEventId id, StoreId storeId, String eventType, Map<String, List<String>> headers,
        byte[] body, String status) {
    public StoredWebhookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(storeId, "storeId");
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredWebhookEvent e && e.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "StoredWebhookEvent[" + id + ", " + eventType + ", " + status + "]";
    }
}
