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
    /** Discovered connectors left out because no settings were given and they need some: platform → why. */
    private final Map<String, String> unconfigured;

    private Connectors(Map<String, Connector> byPlatform, Map<String, String> unconfigured) {
        this.byPlatform = Map.copyOf(byPlatform);
        this.unconfigured = Map.copyOf(unconfigured);
    }

    /**
     * Builds the registry from explicitly registered providers and those the service loader finds.
     *
     * A connector found only by the service loader, given no settings, that refuses to start without them (a
     * marketplace connector needs its app's keys) is left out rather than failing the build: a host that adds two
     * connector modules and configures one must not be stopped by the other. Using that platform then fails naming
     * the missing settings. A connector registered explicitly, or given settings, that fails to start fails the build.
     *
     * @throws StoreSyncException with {@code CONFIGURATION} when two providers serve one platform (both are named)
     */
    public static Connectors of(List<ConnectorProvider> explicit, boolean discover, Map<String, ConnectorSettings> settings) {
        return of(explicit, discover, settings, Map.of());
    }

    /**
     * As {@link #of(List, boolean, Map)}, each connector's settings also carrying {@code tags} (a tag of the same
     * type already in a platform's own settings wins).
     */
    public static Connectors of(List<ConnectorProvider> explicit, boolean discover, Map<String, ConnectorSettings> settings,
            Map<Class<?>, Object> tags) {
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
        Map<String, String> unconfigured = new LinkedHashMap<>();
        providers.forEach((platform, p) -> {
            boolean optional = !settings.containsKey(platform) && explicit.stream().noneMatch(e -> e == p);
            Connector c;
            try {
                c = p.create(tagged(settings.getOrDefault(platform, ConnectorSettings.none(platform)), tags));
            } catch (StoreSyncException e) {
                if (!optional || (e.code() != ErrorCode.CONFIGURATION && e.code() != ErrorCode.VALIDATION)) throw e;
                unconfigured.put(platform, e.getMessage());
                return;
            }
            if (!platform.equals(c.platform())) {
                throw new StoreSyncException(ErrorCode.CONFIGURATION, p.getClass().getName() + " declares platform '"
                        + platform + "' but its connector says '" + c.platform() + "'");
            }
            connectors.put(platform, c);
        });
        return new Connectors(connectors, unconfigured);
    }

    private static ConnectorSettings tagged(ConnectorSettings settings, Map<Class<?>, Object> tags) {
        if (tags.isEmpty()) return settings;
        Map<Class<?>, Object> all = new LinkedHashMap<>(tags);
        all.putAll(settings.tags());
        return new ConnectorSettings(settings.platform(), settings.values(), settings.secrets(), all);
    }

    Optional<Connector> find(String platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }

    public Connector require(String platform) {
        Connector c = byPlatform.get(platform);
        if (c == null && unconfigured.containsKey(platform)) {
            throw new StoreSyncException(ErrorCode.CONFIGURATION, "the connector for platform '" + platform
                    + "' was found but not started, for want of settings (" + unconfigured.get(platform)
                    + "); give them with StoreSync.Builder.connectorSettings");
        }
        if (c == null) throw new ValidationException("no connector is registered for platform '" + platform
                + "'; add the platform's connector module or register a ConnectorProvider");
        return c;
    }

    /** The platforms served. */
    public java.util.Set<String> platforms() {
        return byPlatform.keySet();
    }
}
