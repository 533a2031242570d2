package io.storesync.api.inventory;

import java.util.Objects;

/** A variant at a location whose available stock is at or below its reorder point, and how much to order. */
public record ReorderSuggestion(StockLevel level, String sku, int suggestedQuantity) {
    public ReorderSuggestion {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(sku, "sku");
    }
}
