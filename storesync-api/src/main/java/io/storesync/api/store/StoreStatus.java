package io.storesync.api.store;

/** A store's sync status ({@code stores.sync_status}). */
public enum StoreStatus {
    /** Syncing normally. */
    ACTIVE,
    /** Paused by a person: nothing is scheduled. */
    PAUSED,
    /** A sync is under way. */
    SYNCING,
    /** The last sync failed; schedules continue. */
    ERROR,
    /** The platform rejected the credentials; nothing is scheduled until new credentials are given. */
    REAUTHORIZATION_REQUIRED,
    /** Deactivated: nothing is scheduled. */
    DISCONNECTED;

    /** Whether StoreSync schedules work for a store in this status. */
    public boolean scheduled() {
        return this == ACTIVE || this == SYNCING || this == ERROR;
    }
}
