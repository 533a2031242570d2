package io.storesync.api.order;

import java.util.Locale;

/** Where the money of an order stands. */
public enum FinancialStatus {
    PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED, VOIDED;

    /** The value stored in {@code orders.financial_status}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FinancialStatus fromDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
