package io.storesync.api.store;

import io.storesync.api.ValidationException;
import java.util.Locale;

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

    /** The stored value. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored value; unknown text is a {@link ValidationException}. */
    public static StoreStatus fromDbValue(String value) {
        for (StoreStatus s : values()) {
            if (s.dbValue().equals(value)) return s;
        }
        throw new ValidationException("unknown store status '" + value + "'");
    }

    /** Whether StoreSync schedules work for a store in this status. */
    public boolean scheduled() {
        return this == ACTIVE || this == SYNCING || this == ERROR;
    }
}
