package io.storesync.api.inventory;

import io.storesync.api.catalogue.VariantId;
import java.util.List;
import java.util.Objects;

/**
 * A variant's stock across locations. The totals count active locations only, since inactive ones sell nothing;
 * {@link #levels()} lists every location that ever held the variant.
 */
public record StockTotals(VariantId variantId, int onHand, int reserved, List<StockLevel> levels) {
    public StockTotals {
        Objects.requireNonNull(variantId, "variantId");
        levels = List.copyOf(levels);
    }

    /** On hand minus reserved over active locations. */
    public int available() {
        return onHand - reserved;
    }
}
