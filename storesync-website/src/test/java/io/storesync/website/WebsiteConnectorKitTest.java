package io.storesync.website;

import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.connector.ConnectorCompatibilityKit;
import io.storesync.testkit.simulator.MarketplaceSimulator;
import io.storesync.testkit.simulator.SignedDelivery;
import io.storesync.testkit.simulator.WebsiteSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The custom-website connector passes the compatibility kit against the website simulator. */
class WebsiteConnectorKitTest extends ConnectorCompatibilityKit {

    @Override
    protected MarketplaceSimulator newSimulator() {
        return WebsiteSimulator.start();
    }

    @Override
    protected WebsiteConnector newConnector(MarketplaceSimulator simulator, Duration requestTimeout) {
        return connector(requestTimeout);
    }

    /** The connector with plain HTTP allowed (the simulator listens on 127.0.0.1 without TLS). */
    static WebsiteConnector connector(Duration requestTimeout) {
        return WebsiteConnector.create(new ConnectorSettings(WebsiteConnector.PLATFORM, Map.of("allow_http", "true",
                "request_timeout_ms", Long.toString(requestTimeout.toMillis()), "connect_timeout_ms", "2000"), Map.of()));
    }

    @Override
    protected void sendIdsAsNumbers(MarketplaceSimulator simulator) {
        ((WebsiteSimulator) simulator).numericIds(true);
    }

    @Override
    protected Optional<SignedDelivery> withExtraSignature(SignedDelivery good) {
        Map<String, List<String>> headers = new HashMap<>(good.headers());
        String valid = good.headers().get("webhook-signature").get(0);
        // a rotated-out secret's signature first: a verifier that compares the whole header fails here
        headers.put("webhook-signature", List.of("v1,bm90IHRoZSByaWdodCBzaWduYXR1cmUgYXQgYWxsIQ== " + valid));
        return Optional.of(new SignedDelivery(headers, good.body()));
    }

    /** API keys do not expire; refreshing must still hand back credentials that work. */
    @Override
    protected Optional<io.storesync.api.store.StoreCredentials> refreshableCredentials(MarketplaceSimulator simulator) {
        return Optional.of(simulator.credentials(SHOP));
    }
}
