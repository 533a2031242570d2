package io.storesync.internal.core.store;

import io.storesync.api.order.OrderSnapshot;
import io.storesync.api.store.StoreCredentials;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorListing;
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

/** Connectors that do nothing, for registry tests. */
final class TestProviders {
    private TestProviders() {}

    static class Other implements ConnectorProvider {
        private final String platform;

        Other(String platform) {
            this.platform = platform;
        }

        @Override
        public String platform() {
            return platform;
        }

        @Override
        public Connector create(ConnectorSettings settings) {
            return new Inert(platform);
        }
    }

    record Inert(String platform) implements Connector {
        @Override
        public ListingPage listListings(StoreAccess store, String cursor) {
            return new ListingPage(List.<ConnectorListing>of(), null, 0);
        }

        @Override
        public OrderPage ordersChanged(StoreAccess store, Instant from, Instant to, String cursor) {
            return new OrderPage(List.of(), null);
        }

        @Override
        public List<OrderSnapshot> ordersById(StoreAccess store, List<String> ids) {
            return List.of();
        }

        @Override
        public List<PushResult> pushStock(StoreAccess store, List<StockUpdate> updates) {
            return List.of();
        }

        @Override
        public List<PushResult> pushPrices(StoreAccess store, List<PriceUpdate> updates) {
            return List.of();
        }

        @Override
        public VerifiedWebhook verifyWebhook(StoreAccess store, WebhookDelivery delivery) {
            throw new io.storesync.api.webhook.WebhookSignatureException("inert connectors verify nothing");
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
}
