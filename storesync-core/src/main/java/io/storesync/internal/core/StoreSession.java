package io.storesync.internal.core;

import io.storesync.api.Store;
import io.storesync.spi.Connector;
import io.storesync.spi.StoreAccess;

/** A store, its decrypted access and its connector, for the length of one job or webhook. */
record StoreSession(Store store, StoreAccess access, Connector connector) {
    @Override
    public String toString() {
        return "StoreSession[" + store.id() + " on " + store.platform() + "]";
    }
}
