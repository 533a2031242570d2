package io.storesync.jdbi;

import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.StoreCredentials;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.ListingPage;
import io.storesync.spi.connector.OrderPage;
import io.storesync.spi.connector.PriceUpdate;
import io.storesync.spi.connector.PushResult;
import io.storesync.spi.connector.StockUpdate;
import io.storesync.spi.connector.StoreAccess;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookDelivery;
import io.storesync.spi.connector.WebhookEvent;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A platform for tests that look at one part of the engine: it is its own connector, lists nothing, has no orders,
 * accepts every push, refuses every webhook and keeps its credentials. A test overrides the part it watches.
 */
abstract class QuietPlatform implements ConnectorProvider, Connector {
    @Override
    public Connector create(ConnectorSettings settings) {
        return this;
    }

    @Override
    public ListingPage listListings(StoreAccess store, @Nullable String cursor) {
        return new ListingPage(List.of(), null, 0);
    }

    @Override
    public OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, @Nullable String cursor) {
        return new OrderPage(List.of(), null);
    }

    @Override
    public List<OrderSnapshot> ordersById(StoreAccess store, List<String> platformOrderIds) {
        return List.of();
    }

    @Override
    public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
        return updates.stream().map(u -> PushResult.ok(u.platformProductId(), u.platformVariantId())).toList();
    }

    @Override
    public List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates) {
        return updates.stream().map(u -> PushResult.ok(u.platformProductId(), u.platformVariantId())).toList();
    }

    @Override
    public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
        throw new io.storesync.api.webhook.WebhookSignatureException("no webhooks here");
    }

    @Override
    public List<WebhookEvent> parseWebhook(StoreAccess store, WebhookDelivery delivery) {
        return List.of();
    }

    @Override
    public StoreCredentials refreshCredentials(StoreAccess store) {
        return store.credentials();
    }
}
