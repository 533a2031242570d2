package io.storesync.spi.connector;

import io.storesync.api.store.StoreCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What exchanging a consent code yields: the credentials and every shop they open. One consent may grant several
 * shops (TikTok Shop's authorised shops; a Shopee main account's shops), each becoming a store with these
 * credentials. The stores of one consent share its credentials: StoreSync refreshes them for all of them at once
 * (see {@link Connector#rotatesRefreshTokens()}). {@link #toString()} shows no secret (the credentials are
 * {@code Secret}s).
 *
 * @param credentials the access token, the refresh token and its expiry
 * @param shops the shops granted, at least one
 * @param authorizationExpiresAt when the seller's consent itself lapses and must be given again (Shopee: a year),
 *     as opposed to the access token's shorter expiry; null when it does not lapse
 */
public record Authorization(StoreCredentials credentials, List<AuthorizedShop> shops,
        @Nullable Instant authorizationExpiresAt) {
    public Authorization {
        Objects.requireNonNull(credentials, "credentials");
        shops = List.copyOf(shops);
        if (shops.isEmpty()) throw new IllegalArgumentException("an authorisation grants at least one shop");
    }

    /**
     * The credentials of the store made of {@code shop}: the consent's, with the shop's own entries
     * ({@link AuthorizedShop#credentials()}) added to {@code extra}.
     */
    public StoreCredentials credentialsFor(AuthorizedShop shop) {
        if (shop.credentials().isEmpty()) return credentials;
        java.util.Map<String, io.storesync.api.Secret> extra = new java.util.LinkedHashMap<>(credentials.extra());
        extra.putAll(shop.credentials());
        return new StoreCredentials(credentials.accessToken(), credentials.refreshToken(), credentials.expiresAt(), extra);
    }

    /** When the consent lapses, if it does. */
    public Optional<Instant> authorizationExpiry() {
        return Optional.ofNullable(authorizationExpiresAt);
    }
}
