package io.storesync.internal.core;

import io.storesync.api.StoreCredentials;
import io.storesync.spi.Connector;
import io.storesync.spi.ConnectorListing;
import io.storesync.api.OrderSnapshot;
import io.storesync.spi.ConnectorProvider;
import io.storesync.spi.ConnectorSettings;
import io.storesync.spi.ListingPage;
import io.storesync.spi.OrderPage;
import io.storesync.spi.PriceUpdate;
import io.storesync.spi.PushResult;
import io.storesync.spi.StockUpdate;
import io.storesync.spi.StoreAccess;
import io.storesync.spi.VerifiedWebhook;
import io.storesync.spi.WebhookDelivery;
import io.storesync.spi.WebhookEvent;
import java.time.Instant;
import java.util.List;

/** Connectors that do nothing, for registry tests. */
final class TestProviders {
    private TestProviders() {}

    static final class Other implements ConnectorProvider {
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
            throw new io.storesync.api.WebhookSignatureException("inert connectors verify nothing");
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
