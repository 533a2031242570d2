package io.storesync.internal.core.store;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.ValidationException;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.ConnectorProvider;
import io.storesync.spi.connector.ConnectorSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The connectors of one StoreSync instance, by platform name: discovered ones plus explicitly registered ones. */
public final class Connectors {
    private final Map<String, Connector> byPlatform;

    private Connectors(Map<String, Connector> byPlatform) {
        this.byPlatform = Map.copyOf(byPlatform);
    }

    /**
     * Builds the registry from explicitly registered providers and those the service loader finds.
     *
     * @throws StoreSyncException with {@code CONFIGURATION} when two providers serve one platform (both are named)
     */
    public static Connectors of(List<ConnectorProvider> explicit, boolean discover, Map<String, ConnectorSettings> settings) {
        List<ConnectorProvider> all = new ArrayList<>(explicit);
        if (discover) ServiceLoader.load(ConnectorProvider.class).forEach(all::add);
        Map<String, ConnectorProvider> providers = new LinkedHashMap<>();
        for (ConnectorProvider p : all) {
            String platform = p.platform();
            ConnectorProvider other = providers.putIfAbsent(platform, p);
            if (other != null && other != p) {
                throw new StoreSyncException(ErrorCode.CONFIGURATION, "two connector providers for platform '" + platform
                        + "': " + other.getClass().getName() + " and " + p.getClass().getName() + "; register only one");
            }
        }
        Map<String, Connector> connectors = new LinkedHashMap<>();
        providers.forEach((platform, p) -> {
            Connector c = p.create(settings.getOrDefault(platform, ConnectorSettings.none(platform)));
            if (!platform.equals(c.platform())) {
                throw new StoreSyncException(ErrorCode.CONFIGURATION, p.getClass().getName() + " declares platform '"
                        + platform + "' but its connector says '" + c.platform() + "'");
            }
            connectors.put(platform, c);
        });
        return new Connectors(connectors);
    }

    Optional<Connector> find(String platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }

    public Connector require(String platform) {
        Connector c = byPlatform.get(platform);
        if (c == null) throw new ValidationException("no connector is registered for platform '" + platform
                + "'; add the platform's connector module or register a ConnectorProvider");
        return c;
    }

    /** The platforms served. */
    public java.util.Set<String> platforms() {
        return byPlatform.keySet();
    }
}
