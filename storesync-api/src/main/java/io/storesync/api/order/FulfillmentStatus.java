package io.storesync.api.order;

import java.util.Locale;

/** Where the goods of an order stand. */
public enum FulfillmentStatus {
    UNFULFILLED, PARTIALLY_FULFILLED, FULFILLED, RETURNED;

    /** The value stored in {@code orders.fulfillment_status}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FulfillmentStatus fromDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
