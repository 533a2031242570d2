package io.storesync.api.store;

import io.storesync.api.Secret;
import io.storesync.internal.api.Check;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a connector needs to call a platform for one store: the access token, the refresh token when the platform
 * has one, when the access token expires, and any further platform-specific secrets. Stored encrypted; every
 * component is a {@link Secret}, so {@link #toString()} shows no secret.
 *
 * @param accessToken the token sent with each call
 * @param refreshToken the token that buys a new access token, if the platform issues one
 * @param expiresAt when the access token stops working, if known; StoreSync refreshes before then
 * @param extra further named secrets (for example a custom website's API key)
 */
public record StoreCredentials(Secret accessToken, @Nullable Secret refreshToken, @Nullable Instant expiresAt,
        Map<String, Secret> extra) {
    public StoreCredentials {
        Check.present(accessToken, "accessToken");
        extra = Map.copyOf(Check.present(extra, "extra"));
        extra.keySet().forEach(k -> Check.text(k, "extra key", 100));
    }

    /** An access token alone. */
    public static StoreCredentials of(Secret accessToken) {
        return new StoreCredentials(accessToken, null, null, Map.of());
    }

    /** An access token with its refresh token and expiry. */
    public static StoreCredentials of(Secret accessToken, Secret refreshToken, Instant expiresAt) {
        return new StoreCredentials(accessToken, Objects.requireNonNull(refreshToken, "refreshToken"),
                Objects.requireNonNull(expiresAt, "expiresAt"), Map.of());
    }

    /** The expiry, if known. */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }
}
