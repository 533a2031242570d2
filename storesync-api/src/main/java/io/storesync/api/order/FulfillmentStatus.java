package io.storesync.api.order;

/** Where the goods of an order stand. */
public enum FulfillmentStatus {
    UNFULFILLED, PARTIALLY_FULFILLED, FULFILLED, RETURNED
}
