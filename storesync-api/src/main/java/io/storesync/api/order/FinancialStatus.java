package io.storesync.api.order;

/** Where the money of an order stands. */
public enum FinancialStatus {
    PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED, VOIDED
}
