package io.storesync.internal.core.webhook;

import io.storesync.api.NotFoundException;
import io.storesync.api.ValidationException;
import io.storesync.api.store.StoreId;
import io.storesync.api.webhook.WebhookEndpoint;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.webhook.Webhooks;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import java.util.List;

/** Registering a tenant's webhook endpoints; receiving deliveries is {@link WebhookInbox}'s. */
public final class WebhooksService implements Webhooks {
    private final TenantHandle tenant;

    public WebhooksService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public WebhookEndpoint addEndpoint(StoreId store, String url, List<String> eventTypes) {
        Check.present(store, "store");
        Check.present(url, "url");
        // webhook_endpoints.url is varchar(500)
        if ( url.isBlank() || url.length() > 500) throw new ValidationException("url must be 1 to 500 characters");
        Check.present(eventTypes, "eventTypes");
        return tenant.administer("add webhook endpoints", tx -> {
            tx.stores().find(store).orElseThrow(() -> new NotFoundException("store " + store + " not found"));
            return tx.webhooks().insertEndpoint(WebhookEndpointId.random(), store, url, List.copyOf(eventTypes));
        });
    }
}
