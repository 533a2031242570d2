package io.storesync.spi.connector;

import io.storesync.api.store.StoreCredentials;
import io.storesync.api.store.StoreId;
import java.util.Objects;

/**
 * The store a connector call is for: StoreSync's id of it, the platform's shop id, and its decrypted credentials.
 * Valid for one call; connectors must not keep it. {@link #toString()} shows no secret.
 */
public record StoreAccess(StoreId storeId, String platformStoreId, StoreCredentials credentials) {
    public StoreAccess {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(platformStoreId, "platformStoreId");
        Objects.requireNonNull(credentials, "credentials");
    }
}
