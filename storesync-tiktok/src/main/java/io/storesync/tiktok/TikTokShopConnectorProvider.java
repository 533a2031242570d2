package io.storesync.tiktok;

import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;

/** Makes the TikTok Shop connector; found by {@link java.util.ServiceLoader}. */
public final class TikTokShopConnectorProvider implements ConnectorProvider {
    /** For the service loader. */
    public TikTokShopConnectorProvider() {}

    @Override
    public String platform() {
        return TikTokShopConnector.PLATFORM;
    }

    /**
     * @throws io.storesync.api.StoreSyncException with {@code CONFIGURATION} when {@code app_key} or the
     *     {@code app_secret} secret is missing, or a URL setting is not an absolute https URL
     */
    @Override
    public Connector create(ConnectorSettings settings) {
        return TikTokShopConnector.create(settings);
    }
}
