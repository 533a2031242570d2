package io.storesync.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * When a store's authorisation (the seller's consent, as opposed to its access token) lapses, as the platform
 * reported it when the store was last authorised. After that the seller must give consent again
 * ({@link Stores#startAuthorization}); a host warns them ahead.
 *
 * @param store the store
 * @param expiresAt when the consent lapses; may be in the past when it already has
 */
public record AuthorizationExpiry(Store store, Instant expiresAt) {
    public AuthorizationExpiry {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
