package io.storesync.tiktok;

import io.storesync.api.Secret;
import io.storesync.connector.kit.ConnectorEventListener;
import io.storesync.spi.connector.ConnectorSettings;
import io.storesync.testkit.connector.ConnectorCompatibilityKit;
import io.storesync.testkit.simulator.MarketplaceSimulator;
import io.storesync.testkit.simulator.tiktok.TikTokShopSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The TikTok Shop connector passes the compatibility kit against the TikTok Shop simulator. */
class TikTokConnectorKitTest extends ConnectorCompatibilityKit {

    @Override
    protected MarketplaceSimulator newSimulator() {
        return TikTokShopSimulator.start();
    }

    @Override
    protected TikTokShopConnector newConnector(MarketplaceSimulator simulator, Duration requestTimeout) {
        return connector((TikTokShopSimulator) simulator, requestTimeout);
    }

    @Override
    protected void sendIdsAsNumbers(MarketplaceSimulator simulator) {
        ((TikTokShopSimulator) simulator).numericIds(true);
    }

    /** A connector pointed at the simulator for both the API and the auth host. */
    static TikTokShopConnector connector(TikTokShopSimulator simulator, Duration requestTimeout) {
        return TikTokShopConnector.create(settings(simulator, requestTimeout), Clock.systemUTC(), ConnectorEventListener.NONE);
    }

    static ConnectorSettings settings(TikTokShopSimulator simulator, Duration requestTimeout) {
        return new ConnectorSettings(TikTokShopConnector.PLATFORM, Map.of(
                "app_key", simulator.appKey(),
                "service_id", "7310000000000000001",
                "api_base_url", simulator.baseUri().toString(),
                "auth_base_url", simulator.baseUri().toString(),
                "allow_http", "true",
                "connect_timeout_ms", "2000",
                "request_timeout_ms", Long.toString(requestTimeout.toMillis())),
                Map.of("app_secret", Secret.of(simulator.appSecret())));
    }
}
