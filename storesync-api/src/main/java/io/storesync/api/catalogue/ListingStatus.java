package io.storesync.api.catalogue;

/** Where a listing stands in synchronisation with its store. */
public enum ListingStatus {
    /** Linked, not yet pushed or confirmed. */
    PENDING,
    /** Being pushed or imported now. */
    SYNCING,
    /** The store shows what the catalogue says. */
    SYNCED,
    /** The last synchronisation failed. */
    ERROR,
    /** Imported from the store but not matched to a variant by SKU. */
    UNMATCHED
}
