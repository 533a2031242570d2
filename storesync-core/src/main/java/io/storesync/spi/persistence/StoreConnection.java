package io.storesync.spi.persistence;

import io.storesync.api.store.Store;
import java.util.Objects;

/** A store with its encrypted credentials: what the engine needs to call the store's platform. */
public record StoreConnection(Store store, CredentialEnvelope credentials) {
    public StoreConnection {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(credentials, "credentials");
    }
}
