package io.storesync.api.catalogue;

import io.storesync.api.ValidationException;
import java.util.Locale;

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
    UNMATCHED;

    /** The value stored in {@code store_product_mappings.sync_status}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored status; unknown text is a {@link ValidationException}. */
    public static ListingStatus fromDbValue(String value) {
        for (ListingStatus s : values()) {
            if (s.dbValue().equals(value)) return s;
        }
        throw new ValidationException("unknown listing status '" + value + "'");
    }
}
