package io.storesync.api.inventory;

import io.storesync.api.catalogue.VariantId;
import java.time.Instant;
import java.util.Objects;

/** Stock of one variant at one location. Available is what can still be promised: on hand minus reserved. */
public record StockLevel(VariantId variantId, LocationId locationId, int onHand, int reserved, int reorderPoint,
        int reorderQuantity, Instant updatedAt) {
    public StockLevel {
        Objects.requireNonNull(variantId, "variantId");
        Objects.requireNonNull(locationId, "locationId");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** On hand minus reserved; never negative, the database refuses any change that would make it so. */
    public int available() {
        return onHand - reserved;
    }
}
