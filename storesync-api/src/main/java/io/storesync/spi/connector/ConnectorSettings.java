package io.storesync.spi.connector;

import io.storesync.api.Secret;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A host's settings for one platform's connector: plain values (partner id, region, base URL) and secrets (partner
 * key, app secret). Given to the builder with {@code connectorSettings(...)}; {@link #toString()} names keys only.
 */
public record ConnectorSettings(String platform, Map<String, String> values, Map<String, Secret> secrets) {
    public ConnectorSettings {
        Objects.requireNonNull(platform, "platform");
        values = Map.copyOf(values);
        secrets = Map.copyOf(secrets);
    }

    /** No settings for {@code platform}. */
    public static ConnectorSettings none(String platform) {
        return new ConnectorSettings(platform, Map.of(), Map.of());
    }

    /** A plain value. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A secret. */
    public Optional<Secret> secret(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    @Override
    public String toString() {
        return "ConnectorSettings[" + platform + ", values=" + values.keySet() + ", secrets=" + secrets.keySet() + "]";
    }
}
