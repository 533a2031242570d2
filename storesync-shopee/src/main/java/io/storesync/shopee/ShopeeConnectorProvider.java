package io.storesync.shopee;

import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;

/**
 * Makes the {@link ShopeeConnector}. Registered for {@link java.util.ServiceLoader}, so adding this jar is enough;
 * the settings are described on {@link ShopeeConnector} and in {@code docs/shopee.md}.
 *
 * <p>Stability: experimental.
 */
public final class ShopeeConnectorProvider implements ConnectorProvider {

    /** For the service loader. */
    public ShopeeConnectorProvider() {}

    @Override
    public String platform() {
        return ShopeeConnector.PLATFORM;
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        return ShopeeConnector.create(settings);
    }
}
