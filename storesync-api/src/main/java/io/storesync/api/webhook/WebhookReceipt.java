package io.storesync.api.webhook;

import io.storesync.api.organization.OrganizationId;
import io.storesync.api.store.StoreId;
import java.util.Objects;

/**
 * The answer to a verified webhook delivery: the stored event, and whether it had been stored before (a duplicate
 * delivery, acknowledged and not processed again). Either way the host answers the platform with HTTP 200.
 */
public record WebhookReceipt(WebhookEventId eventId, OrganizationId organizationId, StoreId storeId, boolean duplicate) {
    public WebhookReceipt {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(storeId, "storeId");
    }
}
