package io.storesync.internal.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.StoreSyncException;
import io.storesync.internal.core.store.Connectors;
import io.storesync.spi.connector.ConnectorProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorsTest {

    @Test
    void providersAreFoundWithTheServiceLoader() {
        Connectors found = Connectors.of(List.of(), true, Map.of());
        assertThat(found.platforms()).contains(DiscoveredTestProvider.PLATFORM);
        assertThat(found.require(DiscoveredTestProvider.PLATFORM).platform()).isEqualTo(DiscoveredTestProvider.PLATFORM);
    }

    @Test
    void twoProvidersForOnePlatformIsAConfigurationErrorNamingBoth() {
        ConnectorProvider explicit = new TestProviders.Other(DiscoveredTestProvider.PLATFORM);
        assertThatThrownBy(() -> Connectors.of(List.of(explicit), true, Map.of()))
                .isInstanceOf(StoreSyncException.class)
                .hasMessageContaining(DiscoveredTestProvider.class.getName())
                .hasMessageContaining(TestProviders.Other.class.getName());
    }

    @Test
    void anUnregisteredPlatformIsRefusedWithAHint() {
        assertThatThrownBy(() -> Connectors.of(List.of(), false, Map.of()).require("shopee"))
                .hasMessageContaining("no connector is registered for platform 'shopee'");
    }
}
