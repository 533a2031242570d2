package io.storesync.shopee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.storesync.api.webhook.WebhookSignatureException;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.spi.connector.VerifiedWebhook;
import io.storesync.spi.connector.WebhookEvent;
import io.storesync.testkit.connector.ConnectorCompatibilityKit;
import io.storesync.testkit.simulator.MarketplaceSimulator;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.shopee.ShopeeSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Shopee connector passes the compatibility kit against the Shopee simulator. Shopee pushes carry no event id, so
 * the two checks that compare the simulator's event id with the verified one are restated: the id is the connector's
 * dedupe key ({@code shopee:code:shop:ordersn:update_time}).
 */
class ShopeeConnectorKitTest extends ConnectorCompatibilityKit {

    @Override
    protected MarketplaceSimulator newSimulator() {
        return ShopeeSimulator.start();
    }

    @Override
    protected ShopeeConnector newConnector(MarketplaceSimulator simulator, Duration requestTimeout) {
        return connector((ShopeeSimulator) simulator, requestTimeout);
    }

    /** The connector pointed at the simulator. */
    static ShopeeConnector connector(ShopeeSimulator simulator, Duration requestTimeout) {
        ConnectorSettings s = simulator.connectorSettings();
        Map<String, String> values = new HashMap<>(s.values());
        values.put("request_timeout_ms", Long.toString(requestTimeout.toMillis()));
        values.put("connect_timeout_ms", "2000");
        return ShopeeConnector.create(new ConnectorSettings(s.platform(), values, s.secrets()));
    }

    @Override
    protected String undocumentedStatus() {
        return "AWAITING_PICKUP_V2";
    }

    @Override
    @Test
    public void aSignedWebhookIsVerifiedAndParsed() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        simulator.shop(SHOP).put(order("W1", "READY_TO_SHIP", "12.00", now));
        SignedDelivery good = simulator.orderWebhook(SHOP, "evt-1", "W1", Instant.now());
        VerifiedWebhook verified = connector.verifyWebhook(store, delivery(good));
        assertEquals("shopee:3:" + SHOP + ":W1:" + now.getEpochSecond(), verified.platformEventId());
        assertEquals("order_status", verified.eventType());
        List<WebhookEvent> events = connector.parseWebhook(store, delivery(good));
        assertEquals(List.of(new WebhookEvent(WebhookEvent.Kind.ORDER_CHANGED, "W1", null)), events);
    }

    @Override
    @Test
    public void staleAndFutureWebhooksAreRefused() {
        SignedDelivery stale = simulator.orderWebhook(SHOP, "evt-4", "W4", Instant.now().minus(Duration.ofMinutes(6)));
        assertThrows(WebhookSignatureException.class, () -> connector.verifyWebhook(store, delivery(stale)));
        SignedDelivery future = simulator.orderWebhook(SHOP, "evt-5", "W5", Instant.now().plus(Duration.ofMinutes(6)));
        assertThrows(WebhookSignatureException.class, () -> connector.verifyWebhook(store, delivery(future)));
        Instant recentAt = Instant.now().minus(Duration.ofMinutes(4));
        SignedDelivery recent = simulator.orderWebhook(SHOP, "evt-6", "W6", recentAt);
        assertEquals("shopee:3:" + SHOP + ":W6:" + recentAt.getEpochSecond(),
                connector.verifyWebhook(store, delivery(recent)).platformEventId(), "within tolerance");
    }
}
