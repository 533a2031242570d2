package io.storesync.internal.core.store;

import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;


/** Registered in this module's test META-INF/services, to prove discovery. */
public final class DiscoveredTestProvider implements ConnectorProvider {
    static final String PLATFORM = "discovered_test_platform";

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        return new TestProviders.Inert(PLATFORM);
    }
}
