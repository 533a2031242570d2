package io.storesync.internal.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.StoreSyncException;
import io.storesync.internal.core.store.Connectors;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import java.util.HashMap;
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
    void everyConnectorIsHandedTheEnginesTagsAndAPlatformsOwnTagWins() {
        Map<String, ConnectorSettings> given = new HashMap<>();
        ConnectorProvider a = capturing("plat_a", given);
        ConnectorProvider b = capturing("plat_b", given);
        ConnectorSettings own = new ConnectorSettings("plat_b", Map.of("region", "sg"), Map.of())
                .withTag(CharSequence.class, "plat_b's own");
        Connectors.of(List.of(a, b), false, Map.of("plat_b", own),
                Map.of(CharSequence.class, "engine's", Number.class, 7));
        assertThat(given.get("plat_a").tag(CharSequence.class)).hasValue("engine's");
        assertThat(given.get("plat_a").tag(Number.class)).hasValue(7);
        assertThat(given.get("plat_b").tag(CharSequence.class)).hasValue("plat_b's own");
        assertThat(given.get("plat_b").tag(Number.class)).hasValue(7);
        assertThat(given.get("plat_b").value("region")).hasValue("sg");
        // an absent type, and a tag that is not of its type
        assertThat(given.get("plat_a").tag(String.class)).isEmpty();
        assertThatThrownBy(() -> new ConnectorSettings("x", Map.of(), Map.of(), Map.of(Number.class, "seven")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ConnectorProvider capturing(String platform, Map<String, ConnectorSettings> given) {
        return new TestProviders.Other(platform) {
            @Override
            public io.storesync.spi.connector.Connector create(ConnectorSettings settings) {
                given.put(platform, settings);
                return super.create(settings);
            }
        };
    }

    @Test
    void anUnregisteredPlatformIsRefusedWithAHint() {
        assertThatThrownBy(() -> Connectors.of(List.of(), false, Map.of()).require("shopee"))
                .hasMessageContaining("no connector is registered for platform 'shopee'");
    }
}
