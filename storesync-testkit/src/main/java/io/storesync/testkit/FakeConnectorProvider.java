package io.storesync.testkit;

import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import java.util.Objects;

/**
 * Registers a {@link FakeMarketplace} on a StoreSync builder. Deliberately not registered for the service loader:
 * a test chooses its fake explicitly (and one fake per platform, else the builder reports the duplicate).
 */
public final class FakeConnectorProvider implements ConnectorProvider {
    private final FakeMarketplace marketplace;

    FakeConnectorProvider(FakeMarketplace marketplace) {
        this.marketplace = Objects.requireNonNull(marketplace, "marketplace");
    }

    @Override
    public String platform() {
        return marketplace.platform();
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        return marketplace.new FakeConnector();
    }
}
