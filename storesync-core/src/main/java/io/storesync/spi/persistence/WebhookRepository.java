package io.storesync.spi.persistence;

import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.webhook.WebhookEventId;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The tenant's webhook endpoints and inbox.
 *
 * <p>An instance is bound to one tenant transaction and used by one thread; every method may block on the database.
 */
public interface WebhookRepository {

    /** Stores a new, active endpoint for a store of this tenant. */
    WebhookEndpoint insertEndpoint(WebhookEndpointId id, StoreId store, String url, List<String> eventTypes);

    /** Turns off every endpoint of a store, so that its deliveries no longer route. */
    void deactivateEndpoints(StoreId store);

    /**
     * Stores a delivery once: {@code INSERT ... ON CONFLICT DO NOTHING} on (store, dedupe key).
     *
     * @param endpoint the endpoint the delivery was addressed to, or null for an app-level delivery (one URL for every
     *     shop, routed by the platform's shop id)
     * @param headers the headers to keep, already filtered by the engine: store them as given
     * @param body a read-only view of the verified raw body, shared with the engine: read it (or a duplicate of it) and
     *     write the bytes as they are; do not copy it into intermediate arrays without need
     * @return the new event's id, or empty when the same delivery was stored before
     */
    Optional<WebhookEventId> insert(StoreId store, @Nullable WebhookEndpointId endpoint, String dedupeKey, String eventType,
            Map<String, List<String>> headers, ByteBuffer body);

    /** The event stored earlier under this dedupe key. */
    Optional<WebhookEventId> findByDedupeKey(StoreId store, String dedupeKey);

    /** A stored delivery with its raw request, if it belongs to this tenant. */
    Optional<StoredWebhookEvent> find(WebhookEventId id);

    /** Marks a delivery processed, clearing any earlier error. */
    void markProcessed(WebhookEventId id);

    /** Records a failed processing attempt; {@code terminal} marks the event failed for good. */
    void markFailed(WebhookEventId id, String error, boolean terminal);

    /** Deletes processed deliveries older than {@code age}. */
    int purgeProcessed(Duration age);
}
