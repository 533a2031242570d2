package io.storesync.api.webhook;

import io.storesync.api.AccessDeniedException;
import io.storesync.api.NotFoundException;
import io.storesync.api.ValidationException;
import io.storesync.api.store.StoreId;
import java.util.List;

/**
 * The organization's webhook endpoints: where platforms deliver each store's events. Only owners and admins register
 * endpoints. Deliveries themselves are handed to {@code StoreSync.receiveWebhook}, which routes them by endpoint.
 */
public interface Webhooks {

    /**
     * Registers a webhook endpoint for a store; the URL is the one the host exposes for it.
     *
     * @throws ValidationException when the URL is blank or longer than 500 characters
     * @throws NotFoundException when the store does not belong to this organization
     * @throws AccessDeniedException when the actor is neither owner nor admin
     */
    WebhookEndpoint addEndpoint(StoreId store, String url, List<String> eventTypes);
}
