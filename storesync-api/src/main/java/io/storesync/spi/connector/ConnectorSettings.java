package io.storesync.spi.connector;

import io.storesync.api.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A host's settings for one platform's connector: plain values (partner id, region, base URL) and secrets (partner
 * key, app secret). Given to the builder with {@code connectorSettings(...)}; {@link #toString()} names keys only.
 *
 * <p>{@code tags} are objects the engine hands every connector by type, such as the connector kit's
 * {@code ConnectorEventListener} the host's metrics and tracing plug in through (set with the builder's
 * {@code connectorTag}); a connector looks up the types it knows with {@link #tag} and ignores the rest. The API
 * module cannot name those types, hence the class-keyed map (as OkHttp's request tags).
 */
public record ConnectorSettings(String platform, Map<String, String> values, Map<String, Secret> secrets,
        Map<Class<?>, Object> tags) {
    public ConnectorSettings {
        Objects.requireNonNull(platform, "platform");
        values = Map.copyOf(values);
        secrets = Map.copyOf(secrets);
        tags.forEach((type, tag) -> {
            if (!type.isInstance(tag)) throw new IllegalArgumentException("tag is not a " + type.getName());
        });
        tags = Map.copyOf(tags);
    }

    /** Settings without tags. */
    public ConnectorSettings(String platform, Map<String, String> values, Map<String, Secret> secrets) {
        this(platform, values, secrets, Map.of());
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

    /** The tag of exactly this type, if the engine was given one. */
    public <T> Optional<T> tag(Class<T> type) {
        return Optional.ofNullable(type.cast(tags.get(type)));
    }

    /** A copy with {@code tag} under {@code type}, replacing any tag of that type. */
    public <T> ConnectorSettings withTag(Class<T> type, T tag) {
        Map<Class<?>, Object> more = new HashMap<>(tags);
        more.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(tag, "tag"));
        return new ConnectorSettings(platform, values, secrets, more);
    }

    @Override
    public String toString() {
        return "ConnectorSettings[" + platform + ", values=" + values.keySet() + ", secrets=" + secrets.keySet() + "]";
    }
}
