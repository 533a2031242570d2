package io.storesync.api.inventory;

import java.util.Objects;

/** A variant at a location whose available stock is at or below its reorder point, and how much to order. */
public record ReorderSuggestion(StockLevel level, String sku, int suggestedQuantity) {
    /** The most suggestions {@link Inventory#reorderReport()} returns: the most urgent ones. */
    public static final int REPORT_LIMIT = 10_000;

    public ReorderSuggestion {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(sku, "sku");
    }
}
