package io.storesync.internal.core.store;

import io.storesync.api.store.Store;
import io.storesync.spi.connector.Connector;
import io.storesync.spi.connector.StoreAccess;


/** A store, its decrypted access and its connector, for the length of one job or webhook. */
public record StoreSession(Store store, StoreAccess access, Connector connector) {
    @Override
    public String toString() {
        return "StoreSession[" + store.id() + " on " + store.platform() + "]";
    }
}
